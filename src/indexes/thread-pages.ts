// Thread and message pages: neighbours, parents, replies and positions resolved once for the templates.
import type { ListConfig } from "../ingest/index.ts";
import type { ThreadEntry, ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

export interface LinkRef {
  url: string;
  /** The message's anchor on its thread page. */
  anchor: string;
  subject: string;
  fromName: string;
  date: string | null;
}

export interface ThreadPageEntry extends ThreadEntry {
  parent: LinkRef | null;
  replies: LinkRef[];
}

export interface ThreadPage {
  thread: ThreadRecord;
  listTitle: string;
  entries: ThreadPageEntry[];
  prevThread: ThreadRecord | null;
  nextThread: ThreadRecord | null;
  /** Months (`YYYY-MM`) the thread has messages in. */
  months: string[];
}

export interface MessagePage {
  record: MessageRecord;
  listTitle: string;
  thread: ThreadRecord;
  threadPageUrl: string;
  parent: LinkRef | null;
  replies: LinkRef[];
  /** Previous and next message of the list by date. */
  prevMessage: LinkRef | null;
  nextMessage: LinkRef | null;
}

/** `records` chronological, `threads` in order of their first message. */
export function buildThreadPages(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): { threadPages: ThreadPage[]; messagePages: MessagePage[] } {
  // One link and one list of replies per message, shared by every page showing them (a million
  // messages would otherwise hold some five million copies); pages never change them.
  const refs = new Map<MessageRecord, LinkRef>();
  const ref = (r: MessageRecord): LinkRef => {
    let link = refs.get(r);
    if (!link) refs.set(r, (link = { url: r.url, anchor: r.anchor, subject: r.displaySubject, fromName: r.from.name || r.from.address || "(unknown sender)", date: r.date }));
    return link;
  };
  const byId = new Map<string, MessageRecord>();
  for (const r of records) if (!byId.has(r.messageId)) byId.set(r.messageId, r); // chronological: the plain permalink first
  const replies = new Map<string, MessageRecord[]>();
  for (const r of records) {
    if (r.parentId === null) continue;
    const list = replies.get(r.parentId);
    if (list) list.push(r);
    else replies.set(r.parentId, [r]);
  }
  // A parent the list took down has no record: the reply shows no parent link.
  const parentOf = (r: MessageRecord) => {
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    return parent ? ref(parent) : null;
  };
  const NONE: LinkRef[] = [];
  const replyLinks = new Map<MessageRecord, LinkRef[]>();
  const repliesOf = (r: MessageRecord): LinkRef[] => {
    const direct = byId.get(r.messageId) === r ? replies.get(r.messageId) : undefined;
    if (!direct) return NONE;
    let links = replyLinks.get(r);
    if (!links) replyLinks.set(r, (links = direct.map(ref)));
    return links;
  };

  const threadPages: ThreadPage[] = threads.map((thread, i) => ({
    thread,
    listTitle: config.title,
    entries: thread.entries.map((e) => ({ ...e, parent: e.record ? parentOf(e.record) : null, replies: e.record ? repliesOf(e.record) : [] })),
    prevThread: threads[i - 1] ?? null,
    nextThread: threads[i + 1] ?? null,
    months: [...new Set(thread.entries.flatMap((e) => (e.record?.date ? [e.record.date.slice(0, 7)] : [])))].sort(),
  }));
  const threadOf = new Map<string, ThreadRecord>();
  for (const t of threads) for (const e of t.entries) if (e.record) threadOf.set(e.record.url, t);
  const messagePages: MessagePage[] = records.map((r, i) => ({
    record: r,
    listTitle: config.title,
    thread: threadOf.get(r.url)!,
    threadPageUrl: threadOf.get(r.url)!.url,
    parent: parentOf(r),
    replies: repliesOf(r),
    prevMessage: i > 0 ? ref(records[i - 1]!) : null,
    nextMessage: i + 1 < records.length ? ref(records[i + 1]!) : null,
  }));
  return { threadPages, messagePages };
}

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

/**
 * Where a message sits in its thread, as its permalink page shows it: the whole outline of a
 * thread of up to OUTLINE_WHOLE entries; of a longer one, the thread's first entry and a slice
 * of OUTLINE_AROUND entries either side of the message (as MHonArc's thread slice), with how many
 * entries the slice leaves out before and after it.
 */
export interface OutlineSlice {
  entries: readonly ThreadEntry[];
  /** Entries left out between the first one and the slice. */
  before: number;
  /** Entries left out after the slice. */
  after: number;
}

/** Threads of up to this many entries are outlined whole on each permalink page. */
export const OUTLINE_WHOLE = 40;
/** Entries shown either side of the message in the outline of a longer thread. */
export const OUTLINE_AROUND = 15;

export interface MessagePage {
  record: MessageRecord;
  listTitle: string;
  thread: ThreadRecord;
  outline: OutlineSlice;
  threadPageUrl: string;
  parent: LinkRef | null;
  replies: LinkRef[];
  /** Previous and next message of the list by date. */
  prevMessage: LinkRef | null;
  nextMessage: LinkRef | null;
}

/**
 * A page not made yet: its URL, what it is made of, and how to make it. `make` reads nothing but
 * `inputs` (records and threads) and the list's settings, so a rebuild that finds the same inputs
 * keeps the page without making it: a page reading more must name it in its inputs.
 */
export interface PendingPage<T> {
  url: string;
  inputs: readonly (MessageRecord | ThreadRecord | null)[];
  make(): T;
}

/** A thread's page and the permalink pages of its messages (chronological). */
export interface ThreadPageGroup {
  threadPage: PendingPage<ThreadPage>;
  messagePages: PendingPage<MessagePage>[];
}

/**
 * The thread and message pages of a list, made a thread at a time as they are iterated, and only
 * when asked (a million messages' pages held at once would be some 400 MB). Iterable again.
 * `records` chronological, `threads` in order of their first message.
 */
export function threadPageGroups(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): Iterable<ThreadPageGroup> {
  return {
    *[Symbol.iterator]() {
      yield* groupsOf(config, records, threads);
    },
  };
}

function* groupsOf(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): Generator<ThreadPageGroup> {
  const byId = new Map<string, MessageRecord>();
  for (const r of records) if (!byId.has(r.messageId)) byId.set(r.messageId, r); // chronological: the plain permalink first
  const replies = new Map<string, MessageRecord[]>();
  const position = new Map<MessageRecord, number>();
  records.forEach((r, i) => {
    position.set(r, i);
    if (r.parentId === null) return;
    const list = replies.get(r.parentId);
    if (list) list.push(r);
    else replies.set(r.parentId, [r]);
  });
  // A parent the list took down has no record: the reply shows no parent link.
  const parentOf = (r: MessageRecord) => (r.parentId === null ? null : (byId.get(r.parentId) ?? null));
  const repliesOf = (r: MessageRecord): readonly MessageRecord[] => (byId.get(r.messageId) === r ? (replies.get(r.messageId) ?? NO_RECORDS) : NO_RECORDS);
  let shown = 0;
  for (const [i, thread] of threads.entries()) {
    // One link and one list of replies per message, shared by the thread's pages showing them.
    const refs = new Map<MessageRecord, LinkRef>();
    const ref = (r: MessageRecord): LinkRef => {
      let link = refs.get(r);
      if (!link) refs.set(r, (link = linkTo(r)));
      return link;
    };
    const replyLinks = new Map<MessageRecord, LinkRef[]>();
    const replyLinksOf = (r: MessageRecord): LinkRef[] => {
      const direct = repliesOf(r);
      if (direct.length === 0) return NONE;
      let links = replyLinks.get(r);
      if (!links) replyLinks.set(r, (links = direct.map(ref)));
      return links;
    };
    const linkToParent = (r: MessageRecord) => {
      const parent = parentOf(r);
      return parent ? ref(parent) : null;
    };
    const prevThread = threads[i - 1] ?? null;
    const nextThread = threads[i + 1] ?? null;
    const threadPage: PendingPage<ThreadPage> = {
      url: thread.url,
      inputs: [thread, prevThread, nextThread, ...thread.entries.flatMap((e) => (e.record ? [parentOf(e.record), ...repliesOf(e.record)] : []))],
      make: () => ({
        thread,
        listTitle: config.title,
        // Written out, not spread: spread copies got a hidden class each (some 440 bytes a message).
        entries: thread.entries.map(
          (e): ThreadPageEntry => ({ record: e.record, removed: e.removed, messageId: e.messageId, depth: e.depth, parent: e.record ? linkToParent(e.record) : null, replies: e.record ? replyLinksOf(e.record) : NONE }),
        ),
        prevThread,
        nextThread,
        months: [...new Set(thread.entries.flatMap((e) => (e.record?.date ? [e.record.date.slice(0, 7)] : [])))].sort(),
      }),
    };
    const mine = thread.entries.flatMap((e) => (e.record ? [position.get(e.record)!] : [])).sort((a, b) => a - b);
    const messagePages = mine.map((at): PendingPage<MessagePage> => {
      const r = records[at]!;
      const prev = records[at - 1] ?? null;
      const next = records[at + 1] ?? null;
      return {
        url: r.url,
        inputs: [r, thread, parentOf(r), prev, next, ...repliesOf(r)],
        make: () => ({
          record: r,
          listTitle: config.title,
          thread,
          outline: outlineAround(thread.entries, r),
          threadPageUrl: thread.url,
          parent: linkToParent(r),
          replies: replyLinksOf(r),
          prevMessage: prev && linkTo(prev),
          nextMessage: next && linkTo(next),
        }),
      };
    });
    shown += messagePages.length;
    yield { threadPage, messagePages };
  }
  if (shown !== records.length) throw new Error(`internal error: ${records.length - shown} messages of ${config.id} are on no thread page`);
}

/** The outline a permalink page shows of `entries` (its thread's) around `record` (see OutlineSlice). */
export function outlineAround(entries: readonly ThreadEntry[], record: MessageRecord): OutlineSlice {
  if (entries.length <= OUTLINE_WHOLE) return { entries, before: 0, after: 0 };
  const at = entries.findIndex((e) => e.record === record);
  const from = Math.max(1, at - OUTLINE_AROUND);
  const to = Math.min(entries.length, at + OUTLINE_AROUND + 1);
  return { entries: [entries[0]!, ...entries.slice(from, to)], before: from - 1, after: entries.length - to };
}

const NONE: LinkRef[] = [];
const NO_RECORDS: readonly MessageRecord[] = [];

function linkTo(r: MessageRecord): LinkRef {
  return { url: r.url, anchor: r.anchor, subject: r.displaySubject, fromName: r.from.name || r.from.address || "(unknown sender)", date: r.date };
}

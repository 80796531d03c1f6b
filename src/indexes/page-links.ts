// The links thread and message pages show: a list's records by place, by Message-ID and by the
// message they reply to, one link per record a thread's pages share, and the threads beside it.
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

export interface LinkRef {
  url: string;
  /** The message's anchor on its thread page. */
  anchor: string;
  subject: string;
  fromName: string;
  date: string | null;
}

/** A link to a neighbouring thread: what its page shows of it. */
export interface ThreadLink {
  url: string;
  subject: string;
}

/**
 * A list's records as its thread and message pages look them up: their place by date, and by
 * Message-ID with their replies (made once a page is: a rebuild keeps most threads' pages whole).
 */
export class ListLinks {
  readonly position = new Map<MessageRecord, number>();
  private ids: { byId: Map<string, MessageRecord>; replies: Map<string, MessageRecord[]> } | null = null;

  constructor(private readonly records: readonly MessageRecord[]) {
    records.forEach((r, i) => this.position.set(r, i));
  }

  private byMessageId() {
    if (this.ids === null) {
      const byId = new Map<string, MessageRecord>();
      const replies = new Map<string, MessageRecord[]>();
      for (const r of this.records) {
        if (!byId.has(r.messageId)) byId.set(r.messageId, r); // chronological: the plain permalink first
        if (r.parentId === null) continue;
        const list = replies.get(r.parentId);
        if (list) list.push(r);
        else replies.set(r.parentId, [r]);
      }
      this.ids = { byId, replies };
    }
    return this.ids;
  }

  /** A parent the list took down has no record: the reply shows no parent link. */
  parentOf(r: MessageRecord): MessageRecord | null {
    return r.parentId === null ? null : (this.byMessageId().byId.get(r.parentId) ?? null);
  }

  repliesOf(r: MessageRecord): readonly MessageRecord[] {
    const { byId, replies } = this.byMessageId();
    return byId.get(r.messageId) === r ? (replies.get(r.messageId) ?? NO_RECORDS) : NO_RECORDS;
  }
}

/**
 * One thread's links: one link and one list of replies per message, shared by the thread's pages
 * showing them. Its maps are made once a page of the thread is: a rebuild keeps most threads' pages.
 */
export class ThreadLinks {
  private refs: Map<MessageRecord, LinkRef> | null = null;
  private replyLinks: Map<MessageRecord, LinkRef[]> | null = null;

  constructor(readonly list: ListLinks) {}

  ref(r: MessageRecord): LinkRef {
    this.refs ??= new Map();
    let link = this.refs.get(r);
    if (!link) this.refs.set(r, (link = linkTo(r)));
    return link;
  }

  repliesTo(r: MessageRecord): LinkRef[] {
    const direct = this.list.repliesOf(r);
    if (direct.length === 0) return NONE;
    this.replyLinks ??= new Map();
    let links = this.replyLinks.get(r);
    if (!links) this.replyLinks.set(r, (links = direct.map((d) => this.ref(d))));
    return links;
  }

  parentOf(r: MessageRecord): LinkRef | null {
    const parent = this.list.parentOf(r);
    return parent ? this.ref(parent) : null;
  }
}

/** No links (a message without replies), one list shared. */
export const NONE: LinkRef[] = [];
const NO_RECORDS: readonly MessageRecord[] = [];

export const threadLink = (t: ThreadRecord): ThreadLink => ({ url: t.url, subject: t.subject });

/**
 * What a thread's link is made of (threadLink): its first record, whose subject is the thread's
 * (threads.ts) and whose thread id, with the list's, makes the thread's URL. Should a thread ever
 * not be so, the whole thread: its page is then made again more often than it needs, never less.
 */
export function linkSource(t: ThreadRecord): MessageRecord | ThreadRecord {
  const first = t.entries.find((e) => e.record !== null)?.record;
  return first && first.threadId === t.threadId && first.displaySubject === t.subject ? first : t;
}

export function linkTo(r: MessageRecord): LinkRef {
  return { url: r.url, anchor: r.anchor, subject: r.displaySubject, fromName: r.from.name || r.from.address || "(unknown sender)", date: r.date };
}

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

/** A link to a neighbouring thread: what its page shows of it. */
export interface ThreadLink {
  url: string;
  subject: string;
}

export interface ThreadPage {
  thread: ThreadRecord;
  listTitle: string;
  entries: ThreadPageEntry[];
  /**
   * The threads before and after by first message, as links: the page shows no more of them, and
   * a thread's pages are handed to a render worker with their data copied (their records with them).
   */
  prevThread: ThreadLink | null;
  nextThread: ThreadLink | null;
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
 * `records` chronological, `threads` in order of their first message; the groups come latest thread first.
 */
export function threadPageGroups(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): Iterable<ThreadPageGroup> {
  return {
    *[Symbol.iterator]() {
      yield* groupsOf(config, records, threads);
    },
  };
}

function* groupsOf(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): Generator<ThreadPageGroup> {
  const list = new ListLinks(records);
  let shown = 0;
  // Latest thread first: the pages new mail changes are then the first a rebuild meets.
  for (let i = threads.length - 1; i >= 0; i--) {
    const thread = threads[i]!;
    const links = new ThreadLinks(list);
    const threadPage = new PendingThreadPage(config, thread, threads[i - 1] ?? null, threads[i + 1] ?? null, links);
    const mine: number[] = [];
    for (const e of thread.entries) if (e.record) mine.push(list.position.get(e.record)!);
    mine.sort((a, b) => a - b);
    const messagePages = mine.map((at) => new PendingMessagePage(config, thread, records, at, links));
    shown += messagePages.length;
    yield { threadPage, messagePages };
  }
  if (shown !== records.length) throw new Error(`internal error: ${records.length - shown} messages of ${config.id} are on no thread page`);
}

// Classes rather than closures: a list has a pending page per message, and each closure made per
// page (or per thread) costs an allocation and, under tsx, a call naming it.

/** A list's records as its thread and message pages look them up: by Message-ID, their replies, their place by date. */
class ListLinks {
  readonly byId = new Map<string, MessageRecord>();
  readonly replies = new Map<string, MessageRecord[]>();
  readonly position = new Map<MessageRecord, number>();

  constructor(records: readonly MessageRecord[]) {
    for (const r of records) if (!this.byId.has(r.messageId)) this.byId.set(r.messageId, r); // chronological: the plain permalink first
    records.forEach((r, i) => {
      this.position.set(r, i);
      if (r.parentId === null) return;
      const list = this.replies.get(r.parentId);
      if (list) list.push(r);
      else this.replies.set(r.parentId, [r]);
    });
  }

  /** A parent the list took down has no record: the reply shows no parent link. */
  parentOf(r: MessageRecord): MessageRecord | null {
    return r.parentId === null ? null : (this.byId.get(r.parentId) ?? null);
  }

  repliesOf(r: MessageRecord): readonly MessageRecord[] {
    return this.byId.get(r.messageId) === r ? (this.replies.get(r.messageId) ?? NO_RECORDS) : NO_RECORDS;
  }
}

/**
 * One thread's links: one link and one list of replies per message, shared by the thread's pages
 * showing them. Its maps are made once a page of the thread is: a rebuild keeps most threads' pages.
 */
class ThreadLinks {
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

class PendingThreadPage implements PendingPage<ThreadPage> {
  readonly url: string;
  readonly inputs: readonly (MessageRecord | ThreadRecord | null)[];

  constructor(
    private readonly config: ListConfig,
    private readonly thread: ThreadRecord,
    private readonly prevThread: ThreadRecord | null,
    private readonly nextThread: ThreadRecord | null,
    private readonly links: ThreadLinks,
  ) {
    const list = links.list;
    this.url = thread.url;
    // A neighbour shows as its link, made of its first record: its subject, and its thread id (in its
    // URL). Not the whole thread, whose every reply would make this page again.
    const inputs: (MessageRecord | ThreadRecord | null)[] = [thread, prevThread && linkSource(prevThread), nextThread && linkSource(nextThread)];
    for (const e of thread.entries) if (e.record) inputs.push(list.parentOf(e.record), ...list.repliesOf(e.record));
    this.inputs = inputs;
  }

  make(): ThreadPage {
    const { thread, links } = this;
    return {
      thread,
      listTitle: this.config.title,
      // Written out, not spread: spread copies got a hidden class each (some 440 bytes a message).
      entries: thread.entries.map(
        (e): ThreadPageEntry => ({ record: e.record, removed: e.removed, messageId: e.messageId, depth: e.depth, parent: e.record ? links.parentOf(e.record) : null, replies: e.record ? links.repliesTo(e.record) : NONE }),
      ),
      prevThread: this.prevThread && threadLink(this.prevThread),
      nextThread: this.nextThread && threadLink(this.nextThread),
      months: [...new Set(thread.entries.flatMap((e) => (e.record?.date ? [e.record.date.slice(0, 7)] : [])))].sort(),
    };
  }
}

class PendingMessagePage implements PendingPage<MessagePage> {
  readonly url: string;
  readonly inputs: readonly (MessageRecord | ThreadRecord | null)[];

  /** The page of `records[at]`, whose neighbours by date are the records beside it. */
  constructor(
    private readonly config: ListConfig,
    private readonly thread: ThreadRecord,
    private readonly records: readonly MessageRecord[],
    private readonly at: number,
    private readonly links: ThreadLinks,
  ) {
    const r = records[at]!;
    this.url = r.url;
    this.inputs = [r, thread, links.list.parentOf(r), records[at - 1] ?? null, records[at + 1] ?? null, ...links.list.repliesOf(r)];
  }

  make(): MessagePage {
    const { thread, links, records, at } = this;
    const r = records[at]!;
    const prev = records[at - 1] ?? null;
    const next = records[at + 1] ?? null;
    return {
      record: r,
      listTitle: this.config.title,
      thread,
      outline: outlineAround(thread.entries, r),
      threadPageUrl: thread.url,
      parent: links.parentOf(r),
      replies: links.repliesTo(r),
      prevMessage: prev && linkTo(prev),
      nextMessage: next && linkTo(next),
    };
  }
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

const threadLink = (t: ThreadRecord): ThreadLink => ({ url: t.url, subject: t.subject });

/**
 * What a thread's link is made of (threadLink): its first record, whose subject is the thread's
 * (threads.ts) and whose thread id, with the list's, makes the thread's URL. Should a thread ever
 * not be so, the whole thread: its page is then made again more often than it needs, never less.
 */
function linkSource(t: ThreadRecord): MessageRecord | ThreadRecord {
  const first = t.entries.find((e) => e.record !== null)?.record;
  return first && first.threadId === t.threadId && first.displaySubject === t.subject ? first : t;
}

function linkTo(r: MessageRecord): LinkRef {
  return { url: r.url, anchor: r.anchor, subject: r.displaySubject, fromName: r.from.name || r.from.address || "(unknown sender)", date: r.date };
}

// Thread and message pages: neighbours, parents, replies and positions resolved once for the templates.
import type { ListConfig } from "../ingest/index.ts";
import type { Digests } from "./digests.ts";
import { linkSource, linkTo, ListLinks, NONE, threadLink, ThreadLinks, type LinkRef, type ThreadLink } from "./page-links.ts";
import type { ThreadEntry, ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

export type { LinkRef, ThreadLink } from "./page-links.ts";

export interface ThreadPageEntry extends ThreadEntry {
  parent: LinkRef | null;
  replies: LinkRef[];
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

/**
 * A thread's page and the permalink pages of its messages (chronological): their URLs, what they
 * are made of as a text (`text()`), and the pages themselves, made when first asked for (a rebuild
 * that finds a thread's text unchanged keeps its pages without them).
 */
export interface ThreadPageGroup {
  /** The thread page's URL, then its message pages' (chronological). */
  urls: readonly string[];
  /**
   * What every page of the group is made of, records and threads by their digests: the thread
   * (its records, whose parents and replies are in it too: a reply is linked below its parent),
   * the threads before and after by what their links show (linkSource), and each message's
   * neighbours by date. The same text, under the same code and settings, makes the same pages:
   * each page's own inputs are among these (tests/unit/thread-pages.test.ts holds them to it).
   */
  text(): string;
  readonly threadPage: PendingPage<ThreadPage>;
  readonly messagePages: readonly PendingPage<MessagePage>[];
}

/**
 * The thread and message pages of a list, made a thread at a time as they are iterated, and only
 * when asked (a million messages' pages held at once would be some 400 MB). Iterable again.
 * `records` chronological, `threads` in order of their first message; the groups come latest
 * thread first. `digests`: the build's, which the groups' texts are made of.
 */
export function threadPageGroups(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[], digests: Digests): Iterable<ThreadPageGroup> {
  return {
    *[Symbol.iterator]() {
      yield* groupsOf(config, records, threads, digests);
    },
  };
}

function* groupsOf(config: ListConfig, records: readonly MessageRecord[], threads: readonly ThreadRecord[], digests: Digests): Generator<ThreadPageGroup> {
  const list = new ListLinks(records);
  let shown = 0;
  // Latest thread first: the pages new mail changes are then the first a rebuild meets.
  for (let i = threads.length - 1; i >= 0; i--) {
    const thread = threads[i]!;
    const mine: number[] = [];
    for (const e of thread.entries) if (e.record) mine.push(list.position.get(e.record)!);
    mine.sort((a, b) => a - b);
    shown += mine.length;
    yield new Group(config, records, thread, threads[i - 1] ?? null, threads[i + 1] ?? null, mine, list, digests);
  }
  if (shown !== records.length) throw new Error(`internal error: ${records.length - shown} messages of ${config.id} are on no thread page`);
}

/** A thread's pages (ThreadPageGroup); `mine`: the places of its records in the list's, ascending. */
class Group implements ThreadPageGroup {
  readonly urls: string[];
  private pages: { thread: PendingPage<ThreadPage>; messages: PendingPage<MessagePage>[] } | null = null;

  constructor(
    private readonly config: ListConfig,
    private readonly records: readonly MessageRecord[],
    private readonly thread: ThreadRecord,
    private readonly prevThread: ThreadRecord | null,
    private readonly nextThread: ThreadRecord | null,
    private readonly mine: readonly number[],
    private readonly list: ListLinks,
    private readonly digests: Digests,
  ) {
    this.urls = [thread.url];
    for (const at of mine) this.urls.push(records[at]!.url);
  }

  text(): string {
    const { digests, records } = this;
    const of = (input: MessageRecord | ThreadRecord | null | undefined) => (input ? digests.of(input) : "-");
    let text = `${of(this.thread)} ${of(this.prevThread && linkSource(this.prevThread))} ${of(this.nextThread && linkSource(this.nextThread))}`;
    for (const at of this.mine) text += ` ${of(records[at - 1])}:${of(records[at + 1])}`;
    return text;
  }

  get threadPage(): PendingPage<ThreadPage> {
    return this.made().thread;
  }

  get messagePages(): readonly PendingPage<MessagePage>[] {
    return this.made().messages;
  }

  private made() {
    if (this.pages === null) {
      const { config, thread, records } = this;
      const links = new ThreadLinks(this.list);
      this.pages = {
        thread: new PendingThreadPage(config, thread, this.prevThread, this.nextThread, links),
        messages: this.mine.map((at) => new PendingMessagePage(config, thread, records, at, links)),
      };
    }
    return this.pages;
  }
}

// Classes rather than closures: a list has a pending page per message, and each closure made per
// page (or per thread) costs an allocation and, under tsx, a call naming it. Made only for a thread
// whose group's text changed (or one of whose pages is gone): see ThreadPageGroup.

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

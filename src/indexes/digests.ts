// Digests of records and threads: a short hash standing for each in the keys of what is made of them
// (pages, the export, search segments), made once per build however many files name it.
import { hashOf } from "../archive/hash.ts";
import type { ThreadEntry, ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

/**
 * A build's digests. A record's hashes its message's parse-cache key (its raw bytes and the options
 * it was parsed with: every field of its head) and what the record adds to its head, not the whole
 * record; with no key for it, the whole record. A thread's hashes its list, its id and its entries,
 * whose records stand in by their digests (the rest of a thread is made of those). A digest holds
 * nothing of the code that makes records and threads: keys must hash that too.
 */
export class Digests {
  /**
   * Where each digest made is kept: on the record or thread itself, under this symbol (this
   * build's). JSON, structured clones (a page handed to a render worker) and Object.keys (templates)
   * pass over a symbol's property. A map of 200k records looked up some 1.5 million times a build
   * (pages, their keys, search) took 0.4 s; a property, a fraction of that. Set by assignment:
   * Object.defineProperty took 24-81 ms per 100k records here, assignment 3-24 ms.
   */
  private readonly mark = Symbol("digest");
  /** Set beside it on a record that has no parse-cache key (hasSource). */
  private readonly unsourced = Symbol("no source");

  /** `sourceKey`: the parse-cache key of the message published at a URL. */
  constructor(private readonly sourceKey: (url: string) => string | undefined = () => undefined) {}

  of(input: MessageRecord | ThreadRecord): string {
    const kept = (input as unknown as Record<symbol, string | undefined>)[this.mark];
    if (kept !== undefined) return kept;
    let d: string;
    if ("entries" in input) d = hash(this.threadText(input));
    else {
      // Serialised without a replacer (a call per key, most of the cost when there was one).
      const source = this.sourceKey(input.url);
      if (source === undefined) (input as unknown as Record<symbol, boolean>)[this.unsourced] = true;
      d = hash(source === undefined ? JSON.stringify(input) : JSON.stringify([source, ...madeBesidesHead(input)]));
    }
    (input as unknown as Record<symbol, string>)[this.mark] = d;
    return d;
  }

  /**
   * What a thread's digest hashes: its list and id, then a line per entry (THREAD_FIELDS: the rest
   * of a thread is made of these). An archived message stands in by its record's digest and its
   * depth; a ghost or removed one by its Message-ID. Written out rather than the thread serialised
   * whole: some 390 bytes a message at 100k messages, most of them said again by the records' digests.
   */
  private threadText(t: ThreadRecord): string {
    let text = JSON.stringify([t.listId, t.threadId]);
    for (const e of t.entries) text += e.record ? `\n${this.of(e.record)} ${e.depth}` : `\n${e.removed ? "removed" : "ghost"} ${e.depth} ${JSON.stringify(e.messageId)}`;
    return text;
  }

  /** Whether the record's digest stands for the words its message was parsed into (it has a parse-cache key). */
  hasSource(record: MessageRecord): boolean {
    this.of(record);
    return (record as unknown as Record<symbol, true | undefined>)[this.unsourced] !== true;
  }
}

/**
 * Every field of a thread, and how its digest covers it (threadText): hashed, or made of what is
 * (by code every key hashes). A field added to ThreadRecord or ThreadEntry fails to compile here
 * until it is said which.
 */
const THREAD_FIELDS = {
  listId: "hashed",
  threadId: "hashed",
  url: "made of the list and thread id",
  entries: "hashed, one by one",
  subject: "its first record's",
  messageCount: "its records counted",
  starterName: "its first record's",
  firstDate: "its records' dates",
  lastDate: "its records' dates",
} as const satisfies Record<keyof ThreadRecord, string>;
const ENTRY_FIELDS = {
  record: "its digest",
  depth: "hashed",
  removed: "hashed (a removed entry has no record)",
  messageId: "its record's, or hashed when it has none",
} as const satisfies Record<keyof ThreadEntry, string>;
void [THREAD_FIELDS, ENTRY_FIELDS];

const hash = (value: string) => hashOf("sha1", value, "base64url");

/**
 * What a record holds besides what its message's parsed head and the list's settings make
 * (message-records.ts, authors.ts): its URL (the list, the Message-ID, the variant of a shared
 * one), its place in its thread, its author's page (named after their earliest message) and where
 * it was found. With the head's parse-cache key (its raw bytes and parse options) and the code and
 * settings, that is everything the record is made of.
 */
function madeBesidesHead(r: MessageRecord): unknown[] {
  return [r.url, r.parentId, r.missingParentId, r.threadId, r.authorUrl, r.sources];
}

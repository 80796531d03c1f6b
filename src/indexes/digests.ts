// Digests of records and threads: a short hash standing for each in the keys of what is made of them
// (pages, the export, search segments), made once per build however many files name it.
import { hashOf } from "../archive/hash.ts";
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

/**
 * A build's digests. A record's hashes its message's parse-cache key (its raw bytes and the options
 * it was parsed with: every field of its head) and what the record adds to its head, not the whole
 * record; with no key for it, the whole record. A thread's hashes its fields and its entries, whose
 * records stand in by their digests. A digest holds nothing of the code that makes records and
 * threads: keys must hash that too.
 */
export class Digests {
  private readonly made = new Map<MessageRecord | ThreadRecord, string>();

  /** `sourceKey`: the parse-cache key of the message published at a URL. */
  constructor(private readonly sourceKey: (url: string) => string | undefined = () => undefined) {}

  of(input: MessageRecord | ThreadRecord): string {
    let d = this.made.get(input);
    if (d === undefined) {
      // Serialised without a replacer (a call per key, most of the cost when there was one).
      if ("entries" in input) d = hash(JSON.stringify({ ...input, entries: input.entries.map((e) => ({ ...e, record: e.record && this.of(e.record) })) }));
      else {
        const source = this.sourceKey(input.url);
        d = hash(source === undefined ? JSON.stringify(input) : JSON.stringify([source, ...madeBesidesHead(input)]));
      }
      this.made.set(input, d);
    }
    return d;
  }

  /** Whether the record's digest stands for the words its message was parsed into (it has a parse-cache key). */
  hasSource(record: MessageRecord): boolean {
    return this.sourceKey(record.url) !== undefined;
  }
}

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

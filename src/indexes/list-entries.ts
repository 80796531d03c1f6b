// What month and author pages show of each message and thread they list: a slim copy made once per
// message and thread, so handing those pages to a render worker copies a few fields, not whole threads.
import type { Digests } from "./digests.ts";
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

/** A message in a list of messages (message-list.njk). */
export type MessageListEntry = Pick<MessageRecord, "url" | "displaySubject" | "authorUrl" | "from" | "date">;

/** A thread in a list of threads (thread-list.njk). */
export type ThreadListEntry = Pick<ThreadRecord, "url" | "subject" | "starterName" | "messageCount" | "lastDate">;

/**
 * An entry serialises (JSON.stringify, as a page's key is made of its data) as the digest of the
 * record or thread it is copied from, which covers every field it has (digests.ts), and which the
 * build makes anyway for pages and search. A message is listed on three views of its month and on
 * its author's page: serialised whole, a 100k-message list's month pages came to 106 MB of JSON to
 * hash at every build; with a digest made of each entry's own fields, 0.3 s more than this. The
 * page is then made again when anything of the record changes, not only what it shows (its
 * parent, its sources): rarely. A copy of an entry (a render worker's) is plain data, without the
 * private fields; templates read its fields.
 */
class Entry {
  readonly #source: MessageRecord | ThreadRecord;
  readonly #digests: Digests;

  constructor(source: MessageRecord | ThreadRecord, digests: Digests) {
    this.#source = source;
    this.#digests = digests;
  }

  toJSON(): string {
    return this.#digests.of(this.#source);
  }
}

class MessageEntry extends Entry implements MessageListEntry {
  readonly url: string;
  readonly displaySubject: string;
  readonly authorUrl: string;
  readonly from: { name: string; address: string };
  readonly date: string | null;

  constructor(r: MessageRecord, digests: Digests) {
    super(r, digests);
    this.url = r.url;
    this.displaySubject = r.displaySubject;
    this.authorUrl = r.authorUrl;
    this.from = { name: r.from.name, address: r.from.address };
    this.date = r.date;
  }
}

class ThreadEntry extends Entry implements ThreadListEntry {
  readonly url: string;
  readonly subject: string;
  readonly starterName: string;
  readonly messageCount: number;
  readonly lastDate: string | null;

  constructor(t: ThreadRecord, digests: Digests) {
    super(t, digests);
    this.url = t.url;
    this.subject = t.subject;
    this.starterName = t.starterName;
    this.messageCount = t.messageCount;
    this.lastDate = t.lastDate;
  }
}

/**
 * One list's entries, each made on first use; make it once the records' author URLs are set
 * (buildAuthors). `digests`: the build's, which entries serialise as.
 */
export class ListEntries {
  private readonly messages = new Map<MessageRecord, MessageListEntry>();
  private readonly threads = new Map<ThreadRecord, ThreadListEntry>();

  constructor(private readonly digests: Digests) {}

  message(r: MessageRecord): MessageListEntry {
    let entry = this.messages.get(r);
    if (entry === undefined) this.messages.set(r, (entry = new MessageEntry(r, this.digests)));
    return entry;
  }

  thread(t: ThreadRecord): ThreadListEntry {
    let entry = this.threads.get(t);
    if (entry === undefined) this.threads.set(t, (entry = new ThreadEntry(t, this.digests)));
    return entry;
  }
}

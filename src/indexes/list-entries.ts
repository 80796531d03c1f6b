// What month and author pages show of each message and thread they list: a slim copy made once per
// message and thread, so those pages' data is what they show. Their keys change only when something
// shown changes, and handing them to a render worker copies a few fields, not whole threads.
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

/** A message in a list of messages (message-list.njk). */
export type MessageListEntry = Pick<MessageRecord, "url" | "displaySubject" | "authorUrl" | "from" | "date">;

/** A thread in a list of threads (thread-list.njk). */
export type ThreadListEntry = Pick<ThreadRecord, "url" | "subject" | "starterName" | "messageCount" | "lastDate">;

/** One list's entries, each made on first use; make it once the records' author URLs are set (buildAuthors). */
export class ListEntries {
  private readonly messages = new Map<MessageRecord, MessageListEntry>();
  private readonly threads = new Map<ThreadRecord, ThreadListEntry>();

  message(r: MessageRecord): MessageListEntry {
    let entry = this.messages.get(r);
    if (entry === undefined) this.messages.set(r, (entry = { url: r.url, displaySubject: r.displaySubject, authorUrl: r.authorUrl, from: { name: r.from.name, address: r.from.address }, date: r.date }));
    return entry;
  }

  thread(t: ThreadRecord): ThreadListEntry {
    let entry = this.threads.get(t);
    if (entry === undefined) this.threads.set(t, (entry = { url: t.url, subject: t.subject, starterName: t.starterName, messageCount: t.messageCount, lastDate: t.lastDate }));
    return entry;
  }
}

// Search documents: one per published message, landing on the reply's anchor in its thread page.
import type { Archive } from "../archive/build-archive.ts";
import { readStoredText, readStoredTexts, type StoredText } from "../archive/stored-messages.ts";
import { compareDates, type MessageRecord } from "../indexes/index.ts";
import { compare } from "../report/diagnostics.ts";

export interface SearchDoc {
  /** Thread page with the message's `#anchor`: a hit lands on the reply. */
  url: string;
  subject: string;
  /** The message's own words (see own-text.ts): what is indexed and excerpted. Read back from the parse cache at each use, so a million documents hold no text. */
  readonly text: string;
  /** Those words with their counts (doc-terms.ts), worked out when the message was parsed; when absent, the builder tokenizes `text`. */
  readonly terms?: string;
  /** `text` and `terms` at once, where that reads them together (one read of the parse cache). */
  words?(): { text: string; terms?: string };
  thread: string;
  threadUrl: string;
  author: string;
  /** ISO date, or "" when the message has none. */
  date: string;
  listId: string;
  permalink: string;
  /** What the words are made of (the message's key in the parse cache): the same key, the same `text` and `terms`. Absent: the index compares the words themselves. */
  contentKey?: string;
}

/** A search document as plain data, for the search worker: where its words and their counts lie instead of them. */
export interface SearchDocSource extends Omit<SearchDoc, "text" | "terms"> {
  text: StoredText;
  terms: StoredText;
}

/** A published message in the search index's order, with what its document needs besides its record. */
export interface DocEntry {
  record: MessageRecord;
  listId: string;
  /** The title of its thread. */
  thread: string;
}

/** Every published message of every list, oldest first (undated last), so a year is a run of documents; ties by their thread page anchor. */
export function searchDocOrder(archive: Archive): DocEntry[] {
  const order: DocEntry[] = [];
  for (const list of archive.lists) {
    // By thread id (a record's thread page is its thread's): no string made per record to look it up.
    const threadTitle = new Map(list.threads.map((t) => [t.threadId, t.subject]));
    for (const r of list.records) order.push({ record: r, listId: list.config.id, thread: threadTitle.get(r.threadId) ?? "" });
  }
  // A list's records are in date order already: with one list, sorted only when messages of one
  // date are not in thread-page order.
  return sorted(order, (a, b) => compareDates(a.record.date, b.record.date) || compare(a.record.threadUrl, b.record.threadUrl));
}

/** The search document of a message, with where its words and their counts lie. */
export function docSource(archive: Archive, { record: r, listId, thread }: DocEntry): SearchDocSource {
  return {
    url: r.threadUrl,
    subject: r.displaySubject,
    // Addresses in the words are already as the list's privacy setting shows them.
    text: archive.messages.textAt(r.url) ?? { text: "" },
    terms: archive.messages.termsAt(r.url) ?? { text: "0" },
    thread,
    threadUrl: threadPageOf(r),
    author: r.from.name || r.from.address || "(unknown sender)",
    date: r.date ?? "",
    listId,
    permalink: r.url,
    contentKey: archive.messages.cacheKey(r.url),
  };
}

/** Every published message of every list as a document, in the index's order (searchDocOrder). */
export function searchDocSources(archive: Archive): SearchDocSource[] {
  return searchDocOrder(archive).map((entry) => docSource(archive, entry));
}

/** `items` in the order of `cmp`, sorted only when they are not in that order already. */
function sorted<T>(items: T[], cmp: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) if (cmp(items[i - 1]!, items[i]!) > 0) return items.sort(cmp);
  return items;
}

const threadPageOf = (r: MessageRecord) => r.threadUrl.slice(0, r.threadUrl.indexOf("#"));

/** The documents of `sources`, each reading its words and their counts when asked (on any thread, while the archive is open). */
export function searchDocs(sources: readonly SearchDocSource[]): SearchDoc[] {
  return sources.map(({ text, terms, ...doc }) => ({
    ...doc,
    get text() {
      return readStoredText(text);
    },
    get terms() {
      return readStoredText(terms);
    },
    words() {
      const [t, counts] = readStoredTexts(text, terms);
      return { text: t, terms: counts };
    },
  }));
}

/** Every published message of every list as a search document, oldest first. */
export function buildSearchDocs(archive: Archive): SearchDoc[] {
  return searchDocs(searchDocSources(archive));
}

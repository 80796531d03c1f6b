// Search documents: one per published message, landing on the reply's anchor in its thread page.
import type { Archive } from "../archive/build-archive.ts";
import { compareDates } from "../indexes/index.ts";
import { compare } from "../report/diagnostics.ts";
import { maskAddresses } from "../render/body-addresses.ts";

export interface SearchDoc {
  /** Thread page with the message's `#anchor`: a hit lands on the reply. */
  url: string;
  subject: string;
  /** The message's own words (see own-text.ts): what is indexed and excerpted. Read back from the parse cache at each use, so a million documents hold no text. */
  readonly text: string;
  thread: string;
  threadUrl: string;
  author: string;
  /** ISO date, or "" when the message has none. */
  date: string;
  listId: string;
  permalink: string;
}

/** Every published message of every list, oldest first (undated last), so a year is a run of documents. */
export function buildSearchDocs(archive: Archive): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const list of archive.lists) {
    const threadTitle = new Map(list.threads.map((t) => [t.url, t.subject]));
    const privacy = list.config.settings.privacy;
    for (const r of list.records) {
      const threadUrl = r.threadUrl.slice(0, r.threadUrl.indexOf("#"));
      docs.push({
        url: r.threadUrl,
        subject: r.displaySubject,
        get text() {
          return maskAddresses(archive.messages.ownText(r.url) ?? "", privacy);
        },
        thread: threadTitle.get(threadUrl) ?? "",
        threadUrl,
        author: r.from.name || r.from.address || "(unknown sender)",
        date: r.date ?? "",
        listId: list.config.id,
        permalink: r.url,
      });
    }
  }
  return docs.sort((a, b) => compareDates(a.date || null, b.date || null) || compare(a.url, b.url));
}

// Search records: one per published message, landing on the reply's anchor in its thread page.
import type { Archive } from "../archive/build-archive.ts";
import { ownText } from "./own-text.ts";

export interface SearchRecord {
  /** Thread page with the message's `#anchor`: a hit lands on the reply. */
  url: string;
  content: string;
  meta: { title: string; thread: string; threadUrl: string; author: string; date: string; list: string; permalink: string };
  filters: { list: string[]; author: string[]; year: string[] };
  sort: { date: string };
}

/** A shard of the index: one list's messages of one year (`undated` for messages without a date). */
export interface SearchShard {
  listId: string;
  year: string;
  records: SearchRecord[];
}

export function buildSearchShards(archive: Archive): SearchShard[] {
  const shards: SearchShard[] = [];
  for (const list of archive.lists) {
    const threadTitle = new Map(list.threads.map((t) => [t.url, t.subject]));
    const byYear = new Map<string, SearchRecord[]>();
    for (const r of list.records) {
      const year = r.date ? r.date.slice(0, 4) : "undated";
      const threadUrl = r.threadUrl.slice(0, r.threadUrl.indexOf("#"));
      const author = r.from.name || r.from.address || "(unknown sender)";
      const record: SearchRecord = {
        url: r.threadUrl,
        content: `${r.displaySubject}\n${ownText(archive.bodies.get(r.url)!, list.config.settings.privacy)}`,
        meta: { title: r.displaySubject || "(no subject)", thread: threadTitle.get(threadUrl) ?? "", threadUrl, author, date: r.date ?? "", list: list.config.title, permalink: r.url },
        filters: { list: [list.config.id], author: [author], year: r.date ? [year] : [] },
        sort: { date: r.date ?? "" },
      };
      const bucket = byYear.get(year);
      if (bucket) bucket.push(record);
      else byYear.set(year, [record]);
    }
    for (const [year, records] of [...byYear].sort((a, b) => (a[0] < b[0] ? -1 : 1))) shards.push({ listId: list.config.id, year, records });
  }
  return shards;
}

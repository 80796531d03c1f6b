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

/** A shard of the index: messages of one list over consecutive years (`undated` for messages without a date). */
export interface SearchShard {
  listId: string;
  years: string[];
  records: SearchRecord[];
}

/**
 * Most records one Pagefind bundle holds (small years of a list are packed together). A query
 * fetches every bundle's metadata and its index chunk of each word, so bundle count and size
 * trade against each other; measured at 100k messages (scripts/bench-search.ts): 5k-record
 * bundles index in 54 s at 0.95 GB peak, 25k-record bundles need 2.8 GB and download more.
 */
export const MAX_SHARD_RECORDS = 5_000;

/** Consecutive years of a list packed into shards of at most MAX_SHARD_RECORDS (a larger single year stays whole). */
export function packShards(listId: string, years: readonly [string, SearchRecord[]][]): SearchShard[] {
  const shards: SearchShard[] = [];
  let current: SearchShard | null = null;
  for (const [year, records] of [...years].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!current || current.records.length + records.length > MAX_SHARD_RECORDS) shards.push((current = { listId, years: [], records: [] }));
    current.years.push(year);
    current.records.push(...records);
  }
  return shards;
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
    shards.push(...packShards(list.config.id, [...byYear]));
  }
  return shards;
}

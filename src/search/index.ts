// Search stage: after the pages are written, the Pagefind bundles and the Message-ID lookup beside them.
import type { Archive } from "../archive/build-archive.ts";
import { buildIdLookup } from "./message-id-lookup.ts";
import { buildSearchShards } from "./records.ts";
import { writeSearchIndex, type ShardBundle } from "./build-index.ts";

export { lookupShard } from "./message-id-lookup.ts";
export { ownText } from "./own-text.ts";
export type { ShardBundle } from "./build-index.ts";

/** What the search page reads first: which bundles exist, for which list and year. */
export interface SearchManifest {
  bundles: (ShardBundle & { listTitle: string })[];
}

export interface SearchResult {
  manifest: SearchManifest;
  /** Site-relative path → file content, for the caller to write. */
  files: Map<string, string>;
  records: number;
}

/** Writes the Pagefind bundles into `outputDir` and returns the manifest and lookup files to write. */
export async function buildSearch(archive: Archive, outputDir: string): Promise<SearchResult> {
  const shards = buildSearchShards(archive);
  const bundles = await writeSearchIndex(shards, outputDir);
  const titles = new Map(archive.lists.map((l) => [l.config.id, l.config.title]));
  const manifest: SearchManifest = { bundles: bundles.map((b) => ({ ...b, listTitle: titles.get(b.listId) ?? b.listId })) };
  const files = new Map<string, string>([["/search/manifest.json", JSON.stringify(manifest)]]);
  for (const [name, ids] of buildIdLookup(archive)) files.set(`/search/ids/${name}.json`, JSON.stringify(ids));
  return { manifest, files, records: shards.reduce((n, s) => n + s.records.length, 0) };
}

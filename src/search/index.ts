// Search stage: after the pages are written, the index files and the Message-ID lookup beside them.
import type { Archive } from "../archive/build-archive.ts";
import { buildIdLookup } from "./message-id-lookup.ts";
import { buildSearchDocs } from "./records.ts";
import { buildSearchIndex, type SearchManifest } from "./build-index.ts";

export { lookupShard } from "./message-id-lookup.ts";
export { ownText } from "./own-text.ts";
export type { SearchManifest } from "./build-index.ts";

export interface SearchResult {
  manifest: SearchManifest;
  /** Site-relative path → file content, for the caller to write (index files `unchanged` kept are left out). */
  files: Map<string, string | Buffer>;
  /** Keys of the index files (see build-index.ts); other files are keyed by their content. */
  keys: Map<string, string>;
  records: number;
  terms: number;
}

/** The search index and Message-ID lookup files of the archive. */
export function buildSearch(archive: Archive, unchanged?: (path: string, key: string) => boolean): SearchResult {
  const docs = buildSearchDocs(archive);
  const index = buildSearchIndex(docs, archive.lists.map((l) => ({ id: l.config.id, title: l.config.title })), unchanged);
  const files = new Map<string, string | Buffer>(index.files);
  files.set("/search/index.json", JSON.stringify(index.manifest));
  for (const [name, ids] of buildIdLookup(archive)) files.set(`/search/ids/${name}.json`, JSON.stringify(ids));
  return { manifest: index.manifest, files, keys: index.keys, records: docs.length, terms: index.terms };
}

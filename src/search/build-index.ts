// The search index: Pagefind run through its Node API on our records, one bundle per list and year.
import * as pagefind from "pagefind";
import type { SearchShard } from "./records.ts";

/** Index language for every record: Pagefind builds one index per language and the page loads only one. */
export const INDEX_LANGUAGE = "en";

export interface ShardBundle {
  listId: string;
  year: string;
  /** Site-relative folder of the bundle (its pagefind.js, index and fragments). */
  path: string;
  records: number;
}

/**
 * Writes `/search/index/<list>/<year>/` for every shard, one shard at a time so Pagefind's memory
 * stays that of the largest shard; the search page merges the bundles (mergeIndex).
 */
export async function writeSearchIndex(shards: readonly SearchShard[], outputDir: string): Promise<ShardBundle[]> {
  const bundles: ShardBundle[] = [];
  try {
    for (const shard of shards) {
      const path = `/search/index/${shard.listId}/${shard.year}/`;
      const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
      if (!index) throw new Error(`Pagefind could not create an index: ${errors.join("; ")}`);
      for (const r of shard.records) {
        const added = await index.addCustomRecord({ ...r, language: INDEX_LANGUAGE });
        if (added.errors.length) throw new Error(`Pagefind rejected ${r.url}: ${added.errors.join("; ")}`);
      }
      const written = await index.writeFiles({ outputPath: `${outputDir}${path}` });
      if (written.errors.length) throw new Error(`Pagefind could not write ${path}: ${written.errors.join("; ")}`);
      await index.deleteIndex();
      bundles.push({ listId: shard.listId, year: shard.year, path, records: shard.records.length });
    }
  } finally {
    await pagefind.close();
  }
  return bundles;
}

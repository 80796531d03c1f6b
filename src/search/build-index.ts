// The search index: Pagefind run through its Node API on our records, one bundle per list and year.
import * as pagefind from "pagefind";
import type { SearchShard } from "./records.ts";

/** Index language for every record: Pagefind builds one index per language and the page loads only one. */
export const INDEX_LANGUAGE = "en";
/**
 * Fragment files per bundle: above this Pagefind packs several results into one file. Writing
 * one file per message was a fifth of the indexing time at 20k messages; results stay small.
 */
const MAX_FRAGMENTS = 300;
/** Records in flight to the Pagefind service at once. */
const BATCH = 1000;

export interface ShardBundle {
  listId: string;
  /** Years whose messages the bundle holds (`undated` included). */
  years: string[];
  /** Site-relative folder of the bundle (its pagefind.js, index and fragments). */
  path: string;
  records: number;
}

/**
 * Writes `/search/index/<list>/<years>/` for every shard, one shard at a time so Pagefind's memory
 * stays that of the largest shard; the search page merges the bundles (mergeIndex).
 */
export async function writeSearchIndex(shards: readonly SearchShard[], outputDir: string): Promise<ShardBundle[]> {
  const bundles: ShardBundle[] = [];
  try {
    for (const shard of shards) {
      const first = shard.years[0]!;
      const last = shard.years[shard.years.length - 1]!;
      const path = `/search/index/${shard.listId}/${first === last ? first : `${first}-${last}`}/`;
      const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE, maxFragments: MAX_FRAGMENTS });
      if (!index) throw new Error(`Pagefind could not create an index: ${errors.join("; ")}`);
      // Records are sent in batches without waiting for each answer: the service pipelines them.
      for (let i = 0; i < shard.records.length; i += BATCH) {
        const batch = shard.records.slice(i, i + BATCH);
        const answers = await Promise.all(batch.map((r) => index.addCustomRecord({ ...r, language: INDEX_LANGUAGE })));
        answers.forEach((a, k) => {
          if (a.errors.length) throw new Error(`Pagefind rejected ${batch[k]!.url}: ${a.errors.join("; ")}`);
        });
      }
      const written = await index.writeFiles({ outputPath: `${outputDir}${path}` });
      if (written.errors.length) throw new Error(`Pagefind could not write ${path}: ${written.errors.join("; ")}`);
      await index.deleteIndex();
      bundles.push({ listId: shard.listId, years: shard.years, path, records: shard.records.length });
    }
  } finally {
    await pagefind.close();
  }
  return bundles;
}

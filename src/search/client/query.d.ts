// Types of query.js (plain JavaScript, shipped to the browser as it is).
import type { SearchManifest } from "../build-index.ts";
import type { SearchDoc } from "../records.ts";
/** A hit as the page shows it: the search document and its number. */
export interface HitDoc extends SearchDoc {
  id: number;
}
export interface OpenIndex {
  manifest: SearchManifest;
  docs(ids: readonly number[]): Promise<HitDoc[]>;
}
export interface QueryFilters {
  list?: string;
  year?: string;
  author?: string;
  sort?: "" | "date";
}
export declare function openIndex(manifest: SearchManifest, fetchBytes: (path: string) => Promise<Uint8Array>): OpenIndex;
export declare function runQuery(index: OpenIndex, words: readonly string[], filters: QueryFilters): Promise<{ ids: number[]; hitTerms: Set<string> }>;

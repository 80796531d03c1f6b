// Types of query.js (plain JavaScript, shipped to the browser as it is).
import type { SearchManifest } from "../build-index.ts";
export interface HitDoc {
  id: number;
  url: string;
  subject: string;
  thread: string;
  threadUrl: string;
  author: string;
  date: string;
  listId: string;
  permalink: string;
  text: string;
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

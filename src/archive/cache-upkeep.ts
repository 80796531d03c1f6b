// Keeping the parse cache small: when a list's segments are packed and which of them a pack leaves
// as they are, and how many lists' caches are kept.
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Segment } from "./cache-segment.ts";

/** Segments of one list past which a build packs them. */
export const MAX_SEGMENTS = 8;
/** Lists (content folder and list id) whose caches are kept; the least recently used go first. */
const MAX_LISTS = 32;

/**
 * The segments a pack leaves as they are: the largest, while what the build used of each (its
 * bytes, `usedBytes`) is at least half of the segment's file (`fileBytes`) and at least twice
 * what it used of all the smaller ones, at most MAX_SEGMENTS / 2 of them; the others are packed
 * into one with the entries the build used. A list growing by a little mail per build then
 * rewrites the last few builds' segments, not its whole cache (1.8-2 s of a 100k-message rebuild
 * every eighth build that parses), and each entry is rewritten a few times over the cache's life,
 * not once every eight builds. A segment mostly of entries no build uses any more is packed,
 * dropping them.
 */
export function segmentsLeftAsTheyAre(segments: readonly Segment[], usedBytes: (s: Segment) => number, fileBytes: (s: Segment) => number): Set<Segment> {
  const largest = [...segments].sort((a, b) => usedBytes(b) - usedBytes(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let smaller = largest.reduce((n, s) => n + usedBytes(s), 0);
  const left = new Set<Segment>();
  for (const s of largest) {
    const used = usedBytes(s);
    smaller -= used;
    if (left.size >= MAX_SEGMENTS / 2 || used < 2 * smaller || used * 2 < fileBytes(s)) break;
    left.add(s);
  }
  return left;
}

/** Keeps the MAX_LISTS most recently used list caches (tests build many throwaway content folders). */
export function pruneLists(parseDir: string): void {
  const lists = readdirSync(parseDir)
    .map((name) => ({ name, mtime: statSync(join(parseDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of lists.slice(MAX_LISTS)) rmSync(join(parseDir, old.name), { recursive: true, force: true });
}

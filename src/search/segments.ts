// Segments of the search index: which runs of documents are indexed on their own, the key saying
// what a segment's files are made of, and which files of the previous build's segments can be kept.
import { createHash } from "node:crypto";
import type { SearchDoc } from "./records.ts";
import type { SearchManifest, SearchSegment } from "./build-index.ts";

/** Documents per document file: a page of 20 hits fetches at most 20 files of ~5 KB. */
export const DOCS_PER_FILE = 8;
/** The smallest segment but the last: segments are runs of 2^k documents (see segmentRanges). */
export const SEGMENT_MIN = 4096;
/** The compressor in index files' keys: another zlib may compress the same bytes differently. */
export const GZIP_VERSION = process.versions.zlib;
/** Changes when what a segment's files hold changes in a way the code version does not show. */
const SEGMENT_FORMAT = 1;

/**
 * The segments of `n` documents: from the first id on, the largest run of 2^k ≥ `min` documents
 * that fits, then the next, and the rest (under `min`) last. Runs start at multiples of their
 * size, so a segment stays the same while documents are added after it: an archive growing at its
 * end rebuilds only its last segments, and the number of segments stays near log2(n / min).
 */
export function segmentRanges(n: number, min = SEGMENT_MIN): [number, number][] {
  if (!(Number.isInteger(min) && min >= DOCS_PER_FILE && (min & (min - 1)) === 0)) throw new Error(`segmentMin must be a power of two of at least ${DOCS_PER_FILE}, not ${min}`);
  const ranges: [number, number][] = [];
  let start = 0;
  for (let size = 2 ** Math.floor(Math.log2(Math.max(n, 1))); size >= min; size /= 2) {
    if (n - start >= size) {
      ranges.push([start, start + size]);
      start += size;
    }
  }
  if (start < n || n === 0) ranges.push([start, n]);
  return ranges;
}

/** The path of term chunk `k` of the segment starting at document `start`. */
export const chunkPath = (start: number, k: number) => `/search/terms/${start}-${k}.bin`;
/** The path of the document file holding document `doc`. */
export const docFilePath = (doc: number) => `/search/docs/${Math.floor(doc / DOCS_PER_FILE)}.bin`;

/**
 * What a document's row and words are: what its hit shows (without its text) and the identity of
 * its words (`contentKey`, or the words themselves). Segment keys hash these.
 */
export function docRowKey(d: SearchDoc): string {
  const row = JSON.stringify([d.url, d.subject, d.thread, d.threadUrl, d.author, d.date, d.listId, d.permalink, d.contentKey ?? null]);
  return d.contentKey === undefined ? `${row}\0${d.text}\0${d.terms ?? ""}` : row;
}

/** The key of documents [start, end): each one's row key (docRowKey, or one standing for it), the range and `version`. */
export function segmentKey(rowKey: (doc: number) => string, start: number, end: number, version: string): string {
  const hash = createHash("sha256").update(`${SEGMENT_FORMAT}\0${GZIP_VERSION}\0${version}\0${start}\0${end}\0`);
  for (let doc = start; doc < end; doc++) hash.update(rowKey(doc)).update("\0");
  return hash.digest("base64url");
}

/** A segment of the index to build: kept whole from the previous build (its chunks and files with their keys), or made. */
export interface PlannedSegment {
  start: number;
  end: number;
  key: string;
  kept: { chunks: string[]; files: [string, string][] } | null;
}

/** What a plan looks back at: the previous build's manifest, and the key of each of its files still on disk. */
export interface PreviousIndex {
  manifest: unknown;
  keyOf(path: string): string | undefined;
}

/**
 * The segments of `n` documents (segmentRanges), each keyed by its documents' row keys and kept
 * when the previous build made one with the same key whose files are all still there.
 */
export function planSegments(n: number, rowKey: (doc: number) => string, options: { previous?: PreviousIndex; version?: string; segmentMin?: number } = {}): PlannedSegment[] {
  const before = previousSegments(options.previous?.manifest);
  return segmentRanges(n, options.segmentMin).map(([start, end]) => {
    const key = segmentKey(rowKey, start, end, options.version ?? "");
    const old = before.get(start);
    const files = old && old.key === key && old.docs === end - start ? keptFiles(old, options.previous!.keyOf) : null;
    return { start, end, key, kept: files && { chunks: old!.chunks, files } };
  });
}

/** `[year, first doc, end doc)` runs of documents dated in a year ("undated" for none), from each one's ISO date in order. */
export function yearRuns(dates: readonly string[]): [string, number, number][] {
  const years: [string, number, number][] = [];
  for (const [doc, date] of dates.entries()) {
    const year = date ? date.slice(0, 4) : "undated";
    const last = years[years.length - 1];
    if (last && last[0] === year) last[2] = doc + 1;
    else years.push([year, doc, doc + 1]);
  }
  return years;
}

/** The previous manifest's segments by start, or none when it is not a manifest of this version. */
export function previousSegments(manifest: unknown): Map<number, SearchSegment> {
  const out = new Map<number, SearchSegment>();
  const m = manifest as Partial<SearchManifest> | null | undefined;
  if (!m || m.version !== 2 || !Array.isArray(m.segments)) return out;
  for (const s of m.segments) {
    if (s && Number.isInteger(s.start) && Number.isInteger(s.docs) && typeof s.key === "string" && Array.isArray(s.chunks) && s.chunks.every((c) => typeof c === "string")) out.set(s.start, s);
  }
  return out;
}

/** Every file of a previous segment with its key, or null when one of them is not on disk. */
export function keptFiles(segment: SearchSegment, keyOf: (path: string) => string | undefined): [string, string][] | null {
  // In the order indexSegment makes them: the build hash goes over the files in order.
  const paths: string[] = [];
  const end = segment.start + segment.docs;
  for (let doc = segment.start; doc < end; doc += DOCS_PER_FILE) paths.push(docFilePath(doc));
  for (let k = 0; k < segment.chunks.length; k++) paths.push(chunkPath(segment.start, k));
  const out: [string, string][] = [];
  for (const path of paths) {
    const key = keyOf(path);
    if (key === undefined) return null;
    out.push([path, key]);
  }
  return out;
}

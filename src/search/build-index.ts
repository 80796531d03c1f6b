// The search index: an inverted index of every message's own words, cut into small static files.
// A query fetches the manifest, one term chunk per word and the document files of the hits shown,
// so what it downloads does not grow with the archive's size (see README, "Search").
import { hashOf } from "../archive/hash.ts";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { forEachTerm } from "./client/tokenize.js";
import { AUTHOR_TERM, LIST_TERM, encodeChunk, encodeTerm } from "./client/index-format.js";
import { encodeDocTerms, forEachDocTerm } from "./doc-terms.ts";
import type { SearchDoc } from "./records.ts";
import { DOCS_PER_FILE, GZIP_VERSION, chunkPath, docFilePath, docRowKey, planSegments, yearRuns, type PlannedSegment } from "./segments.ts";

export { DOCS_PER_FILE, SEGMENT_MIN, segmentRanges, planSegments, yearRuns, type PlannedSegment, type PreviousIndex } from "./segments.ts";

/** Bytes of encoded terms after which a term chunk is closed (a larger term gets a chunk of its own). */
export const CHUNK_BYTES = 16 * 1024;
/** A word in the subject counts as this many in the body. */
const SUBJECT_WEIGHT = 3;
/** BM25's saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;

/** A run of documents indexed on its own: its terms' chunks hold ids counted from `start`. */
export interface SearchSegment {
  start: number;
  docs: number;
  /** Hash of what the segment's files are made of (its documents, the code): the same key, the same files. */
  key: string;
  /** First term of each chunk, ascending: chunk i holds the terms from chunks[i] up to chunks[i + 1]. */
  chunks: string[];
}

export interface SearchManifest {
  version: 2;
  /** Changes whenever any index file does: appended to file URLs so caches never mix builds. */
  build: string;
  docs: number;
  docsPerFile: number;
  lists: { id: string; title: string }[];
  /** `[year, first doc, end doc)`: documents are in date order, so a year is a run of ids. */
  years: [string, number, number][];
  /** The segments, in id order, covering every document: a word is looked up in each. */
  segments: SearchSegment[];
}

export interface SearchIndex {
  manifest: SearchManifest;
  /** Site-relative path → gzip-compressed bytes (left out: files `unchanged` said to keep, and all when `onFile` takes them). */
  files: Map<string, Buffer>;
  /** Site-relative path → key of every index file: a hash of its uncompressed bytes and of the compressor. */
  keys: Map<string, string>;
  /** Terms indexed, counted once per segment holding them (kept segments' terms are not counted). */
  terms: number;
  /** Segments whose files were kept from the previous build without being made. */
  segmentsKept: number;
}

export interface BuildIndexOptions {
  /** Says a file the previous build wrote with this key is still there: it is not compressed again. */
  unchanged?(path: string, key: string): boolean;
  /** Takes each file as it is made (null: `unchanged` said to keep it), instead of `files` holding them all. */
  onFile?(path: string, key: string, gzipped: Buffer | null): void;
  /**
   * The previous build's manifest, and the key of each of its files still on disk: a segment whose
   * key is the same and whose files are all there is kept without being made (onFile gets null).
   */
  previous?: { manifest: unknown; keyOf(path: string): string | undefined };
  /** What the files depend on besides the documents (the code that makes them and their words), in every segment's key. */
  version?: string;
  /** The smallest segment but the last (a power of two, at least DOCS_PER_FILE); tests make it small. */
  segmentMin?: number;
}

/** Builds the index of `docs`, which must be in date order (buildSearchDocs). */
export function buildSearchIndex(docs: readonly SearchDoc[], lists: { id: string; title: string }[], options: BuildIndexOptions = {}): SearchIndex {
  const plan = planSegments(docs.length, (i) => docRowKey(docs[i]!), options);
  return buildPlannedIndex(plan, (i) => docs[i]!, yearRuns(docs.map((d) => d.date)), lists, options);
}

/**
 * Builds the index as `plan` says (planSegments): the files of kept segments are only recorded,
 * the others made from their documents (`docAt`, asked only for those). `years` as in the manifest.
 */
export function buildPlannedIndex(plan: readonly PlannedSegment[], docAt: (doc: number) => SearchDoc, years: [string, number, number][], lists: { id: string; title: string }[], options: Pick<BuildIndexOptions, "unchanged" | "onFile"> = {}): SearchIndex {
  const files = new Map<string, Buffer>();
  const keys = new Map<string, string>();
  const build = createHash("sha256");
  const record = (path: string, key: string) => {
    build.update(path).update("\0").update(key).update("\0");
    keys.set(path, key);
  };
  const put = (path: string, bytes: Uint8Array) => {
    const key = `${hashOf("sha1", bytes, "base64url")}.gz${GZIP_VERSION}`;
    record(path, key);
    const gzipped = options.unchanged?.(path, key) ? null : gzipSync(bytes);
    if (options.onFile) options.onFile(path, key, gzipped);
    else if (gzipped) files.set(path, gzipped);
  };

  const segments: SearchSegment[] = [];
  let terms = 0;
  let segmentsKept = 0;
  for (const { start, end, key, kept } of plan) {
    if (kept) {
      for (const [path, fileKey] of kept.files) {
        record(path, fileKey);
        options.onFile?.(path, fileKey, null);
      }
      segments.push({ start, docs: end - start, key, chunks: kept.chunks });
      segmentsKept++;
      continue;
    }
    const made = indexSegment(docAt, start, end, put);
    segments.push({ start, docs: end - start, key, chunks: made.chunks });
    terms += made.terms;
  }
  const docs = plan.length === 0 ? 0 : plan[plan.length - 1]!.end;
  const manifest: SearchManifest = { version: 2, build: build.digest("hex").slice(0, 12), docs, docsPerFile: DOCS_PER_FILE, lists, years, segments };
  return { manifest, files, keys, terms, segmentsKept };
}

/** A document file's row: what a hit shows, its text too for the excerpt around the words found. */
const docRow = (d: SearchDoc, text: string) => [d.url, d.subject, d.thread, d.threadUrl, d.author, d.date, d.listId, d.permalink, text];

/**
 * Indexes documents [start, end): their document files, and their terms' chunks with BM25
 * impacts from the segment's own average length. Each document's words and their counts are read once, together.
 */
function indexSegment(docAt: (doc: number) => SearchDoc, start: number, end: number, put: (path: string, bytes: Uint8Array) => void): { chunks: string[]; terms: number } {
  const postings = new Map<string, Postings>();
  const lengths = new Uint32Array(end - start);
  const add = (term: string, doc: number, tf: number) => {
    let p = postings.get(term);
    if (p === undefined) postings.set(term, (p = new Postings()));
    p.add(doc, tf);
  };

  let totalLength = 0;
  const counts = new Map<string, number>();
  let rows: unknown[][] = [];
  for (let doc = start; doc < end; doc++) {
    const d = docAt(doc);
    const { text, terms } = d.words?.() ?? { text: d.text, terms: d.terms };
    const local = doc - start;
    rows.push(docRow(d, text));
    if (rows.length === DOCS_PER_FILE || doc === end - 1) {
      put(docFilePath(doc), Buffer.from(JSON.stringify(rows)));
      rows = [];
    }
    // The subject's words, weighted; then the text's, each once already with its count (a word of
    // both goes in once, its subject weight added): no map of the text's words is made again.
    counts.clear();
    let length = 0;
    forEachTerm(d.subject, (term) => {
      counts.set(term, (counts.get(term) ?? 0) + SUBJECT_WEIGHT);
      length += SUBJECT_WEIGHT;
    });
    length += forEachDocTerm(terms ?? encodeDocTerms(text), (term, n) => {
      const inSubject = counts.size === 0 ? undefined : counts.get(term);
      if (inSubject === undefined) return add(term, local, n);
      add(term, local, n + inSubject);
      counts.delete(term);
    });
    for (const [term, tf] of counts) add(term, local, tf);
    lengths[local] = length;
    totalLength += length;
    add(LIST_TERM + d.listId, local, 0);
    const authorWords = new Set<string>();
    forEachTerm(d.author, (term) => authorWords.add(term));
    for (const term of authorWords) add(AUTHOR_TERM + term, local, 0);
  }
  const averageLength = totalLength / Math.max(1, end - start);

  // Term chunks, in code-unit order as the page compares strings.
  const sorted = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const chunks: string[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    put(chunkPath(start, chunks.length - 1), encodeChunk(pending));
    pending = [];
    pendingBytes = 0;
  };
  for (const term of sorted) {
    const { ids, tfs } = postings.get(term)!.decode();
    postings.delete(term);
    const impacts = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) impacts[i] = impact(tfs[i]!, lengths[ids[i]!]!, averageLength);
    const encoded = encodeTerm(term, ids, impacts);
    if (pending.length === 0 || pendingBytes + encoded.length > CHUNK_BYTES) {
      flush();
      chunks.push(term);
    }
    pending.push(encoded);
    pendingBytes += encoded.length;
  }
  flush();
  return { chunks, terms: sorted.length };
}

/**
 * One term's documents while the index is built: gaps between ascending document ids and term
 * frequencies as varints in one growing byte array (a 1M-message archive has ~100M postings;
 * two JavaScript arrays of numbers would take 16 bytes each).
 */
class Postings {
  private bytes = new Uint8Array(8);
  private length = 0;
  private last = -1;
  private count = 0;

  add(doc: number, tf: number): void {
    if (this.length + 10 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.varint(doc - this.last);
    this.varint(tf);
    this.last = doc;
    this.count++;
  }

  private varint(n: number): void {
    while (n >= 0x80) {
      this.bytes[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.bytes[this.length++] = n;
  }

  decode(): { ids: Uint32Array; tfs: Uint32Array } {
    const ids = new Uint32Array(this.count);
    const tfs = new Uint32Array(this.count);
    let at = 0;
    const next = () => {
      let n = 0;
      for (let shift = 0; ; shift += 7) {
        const b = this.bytes[at++]!;
        n |= (b & 0x7f) << shift;
        if (b < 0x80) return n >>> 0;
      }
    };
    let doc = -1;
    for (let i = 0; i < this.count; i++) {
      ids[i] = doc += next();
      tfs[i] = next();
    }
    return { ids, tfs };
  }
}

/** BM25's term-frequency part for one document, scaled to 1–255; 1 for filter terms (tf 0). */
function impact(tf: number, length: number, averageLength: number): number {
  if (tf === 0) return 1;
  const weight = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
  return Math.max(1, Math.min(255, Math.round((weight / (K1 + 1)) * 255)));
}

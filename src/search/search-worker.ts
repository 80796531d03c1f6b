// The search worker: builds the index on a thread of its own while the main thread renders pages
// (see index.ts), reading each message's words from the parse cache itself; files go back in batches.
import { parentPort } from "node:worker_threads";
import { buildSearchIndex, type SearchManifest } from "./build-index.ts";
import { searchDocs, type SearchDocSource } from "./records.ts";

export interface SearchJob {
  docs: SearchDocSource[];
  lists: { id: string; title: string }[];
  /** Index files of the previous build still on disk, path → key: those whose key is the same are kept. */
  previous: [string, string][];
  /** The previous build's manifest (`/search/index.json`) as it reads, or null: its segments whose key is the same are kept whole. */
  previousManifest: unknown;
  /** The code the files and their words are made by, in each segment's key. */
  version: string;
}

/** An index file: its path, its key, and its gzipped bytes (null: keep the previous build's). */
export type SearchFile = [string, string, Uint8Array | null];

export type SearchAnswer = { files: SearchFile[] } | { done: { manifest: SearchManifest; terms: number; segmentsKept: number; ms: number } } | { error: string };

/** Files sent back at once: few messages, little held. */
const BATCH_FILES = 256;
const BATCH_BYTES = 4 << 20;

const port = parentPort!;
port.once("message", (job: SearchJob) => {
  const started = performance.now();
  const previous = new Map(job.previous);
  let batch: SearchFile[] = [];
  let bytes = 0;
  const send = () => {
    if (batch.length > 0) port.postMessage({ files: batch } satisfies SearchAnswer);
    batch = [];
    bytes = 0;
  };
  try {
    const index = buildSearchIndex(searchDocs(job.docs), job.lists, {
      unchanged: (path, key) => previous.get(path) === key,
      previous: { manifest: job.previousManifest, keyOf: (path) => previous.get(path) },
      version: job.version,
      onFile: (path, key, gzipped) => {
        batch.push([path, key, gzipped]);
        bytes += gzipped?.length ?? 0;
        if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) send();
      },
    });
    send();
    port.postMessage({ done: { manifest: index.manifest, terms: index.terms, segmentsKept: index.segmentsKept, ms: performance.now() - started } } satisfies SearchAnswer);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies SearchAnswer);
  }
});

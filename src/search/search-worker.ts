// The search worker: builds the index on a thread of its own while the main thread renders pages
// (see index.ts), reading each message's words from the parse cache itself; files go back in batches.
import { parentPort } from "node:worker_threads";
import { buildPlannedIndex, type PlannedSegment, type SearchManifest } from "./build-index.ts";
import { searchDocs, type SearchDoc, type SearchDocSource } from "./records.ts";
import { buildIdLookup } from "./message-id-lookup.ts";
import { contentKey } from "../archive/hash.ts";

function fail(message: string): never {
  throw new Error(message);
}

export interface SearchJob {
  /** The segments: kept whole from the previous build, or to be made (planSegments). */
  plan: PlannedSegment[];
  /** The documents of each segment to be made, from its start. */
  docs: { start: number; sources: SearchDocSource[] }[];
  /** `[year, first doc, end doc)`, as in the manifest. */
  years: [string, number, number][];
  lists: { id: string; title: string }[];
  /** Files of the previous build still on disk, path → key, of the segments to be made: one made with the same key is not compressed again. */
  previous: [string, string][];
  /** Every published message's Message-ID and permalink (idEntries), as JSON: the lookup files are made of them. */
  ids: string;
  /** The lookup files of the previous build still on disk, path → key: one made with the same key is kept. */
  previousIds: [string, string][];
}

/** An index file: its path, its key, and its gzipped bytes (null: keep the previous build's). */
export type SearchFile = [string, string, Uint8Array | string | null];

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
    const docs: SearchDoc[] = [];
    for (const { start, sources } of job.docs) searchDocs(sources).forEach((doc, i) => (docs[start + i] = doc));
    const docAt = (i: number) => docs[i] ?? fail(`internal error: document ${i} of a segment to be made was not sent`);
    const index = buildPlannedIndex(job.plan, docAt, job.years, job.lists, {
      unchanged: (path, key) => previous.get(path) === key,
      onFile: (path, key, gzipped) => {
        batch.push([path, key, gzipped]);
        bytes += gzipped?.length ?? 0;
        if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) send();
      },
    });
    // The Message-ID lookup, keyed by its text as the output keys a file made of its content alone.
    const previousIds = new Map(job.previousIds);
    for (const [name, ids] of buildIdLookup(JSON.parse(job.ids) as [string, string][])) {
      const path = `/search/ids/${name}.json`;
      const text = JSON.stringify(ids);
      const key = contentKey(text);
      batch.push([path, key, previousIds.get(path) === key ? null : text]);
    }
    send();
    port.postMessage({ done: { manifest: index.manifest, terms: index.terms, segmentsKept: index.segmentsKept, ms: performance.now() - started } } satisfies SearchAnswer);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies SearchAnswer);
  }
});

// Search stage: the index files, built on a worker thread while pages are rendered, and the
// Message-ID lookup beside them.
import type { Archive } from "../archive/build-archive.ts";
import { startWorker } from "../archive/worker-thread.ts";
import { closureVersion } from "../archive/code-version.ts";
import type { Worker } from "node:worker_threads";
import { idEntries } from "./message-id-lookup.ts";
import { docSource, searchDocOrder, searchDocs } from "./records.ts";
import { DOCS_PER_FILE, docRowKey, planSegments, yearRuns, type PlannedSegment } from "./segments.ts";
import type { Digests } from "../indexes/index.ts";
import type { SearchManifest } from "./build-index.ts";
import type { SearchAnswer, SearchJob } from "./search-worker.ts";

export { lookupShard } from "./message-id-lookup.ts";
export { ownText } from "./own-text.ts";
export type { SearchManifest } from "./build-index.ts";

/** The folders of index files the worker makes; their keys are hashes of their bytes (see build-index.ts). */
const INDEX_FOLDERS = ["/search/terms/", "/search/docs/"];
/** The folder of the Message-ID lookup files; their keys are hashes of their text. */
const IDS_FOLDER = "/search/ids/";
const MANIFEST = "/search/index.json";

export interface SearchOutput {
  /** Files of the previous build still on disk, path → key: index files whose key is the same are kept. */
  previous: ReadonlyMap<string, string>;
  /** The text of a file the previous build wrote (the manifest, to keep the segments it names), or null. */
  readPrevious(path: string): string | null;
  /** Writes a file; `content` null: keep the previous build's file, whose key is `key`. No key: the file is keyed by its content. */
  put(path: string, content: string | Uint8Array | null, key?: string): Promise<void>;
}

export interface SearchSummary {
  manifest: SearchManifest;
  records: number;
  terms: number;
  /** Segments of the index kept whole from the previous build. */
  segmentsKept: number;
  /** Milliseconds the worker took. */
  ms: number;
}

/** A search build under way: its result, or a way to stop it. */
export interface SearchRun {
  done: Promise<SearchSummary>;
  cancel(): void;
}

/**
 * The code that decides what the index holds: what makes the archive's records and threads (reading,
 * parsing, threading, indexes), what makes their documents and segment plan here, and the worker
 * that indexes them. A document stands in a segment's key by its record's digest, which holds
 * nothing of that code; code that only makes pages (render/archive-pages.ts, the templates) or
 * writes files is not in it, so changing it keeps the index.
 */
export const INDEX_CODE_ENTRIES = ["src/archive/build-archive.ts", "src/archive/parse-worker.ts", "src/search/index.ts", "src/search/search-worker.ts"];
let indexCode: string | undefined;
/** What every segment's key hashes besides its documents: the code above, and the packages it loads (worked out when first asked). */
const indexCodeVersion = () => (indexCode ??= closureVersion(INDEX_CODE_ENTRIES));

/** The previous build's manifest, read as JSON; null when there is none or it does not read. */
function previousManifest(output: SearchOutput): unknown {
  try {
    return JSON.parse(output.readPrevious(MANIFEST) ?? "null");
  } catch {
    return null;
  }
}

/**
 * Works out which segments of the index are kept from the previous build, and sends the worker its
 * job: the documents of the others; returns the number of documents. A segment's key hashes its
 * documents' digests (digests.ts: each a hash of the message's parse-cache key and what its record
 * adds) and thread titles, so this thread hands over only the documents to index (none, when nothing
 * changed: at 100k messages, making and copying every document took 0.9-1.3 s of this thread). A
 * function of its own, so that no closure of the running search holds the job (V8 keeps a variable
 * any inner function names alive as long as any of them lives).
 */
function postJob(worker: Worker, archive: Archive, digests: Digests, output: SearchOutput): number {
  const order = searchDocOrder(archive);
  const rowKey = (i: number) => {
    const entry = order[i]!;
    // A message without a parse-cache key (none a build publishes) stands in by its whole document, words and all.
    return digests.hasSource(entry.record) ? `${digests.of(entry.record)}\0${entry.thread}` : docRowKey(searchDocs([docSource(archive, entry)])[0]!);
  };
  const index = new Map([...output.previous].filter(([path]) => INDEX_FOLDERS.some((f) => path.startsWith(f))));
  const plan = planSegments(order.length, rowKey, { previous: { manifest: previousManifest(output), keyOf: (path) => index.get(path) }, version: indexCodeVersion() });
  const made = plan.filter((s) => !s.kept);
  const job: SearchJob = {
    plan,
    docs: made.map(({ start, end }) => ({ start, sources: order.slice(start, end).map((entry) => docSource(archive, entry)) })),
    years: yearRuns(order.map((entry) => entry.record.date ?? "")),
    lists: archive.lists.map((l) => ({ id: l.config.id, title: l.config.title })),
    // Files of the segments made again whose bytes come out the same are not compressed again.
    previous: [...index].filter(([path]) => made.some((s) => isFileOf(path, s))),
    // As one string, copied once; the files made of them that come out the same are kept.
    ids: JSON.stringify(idEntries(archive)),
    previousIds: [...output.previous].filter(([path]) => path.startsWith(IDS_FOLDER)),
  };
  worker.postMessage(job);
  return order.length;
}

/** Whether an index file is one of a segment's: its term chunks, or a document file of its documents. */
function isFileOf(path: string, segment: PlannedSegment): boolean {
  if (path.startsWith(`/search/terms/${segment.start}-`)) return true;
  const file = /^\/search\/docs\/(\d+)\.bin$/.exec(path);
  return file !== null && Number(file[1]) * DOCS_PER_FILE >= segment.start && Number(file[1]) * DOCS_PER_FILE < segment.end;
}

/**
 * Starts building the search index and Message-ID lookup of the archive: the index on a worker
 * thread, its files written through `output` as they come. The archive must stay open (its
 * messages' words are read from the parse cache) until `done` settles.
 */
export function startSearch(archive: Archive, digests: Digests, output: SearchOutput): SearchRun {
  const worker = startWorker(new URL("./search-worker.ts", import.meta.url));
  // Only the count stays: the documents go to the worker (a million of them are some 400 MB).
  let records = 0;
  let unsent: Error | null = null;
  try {
    records = postJob(worker, archive, digests, output);
  } catch (e) {
    unsent = e as Error;
  }
  const put = output.put.bind(output);
  let writing: Promise<void> = Promise.resolve();
  let settled = false;
  const done = new Promise<SearchSummary>((resolve, reject) => {
    const end = (failure: Error | null, summary?: SearchSummary) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      writing.then(
        () => (failure ? reject(failure) : resolve(summary!)),
        (e: unknown) => reject(failure ?? e),
      );
    };
    worker.on("message", (answer: SearchAnswer) => {
      if ("files" in answer) {
        const files = answer.files;
        writing = writing.then(async () => {
          for (const [path, key, content] of files) await put(path, content, key);
        });
        writing.catch(() => {}); // a failed write is reported when the worker is done
      } else if ("error" in answer) {
        end(new Error(answer.error));
      } else {
        const { manifest, terms, segmentsKept, ms } = answer.done;
        writing = writing.then(async () => {
          await put(MANIFEST, JSON.stringify(manifest));
        });
        end(null, { manifest, records, terms, segmentsKept, ms });
      }
    });
    worker.on("error", (e) => end(e));
    worker.on("exit", (code) => end(new Error(`the search worker stopped (exit code ${code}) before the index was done`)));
    if (unsent) end(unsent);
  });
  return {
    done,
    cancel: () => {
      settled = true;
      void worker.terminate();
    },
  };
}

// Search stage: the index files, built on a worker thread while pages are rendered, and the
// Message-ID lookup beside them.
import type { Archive } from "../archive/build-archive.ts";
import { startWorker } from "../archive/worker-thread.ts";
import { codeVersion } from "../archive/code-version.ts";
import type { Worker } from "node:worker_threads";
import { buildIdLookup } from "./message-id-lookup.ts";
import { searchDocSources } from "./records.ts";
import type { SearchManifest } from "./build-index.ts";
import type { SearchAnswer, SearchJob } from "./search-worker.ts";

export { lookupShard } from "./message-id-lookup.ts";
export { ownText } from "./own-text.ts";
export type { SearchManifest } from "./build-index.ts";

/** The folders of index files the worker makes; their keys are hashes of their bytes (see build-index.ts). */
const INDEX_FOLDERS = ["/search/terms/", "/search/docs/"];
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

/** The code that makes the index files (the words are the parse cache's, made by the code of archive.parseVersion). */
const INDEX_CODE = codeVersion(["src/search/build-index.ts", "src/search/segments.ts", "src/search/records.ts", "src/search/client/index-format.js", "src/search/client/tokenize.js", "src/search/doc-terms.ts"]);

/** The previous build's manifest, read as JSON; null when there is none or it does not read. */
function previousManifest(output: SearchOutput): unknown {
  try {
    return JSON.parse(output.readPrevious(MANIFEST) ?? "null");
  } catch {
    return null;
  }
}

/**
 * Sends the worker its job; returns the number of documents. A function of its own, so that no
 * closure of the running search holds the job (V8 keeps a variable any inner function names alive
 * as long as any of them lives).
 */
function postJob(worker: Worker, archive: Archive, output: SearchOutput): number {
  const job: SearchJob = {
    docs: searchDocSources(archive),
    lists: archive.lists.map((l) => ({ id: l.config.id, title: l.config.title })),
    previous: [...output.previous].filter(([path]) => INDEX_FOLDERS.some((f) => path.startsWith(f))),
    previousManifest: previousManifest(output),
    version: `${INDEX_CODE}\0${archive.parseVersion}`,
  };
  worker.postMessage(job);
  return job.docs.length;
}

/**
 * Starts building the search index and Message-ID lookup of the archive: the index on a worker
 * thread, its files written through `output` as they come. The archive must stay open (its
 * messages' words are read from the parse cache) until `done` settles.
 */
export function startSearch(archive: Archive, output: SearchOutput): SearchRun {
  const worker = startWorker(new URL("./search-worker.ts", import.meta.url));
  // Only the count stays: the documents go to the worker (a million of them are some 400 MB).
  let records = 0;
  let unsent: Error | null = null;
  try {
    records = postJob(worker, archive, output);
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
          for (const [name, ids] of buildIdLookup(archive)) await put(`/search/ids/${name}.json`, JSON.stringify(ids));
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

// Worker threads running one of our TypeScript modules (through ts-worker.mjs, which loads tsx in the thread).
import { Worker } from "node:worker_threads";

const ENTRY = new URL("./ts-worker.mjs", import.meta.url);

/** A worker thread running `module` (a file URL, as `new URL("./x.ts", import.meta.url)` gives). */
export function startWorker(module: URL): Worker {
  return new Worker(ENTRY, { workerData: { module: module.href } });
}

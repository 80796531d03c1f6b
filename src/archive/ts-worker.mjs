// Entry of a worker thread that runs TypeScript: a worker has no loader hooks of its own, so this
// registers tsx's loader in the thread, then imports the module `workerData.module` names (a file URL).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.module);

// Threads whose answer a build awaits only late (the check of the previous build's files, of a
// grown file's old bytes) give way to those it waits on: on Linux a thread's nice value is its
// own, and this raises the calling thread's. The main thread, the parse and the render workers
// then get the cores first. Not the search worker: held back beside the pages, a cold build at 100k
// then waited 2.7 s for it alone, on one core, once they were done (and a thread cannot take its
// priority back unprivileged). Plain JavaScript: threads started without the process's TypeScript
// loader use it too.
import { setPriority } from "node:os";

/** The nice value of a background thread (0 is the default; 19 the least favoured). */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread's scheduling priority to BACKGROUND_NICE (Linux; elsewhere setPriority would lower the whole process's, and nothing is done). */
export function runInBackground() {
  if (process.platform !== "linux") return;
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // a system that refuses it only costs time
  }
}

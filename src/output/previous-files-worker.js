// A build's start, on a thread of its own (plain JavaScript, started without the process's
// loader): the previous build's manifest read (path and key of every file it wrote), then which of
// those files are gone from the disk (deleted by hand: written again even when their key matches).
// The main thread reads the archive meanwhile; at 100k messages this was 0.8-1 s of its time.
// Started with `share`, it is a helper of another such thread: it checks its share of the files.
import { parentPort, workerData } from "node:worker_threads";
import { checkThreads, filesGone, isPlain, readManifestFiles } from "./previous-build.js";
import { setPriority } from "node:os";

// Its answer is awaited only once the archive is read: it gives way to the threads a build waits
// on (the main thread, the parse and render workers) at nice 10. On Linux only, where a thread's
// nice value is its own (elsewhere this would lower the whole process's). Not the check of a grown
// mbox's old bytes, awaited at the end of the read: held back so, the main thread waited 0.9 s for it.
if (process.platform === "linux") {
  try {
    setPriority(10);
  } catch {
    // a system that refuses it only costs time
  }
}

if (workerData.share) {
  parentPort.postMessage(await filesGone(workerData.share, 1));
} else {
  const { manifestPath, root } = workerData;
  const { paths, keys, base, changed, trusted } = readManifestFiles(manifestPath) ?? { paths: [], keys: [], base: { id: null, count: 0 }, changed: [], trusted: true };
  // One string each (no file path holds a NUL): one copy to the main thread, not one per path.
  const kept = [];
  for (let i = 0; i < paths.length; i++) if (!paths[i].includes("\0") && !keys[i].includes("\0")) kept.push(i);
  parentPort.postMessage({ paths: kept.map((i) => paths[i]).join("\0"), keys: kept.map((i) => keys[i]).join("\0"), count: kept.length, base, changed, trusted });
  // Paths that need resolving (none a build writes) are left to the main thread, which resolves them.
  const plain = [];
  const targets = [];
  for (let k = 0; k < kept.length; k++) {
    const path = paths[kept[k]];
    if (!isPlain(path)) continue;
    plain.push(k);
    targets.push(root + path);
  }
  const gone = await filesGone(targets, checkThreads(targets));
  parentPort.postMessage({ missing: gone.map((i) => plain[i]) });
}

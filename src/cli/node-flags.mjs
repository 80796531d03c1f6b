// The Node.js flags a build runs with: `npm run build` passes them, and launch.mjs starts itself
// again with them when it was run without (V8 reads them only when a process starts).
//
// A young generation of 64 MB semi-spaces (16 MB by default): nearly everything a build makes of
// its messages (heads, records, page data) lives to the end, and each collection of the young
// generation copies what survives. Measured at 100k messages on this 2-core machine, five pairs
// of rebuilds after 1% new mail: 11.8 s against 12.8 s (main thread 9.0 against 9.6 CPU-s); cold
// builds 58.1 and 58.3 s against 60.6 and 60.1 s; peak RSS 1.44-1.48 GB against 1.13-1.22 GB.

/** Plain JavaScript: read before any loader. */
export const NODE_FLAGS = ["--max-semi-space-size=64"];

/** The flags of NODE_FLAGS that `execArgv` (a process's Node.js flags) does not set, by name. */
export function missingFlags(execArgv) {
  return NODE_FLAGS.filter((flag) => !execArgv.some((arg) => arg.split("=")[0] === flag.split("=")[0]));
}

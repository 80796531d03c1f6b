// Worker threads running one of our TypeScript modules: from a bundle of it in plain JavaScript
// (made with esbuild once per version of the code, kept in .cache/workers/), which starts in
// ~0.12 s on 0.15 s of CPU; or, when no bundle can be made, through ts-worker.mjs, which loads tsx
// in the thread (~0.45 s and 0.6 s of CPU: a build starts up to four workers, on two cores).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { codeVersion, PROJECT_ROOT } from "./code-version.ts";

const ENTRY = new URL("./ts-worker.mjs", import.meta.url);
/** Where bundles are kept, a folder per version of the code. */
const BUNDLES = join(PROJECT_ROOT, ".cache", "workers");
/** Versions of the code whose bundles are kept; the least recently used go first. */
const KEEP_VERSIONS = 8;

/** A worker thread running `module` (a file URL, as `new URL("./x.ts", import.meta.url)` gives). */
export function startWorker(module: URL): Worker {
  const bundle = bundleOf(module);
  return bundle ? new Worker(bundle, { execArgv: workerExecArgv(process.execArgv) }) : new Worker(ENTRY, { workerData: { module: module.href } });
}

/**
 * Node options a worker thread accepts (Worker refuses V8 and process-wide ones such as
 * --max-old-space-size, which apply to every thread anyway); those taking a value take the next
 * argument when not written `--name=value`.
 */
const WORKER_OPTIONS = new Set(["--cpu-prof", "--heap-prof", "--enable-source-maps", "--no-warnings", "--trace-warnings", "--trace-uncaught", "--pending-deprecation", "--no-deprecation", "--throw-deprecation", "--trace-deprecation"]);
const WORKER_OPTIONS_WITH_VALUE = new Set(["--cpu-prof-dir", "--cpu-prof-name", "--cpu-prof-interval", "--heap-prof-dir", "--heap-prof-name", "--heap-prof-interval", "--conditions", "-C", "--unhandled-rejections"]);

/** Of this process's Node options, those to start a bundled worker with (profiling, conditions, warnings): not the TypeScript loader (a bundle needs none), not what Worker refuses. */
export function workerExecArgv(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.split("=", 1)[0]!;
    if (WORKER_OPTIONS.has(arg)) out.push(arg);
    else if (WORKER_OPTIONS_WITH_VALUE.has(name)) {
      out.push(arg);
      if (name === arg && i + 1 < args.length) out.push(args[++i]!);
    }
  }
  return out;
}

/** Each module's bundle made in this process (null: none could be made). */
const bundles = new Map<string, URL | null>();
let version: string | null = null;

/**
 * The bundle of `module` with everything of ours it imports (packages stay imports, loaded from
 * node_modules); made when this version of the code has none yet. null when it cannot be made.
 */
function bundleOf(module: URL): URL | null {
  let bundle = bundles.get(module.href);
  if (bundle !== undefined) return bundle;
  bundle = null;
  try {
    const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
    version ??= createHash("sha1").update(`${codeVersion(["src"])}\0${esbuild.version}`).digest("hex").slice(0, 16);
    const dir = join(BUNDLES, version);
    const path = join(dir, `${basename(fileURLToPath(module)).replace(/\.ts$/, "")}.mjs`);
    try {
      statSync(path);
      utimesSync(dir, new Date(), new Date());
    } catch {
      mkdirSync(dir, { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      const made = esbuild.buildSync({
        entryPoints: [fileURLToPath(module)],
        outfile: temporary,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "silent",
        metafile: true,
        absWorkingDir: PROJECT_ROOT,
        // One URL stands for every bundled module's own: that of a file of this folder, so that
        // what they find from it (the project's root, two up; ts-worker.mjs beside) is found.
        define: { "import.meta.url": JSON.stringify(import.meta.url) },
      });
      // A module of another folder finding something from its own URL would find it elsewhere:
      // such a worker loads tsx instead.
      const here = dirname(fileURLToPath(import.meta.url));
      const elsewhere = Object.keys(made.metafile.inputs).filter((input) => dirname(resolve(PROJECT_ROOT, input)) !== here && readFileSync(resolve(PROJECT_ROOT, input), "utf8").includes("import.meta"));
      if (elsewhere.length > 0) {
        rmSync(temporary, { force: true });
        throw new Error(`import.meta in ${elsewhere.join(", ")}`);
      }
      // Whole or not at all: another build may be starting the same worker.
      renameSync(temporary, path);
      prune();
    }
    bundle = pathToFileURL(path);
  } catch {
    // No esbuild, an unwritable project folder: the worker loads tsx itself.
  }
  bundles.set(module.href, bundle);
  return bundle;
}

/** Keeps the bundles of the KEEP_VERSIONS most recently used versions of the code. */
function prune(): void {
  const versions = readdirSync(BUNDLES)
    .map((name) => ({ name, mtime: statSync(join(BUNDLES, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of versions.slice(KEEP_VERSIONS)) rmSync(join(BUNDLES, old.name), { recursive: true, force: true });
}

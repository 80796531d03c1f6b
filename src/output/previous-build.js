// What the output folder says of the build before (plain JavaScript: the main thread and the thread
// that reads it at a build's start, started without the process's loader, share it): the format of
// the manifest of its files, which file paths below the output need no resolving, and which of
// its files are gone from the disk.
import { existsSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

/**
 * Version 2 holds `files` as a flat array, path then key: parsed three times as fast as an object
 * of 180k names; and `id`, a hash of them, which the file of changes since names.
 */
export const MANIFEST_VERSION = 2;
/** The file of changes since the manifest was written whole: paths whose key changed, null for a file removed, each path once, in code-unit order. */
export const CHANGES_VERSION = 1;

/** The file of changes beside a manifest: `files.json` → `files-changes.json`. */
export function changesPathOf(manifestPath) {
  return manifestPath.replace(/(\.json)?$/, "-changes.json");
}

/**
 * The paths and keys a manifest's text lists, in its order, and its id (null before it had one);
 * null when it is not a manifest (unreadable JSON, another version, entries that are not strings).
 */
export function parseManifest(text) {
  const manifest = jsonOf(text);
  const files = manifest?.files;
  if (manifest?.version === MANIFEST_VERSION && Array.isArray(files) && files.length % 2 === 0 && files.every((f) => typeof f === "string")) {
    const paths = [];
    const keys = [];
    for (let i = 0; i < files.length; i += 2) {
      paths.push(files[i]);
      keys.push(files[i + 1]);
    }
    return { paths, keys, id: typeof manifest.id === "string" ? manifest.id : null };
  }
  // Version 1, of builds before: an object of path → key.
  if (manifest?.version === 1 && files && typeof files === "object" && !Array.isArray(files)) {
    const entries = Object.entries(files).filter(([, key]) => typeof key === "string");
    return { paths: entries.map(([path]) => path), keys: entries.map(([, key]) => key), id: null };
  }
  return null;
}

/** The changes a changes file's text lists, when it names manifest `id`: paths in code-unit order, keys (null: removed); null otherwise. */
export function parseChanges(text, id) {
  const changes = jsonOf(text);
  const files = changes?.files;
  if (id === null || changes?.version !== CHANGES_VERSION || changes.base !== id || !Array.isArray(files) || files.length % 2 !== 0) return null;
  const paths = [];
  const keys = [];
  for (let i = 0; i < files.length; i += 2) {
    const [path, key] = [files[i], files[i + 1]];
    if (typeof path !== "string" || !(typeof key === "string" || key === null) || (i > 0 && !(files[i - 2] < path))) return null;
    paths.push(path);
    keys.push(key);
  }
  return { paths, keys };
}

/**
 * The files of the last finished build: its manifest (null when there is none, or it does not
 * read) with the changes file naming it applied. Paths in the manifest's order, the changed ones
 * merged into it when it is in code-unit order (as builds write it); `changed`: the paths the
 * changes file names (to be carried into the next one). `trusted` is false when a changes file is
 * there that does not read or names another manifest (tampered with, or one restored from
 * elsewhere): then no file is known to be as listed.
 */
export function readManifestFiles(manifestPath) {
  let text;
  try {
    text = readFileSync(manifestPath, "utf8");
  } catch {
    return null; // no previous build here
  }
  const manifest = parseManifest(text);
  if (manifest === null) return null;
  let changesText = null;
  try {
    changesText = readFileSync(changesPathOf(manifestPath), "utf8");
  } catch {
    // none: the manifest is whole
  }
  const base = { id: manifest.id, count: manifest.paths.length };
  const changes = changesText === null ? null : parseChanges(changesText, manifest.id);
  const trusted = changesText === null || changes !== null;
  if (changes === null || changes.paths.length === 0) return { paths: manifest.paths, keys: manifest.keys, base, changed: [], trusted };
  return { ...applied(manifest, changes), base, changed: changes.paths, trusted };
}

/** `text` parsed as JSON; undefined when it does not parse. */
function jsonOf(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `changes` (ascending paths) applied to `files`: merged in order when the files' paths ascend, else set one by one. */
function applied(files, changes) {
  const { paths, keys } = files;
  const out = { paths: [], keys: [] };
  const take = (path, key) => {
    out.paths.push(path);
    out.keys.push(key);
  };
  if (!paths.every((p, i) => i === 0 || paths[i - 1] < p)) {
    const map = new Map(paths.map((p, i) => [p, keys[i]]));
    changes.paths.forEach((p, j) => (changes.keys[j] === null ? map.delete(p) : map.set(p, changes.keys[j])));
    for (const [p, k] of map) take(p, k);
    return out;
  }
  let i = 0;
  for (let j = 0; j < changes.paths.length; j++) {
    const path = changes.paths[j];
    for (; i < paths.length && paths[i] < path; i++) take(paths[i], keys[i]);
    if (i < paths.length && paths[i] === path) i++;
    if (changes.keys[j] !== null) take(path, changes.keys[j]);
  }
  for (; i < paths.length; i++) take(paths[i], keys[i]);
  return out;
}

/**
 * Whether a path below the output has no "." or ".." segment (nor dot file), no empty segment and
 * no trailing slash: then the output folder and it make its file path as they are.
 */
export function isPlain(path) {
  return path.startsWith("/") && !path.includes("/.") && !path.includes("//") && !path.endsWith("/");
}

/**
 * Threads the check of the previous build's files is shared among when their inodes are not in
 * memory (a rebuild the next day, after the machine's cache went to other work): each check then
 * waits on the disk, and several at once wait together: 179,890 files took 13.9 s on one thread,
 * 4.7 s on 8 and 3.4 s on 16 here. With the inodes in memory one thread checks them in a few
 * hundred milliseconds, and each more thread would cost more to start (some 75 ms of CPU) than it saves.
 */
const CHECKERS = 16;
/** Files per checker thread, at least, when there are several. */
const PER_CHECKER = 2000;
/** Files checked first, evenly spread, to tell the two cases apart. */
const PROBES = 64;
/** A probe slower than this on average (in milliseconds) has waited on the disk. */
const COLD_PROBE_MS = 0.05;

/** How many threads to check `targets` on: one when a few of them, evenly spread, are found fast (their inodes are in memory). */
export function checkThreads(targets) {
  if (targets.length < 2 * PER_CHECKER) return 1;
  const step = Math.floor(targets.length / PROBES);
  const started = performance.now();
  for (let i = 0; i < targets.length; i += step) existsSync(targets[i]);
  const perProbe = (performance.now() - started) / Math.ceil(targets.length / step);
  return perProbe < COLD_PROBE_MS ? 1 : Math.min(CHECKERS, Math.ceil(targets.length / PER_CHECKER));
}

/** Indexes (ascending) of the files of `targets` that do not exist, checked on `threads` threads (file i on thread i % threads). */
export async function filesGone(targets, threads) {
  if (threads <= 1) {
    const out = [];
    for (let i = 0; i < targets.length; i++) if (!existsSync(targets[i])) out.push(i);
    return out;
  }
  const shares = Array.from({ length: threads }, () => []);
  for (let i = 0; i < targets.length; i++) shares[i % threads].push(targets[i]);
  const found = await Promise.all(
    shares.map(
      (share, j) =>
        new Promise((done, fail) => {
          const worker = new Worker(new URL("./previous-files-worker.js", import.meta.url), { workerData: { share }, execArgv: [] });
          worker.once("message", (indexes) => done(indexes.map((k) => k * threads + j)));
          worker.once("error", fail);
        }),
    ),
  );
  return found.flat().sort((a, b) => a - b);
}

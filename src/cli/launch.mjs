// `npm run build`: runs build.ts from a bundle of the project's code (plain JavaScript, made with
// esbuild once per version of src/ and .eleventy.ts, kept in .cache/cli/), as tsx's loader costs
// some 0.5 s at every start (each module, Eleventy's too, asked of it on another thread). Falls back
// to tsx when no bundle can be made. Plain JavaScript itself: it runs before any loader.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUNDLES = join(ROOT, ".cache", "cli");
/** Versions of the code whose bundles are kept; the least recently used go first. */
const KEEP_VERSIONS = 4;

/** A hash of every file below src/, of .eleventy.ts, of what the bundler reads besides (tsconfig.json, package.json) and of its version. */
function versionOf(esbuildVersion) {
  const hash = createHash("sha1").update(`${esbuildVersion}\0`);
  const file = (path) => hash.update(path.slice(ROOT.length)).update("\0").update(readFileSync(path)).update("\0");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else file(join(dir, entry.name));
    }
  };
  walk(join(ROOT, "src"));
  for (const name of [".eleventy.ts", "tsconfig.json", "package.json"]) file(join(ROOT, name));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Each bundled module keeps its own `import.meta.url` (it finds the project's root, templates and
 * workers from it): every mention outside a string becomes the URL of the file it was bundled from.
 */
const ownUrls = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replace(/(?<!["'\w.])import\.meta\.url/g, JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};

/** The folder of the bundles of this version of the code (build.mjs, eleventy-config.mjs), made if need be; null when it cannot be. */
async function bundles() {
  try {
    // esbuild's version from its package.json: importing esbuild (some 20 ms) waits until a bundle is to be made.
    const { version } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("esbuild/package.json"), "utf8"));
    const dir = join(BUNDLES, versionOf(version));
    try {
      statSync(join(dir, "build.mjs"));
      utimesSync(dir, new Date(), new Date());
      return dir;
    } catch {
      // made below
    }
    mkdirSync(BUNDLES, { recursive: true });
    const temporary = `${dir}.${process.pid}.tmp`;
    const esbuild = await import("esbuild");
    await esbuild.build({
      entryPoints: { build: join(ROOT, "src/cli/build.ts"), "eleventy-config": join(ROOT, ".eleventy.ts") },
      outdir: temporary,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "silent",
      plugins: [ownUrls],
    });
    try {
      // Whole or not at all: another build may be making the same bundles.
      renameSync(temporary, dir);
    } catch {
      rmSync(temporary, { recursive: true, force: true });
      statSync(join(dir, "build.mjs"));
    }
    prune();
    return dir;
  } catch {
    return null;
  }
}

/** Removes all but the KEEP_VERSIONS most recently used bundles, and what killed builds left half made (an hour old). */
function prune() {
  const entries = readdirSync(BUNDLES).map((name) => ({ name, mtime: statSync(join(BUNDLES, name)).mtimeMs }));
  const versions = entries.filter((e) => !e.name.endsWith(".tmp")).sort((a, b) => b.mtime - a.mtime);
  const abandoned = entries.filter((e) => e.name.endsWith(".tmp") && e.mtime < Date.now() - 3600_000);
  for (const old of [...versions.slice(KEEP_VERSIONS), ...abandoned]) rmSync(join(BUNDLES, old.name), { recursive: true, force: true });
}

const dir = await bundles();
if (dir) {
  // Eleventy loads its configuration itself: the bundled one, which shares the build's modules.
  process.env.LISTARCHIVE_ELEVENTY_CONFIG = join(dir, "eleventy-config.mjs");
  await import(pathToFileURL(join(dir, "build.mjs")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./build.ts");
}

// The code a cached result depends on: a module's own imports, transitively, and the packages they
// load, so the parse cache is emptied by a change to parsing and only by that.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";
import { installedVersions, moduleClosure } from "../../src/archive/module-closure.ts";
import { PROJECT_ROOT } from "../../src/archive/code-version.ts";
import { INDEX_CODE_ENTRIES } from "../../src/search/index.ts";
import { tempDir } from "../support/archive.ts";

const PARSING = "src/archive/archived-message.ts";

test("the parse cache depends on the modules parsing runs, as the bundler finds them, and on the packages they load", async () => {
  const closure = moduleClosure(PROJECT_ROOT, PARSING);
  const bundled = await esbuild.build({ entryPoints: [join(PROJECT_ROOT, PARSING)], absWorkingDir: PROJECT_ROOT, bundle: true, write: false, platform: "node", format: "esm", packages: "external", metafile: true, logLevel: "silent" });
  assert.deepEqual(closure.files, Object.keys(bundled.metafile.inputs).filter((path) => path.startsWith("src/")).sort());
  // How addresses are shown in bodies is cached with them; pages, and how files are split into messages (types only), are not.
  assert.ok(closure.files.includes("src/indexes/privacy.ts"));
  assert.ok(!closure.files.some((f) => f.startsWith("src/ingest/") || f === "src/render/archive-pages.ts"), closure.files.join(", "));
  const version = (name: string) => (JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  // The MIME splitter, the package it parses headers with, and the charsets both decode with.
  for (const name of ["@zone-eu/mailsplit", "libmime", "iconv-lite"]) assert.ok(closure.packages.includes(`${name}@${version(name)}`), `${name} in ${closure.packages.join(", ")}`);
});

test("the search index depends on the code making records, their documents and the index, not on the code making pages or writing files", async () => {
  const closure = moduleClosure(PROJECT_ROOT, INDEX_CODE_ENTRIES);
  const bundled = await esbuild.build({ entryPoints: INDEX_CODE_ENTRIES.map((e) => join(PROJECT_ROOT, e)), absWorkingDir: PROJECT_ROOT, bundle: true, write: false, outdir: "out", platform: "node", format: "esm", packages: "external", metafile: true, logLevel: "silent" });
  assert.deepEqual(closure.files, Object.keys(bundled.metafile.inputs).filter((path) => path.startsWith("src/")).sort());
  // Parsing (a record's digest names its message by its raw bytes, not by how they were parsed),
  // threading, records and their digests, the documents, the worker and the index format.
  for (const file of ["src/archive/archived-message.ts", "src/thread/link-parents.ts", "src/indexes/message-records.ts", "src/indexes/threads.ts", "src/indexes/digests.ts", "src/search/records.ts", "src/search/search-worker.ts", "src/search/client/index-format.js", "src/search/client/tokenize.js"]) {
    assert.ok(closure.files.includes(file), `${file} in ${closure.files.join(", ")}`);
  }
  const pages = closure.files.filter((f) => f.startsWith("src/output/") || f.startsWith("src/eleventy/") || ["src/render/archive-pages.ts", "src/render/page-renderer.ts", "src/render/template-filters.ts", "src/search/client/query.js"].includes(f));
  assert.deepEqual(pages, []);
});

test("a closure follows value imports, re-exports and dynamic imports, not type imports, and packages as Node finds them", () => {
  const root = tempDir();
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write("src/entry.ts", `import { a } from "./a.ts";\nimport type { T } from "./types.ts";\nexport * from "./lib/b.ts";\n// as "from './gone.ts'" says\nimport fs from "node:fs";\nimport x from "pkg/sub/path.js";\nconst c = await import("./c.ts");\n`);
  write("src/a.ts", `export { t } from "./lib/b.ts";\nexport type { U } from "./types-too.ts";\n`);
  write("src/lib/b.ts", `import {\n  one,\n  type Two,\n} from "../d.ts";\n`);
  for (const f of ["src/c.ts", "src/d.ts", "src/types.ts", "src/types-too.ts"]) write(f, "export {};\n");
  write("node_modules/pkg/package.json", JSON.stringify({ version: "1.0.0", dependencies: { dep: "^2", gone: "1" } }));
  write("node_modules/pkg/node_modules/dep/package.json", JSON.stringify({ version: "2.0.0" }));
  write("node_modules/dep/package.json", JSON.stringify({ version: "1.5.0", dependencies: { pkg: "1" } }));
  assert.deepEqual(moduleClosure(root, "src/entry.ts"), {
    files: ["src/a.ts", "src/c.ts", "src/d.ts", "src/entry.ts", "src/lib/b.ts"],
    // pkg's own dep shadows the top-level one; a dependency not installed is named so.
    packages: ["dep@2.0.0", "gone@missing", "pkg@1.0.0"],
  });
  // Several entries: their closures together, each module once.
  assert.deepEqual(moduleClosure(root, ["src/c.ts", "src/lib/b.ts", "src/a.ts"]).files, ["src/a.ts", "src/c.ts", "src/d.ts", "src/lib/b.ts"]);
  assert.deepEqual(installedVersions(root, ["dep"]), ["dep@1.5.0", "dep@2.0.0", "gone@missing", "pkg@1.0.0"]);
});

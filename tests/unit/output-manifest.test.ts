// The output's files: the manifest of the last finished build with its keys, read back as written, and a claimed file written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listedFiles, readManifest, saveChanges, saveManifest, sortedPaths } from "../../src/output/manifest.ts";
import { changesPathOf } from "../../src/output/previous-build.js";
import { writeClaimedFile } from "../../src/output/claimed-file.ts";
import { tempDir } from "../support/archive.ts";

test("a manifest reads back as saved, paths in order, also one of many slices and of awkward names", () => {
  const path = join(tempDir(), ".listarchive", "files.json");
  const entries = new Map<string, string>();
  for (let i = 20_000; i > 0; i--) entries.set(`/list/m/${i}@example.org/index.html`, `key-${i}`);
  entries.set('/list/att/0123/a "quoted",\nname\\.bin', "k");
  saveManifest(path, entries);
  const read = listedFiles(readManifest(path));
  assert.deepEqual([...read].sort(), [...entries].sort());
  assert.deepEqual([...read.keys()], [...entries.keys()].sort());
});

test("a rebuild's manifest merges the paths it added into the previous manifest's order, in the order a whole sort gives", () => {
  const previous = Array.from({ length: 3000 }, (_, i) => `/list/m/${i}@example.org/index.html`).sort();
  // Some previous paths gone, some added (before, between and after the others, and with awkward code units).
  const added = ["/list/m/1500x@example.org/index.html", "/a.json", "/zz/index.html", "/list/m/\u00e9t\u00e9@example.org/index.html", "/list/M/Cap@example.org/index.html"];
  const entries = new Map<string, string>();
  for (const [i, p] of previous.entries()) if (i % 7 !== 0) entries.set(p, "k");
  for (const p of added) entries.set(p, "k");
  const whole = [...entries.keys()].sort();
  assert.deepEqual(sortedPaths(entries, { order: previous, added }), whole);
  assert.deepEqual(sortedPaths(entries, { order: previous, added: [] }), whole, "paths unaccounted for: sorted whole");
  assert.deepEqual(sortedPaths(entries, { order: [...previous].reverse(), added }), whole, "a previous order out of order: sorted whole");
  assert.deepEqual(sortedPaths(entries), whole);
});

test("a manifest of an earlier version still reads, and one that does not read is an empty one", () => {
  const path = join(tempDir(), "files.json");
  writeFileSync(path, JSON.stringify({ version: 1, files: { "/a/index.html": "k1", "/b.json": "k2" } }));
  assert.deepEqual([...listedFiles(readManifest(path))], [["/a/index.html", "k1"], ["/b.json", "k2"]]);
  for (const text of ['{"version":2,"files":["/a"]}', '{"version":2,"files":["/a",3]}', '{"version":9,"files":[]}', "{", ""]) {
    writeFileSync(path, text);
    assert.equal(listedFiles(readManifest(path)).size, 0, text);
  }
  assert.equal(listedFiles(readManifest(join(tempDir(), "none.json"))).size, 0);
  saveManifest(path, new Map());
  assert.match(readFileSync(path, "utf8"), /^\{"version":2,"files":\[\],"id":"[\w-]{27}"\}$/);
});

test("the changes since a manifest are read with it, merged into its order, and only when they name it", () => {
  const path = join(tempDir(), ".listarchive", "files.json");
  saveManifest(path, new Map(["/e", "/a", "/c", "/b", "/d"].map((p) => [p, `k${p}`])));
  const { base } = readManifest(path);
  assert.equal(base.count, 5);
  saveChanges(path, base.id!, new Map<string, string | null>([["/z", "new z"], ["/b", "new b"], ["/c", null], ["/bb", "new bb"], ["/gone", null]]));
  const read = readManifest(path);
  assert.deepEqual([...listedFiles(read)], [["/a", "k/a"], ["/b", "new b"], ["/bb", "new bb"], ["/d", "k/d"], ["/e", "k/e"], ["/z", "new z"]]);
  assert.deepEqual(read.changed, ["/b", "/bb", "/c", "/gone", "/z"]);
  assert.deepEqual(read.base, base);
  const whole = [["/a", "k/a"], ["/b", "k/b"], ["/c", "k/c"], ["/d", "k/d"], ["/e", "k/e"]];
  // Changes naming another manifest (one restored from elsewhere), or that do not read, are not
  // applied, and say that no file is known to be as the manifest lists.
  assert.equal(read.trusted, true);
  saveChanges(path, "another", new Map([["/b", "new b"]]));
  assert.deepEqual([...listedFiles(readManifest(path))], whole);
  assert.equal(readManifest(path).trusted, false);
  for (const files of [["/b", "x", "/a", "y"], ["/b", 3], ["/b"]]) {
    writeFileSync(changesPathOf(path), JSON.stringify({ version: 1, base: base.id, files }));
    assert.deepEqual([...listedFiles(readManifest(path))], whole, JSON.stringify(files));
    assert.deepEqual(readManifest(path).changed, []);
    assert.equal(readManifest(path).trusted, false);
  }
  writeFileSync(changesPathOf(path), "{");
  assert.equal(readManifest(path).trusted, false);
  // Written whole again, it has no changes.
  saveChanges(path, base.id!, new Map([["/b", "new b"]]));
  saveManifest(path, listedFiles(readManifest(path)));
  assert.ok(!existsSync(changesPathOf(path)));
  assert.deepEqual(listedFiles(readManifest(path)).get("/b"), "new b");
  // A manifest not in code-unit order (not as a build writes it) has them applied all the same.
  writeFileSync(path, JSON.stringify({ version: 2, files: ["/d", "k/d", "/a", "k/a", "/c", "k/c"], id: "unsorted" }));
  saveChanges(path, "unsorted", new Map<string, string | null>([["/a", null], ["/b", "new b"], ["/d", "new d"]]));
  assert.deepEqual(listedFiles(readManifest(path)), new Map([["/d", "new d"], ["/c", "k/c"], ["/b", "new b"]]));
});

test("a claimed file is written in a folder made for it, also when the folder the last file went to was removed since", () => {
  const root = tempDir();
  const first = join(root, "list", "m", "a@example.org", "index.html");
  writeClaimedFile(first, "<p>a</p>");
  writeClaimedFile(join(root, "list", "m", "a@example.org", "raw.txt"), "a");
  rmSync(join(root, "list"), { recursive: true });
  writeClaimedFile(first, new TextEncoder().encode("<p>again</p>"));
  assert.equal(readFileSync(first, "utf8"), "<p>again</p>");
  assert.deepEqual(readdirSync(join(root, "list", "m", "a@example.org")), ["index.html"]);
});

// The output writer on a rebuild: a file the previous build wrote is kept when its key is the same
// and it is still on disk; one deleted by hand since is written again; a manifest never leads outside.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OutputWriter } from "../../src/output/output-writer.ts";
import { writeClaimedFile } from "../../src/output/claimed-file.ts";
import { MANIFEST_PATH, saveManifest } from "../../src/output/manifest.ts";
import { changesPathOf, filesGone } from "../../src/output/previous-build.js";
import { tempDir } from "../support/archive.ts";

/** Writes `count` pages through `writer`, each in a folder of its own, and finishes the build. */
function build(writer: OutputWriter, count: number): { written: number; unchanged: number } {
  for (let i = 0; i < count; i++) writer.write(pathOf(i), `<p>page ${i}</p>`, `key-${i}`);
  const { written, unchanged } = writer.finish();
  return { written, unchanged };
}

const pathOf = (i: number) => `/list/m/${i}@example.org/index.html`;

for (const count of [30, 5000]) {
  test(`files deleted by hand from the output are written again by the next build, the rest kept (${count} files, the manifest read and the files checked on ${count < 2000 ? "the main thread" : "a thread of their own"})`, async () => {
    const root = tempDir();
    assert.equal(build(new OutputWriter(root), count).written, count);
    const deleted = [0, 7, count - 1, Math.floor(count / 2)];
    for (const i of deleted) rmSync(join(root, pathOf(i)));
    const writer = new OutputWriter(root);
    await writer.ready();
    assert.deepEqual(build(writer, count), { written: deleted.length, unchanged: count - deleted.length });
    for (const i of deleted) assert.equal(readFileSync(join(root, pathOf(i)), "utf8"), `<p>page ${i}</p>`);
    assert.ok(existsSync(join(root, pathOf(1))));
  });
}

for (const padding of [0, 3000]) {
  test(`a manifest naming paths outside the output (tampered with, or of a bug) has nothing outside removed, checked or written (${padding ? "read on a thread of its own" : "read here"})`, async () => {
    const parent = tempDir();
    const root = join(parent, "site");
    const outside = [join(parent, "outside.txt"), `${root}relative.txt`, join(parent, "dotted.txt")];
    for (const file of outside) writeFileSync(file, "not the archive's");
    const files = new Map([["/../outside.txt", "k"], ["relative.txt", "k"], ["/list/../../dotted.txt", "k"], ["/list/index.html", "k"]]);
    for (let i = 0; i < padding; i++) files.set(`/list/m/padding-${i}@example.org/index.html`, `key-${i}`);
    saveManifest(join(root, MANIFEST_PATH), files);
    const writer = new OutputWriter(root);
    await writer.ready();
    assert.throws(() => writer.keep("/../outside.txt", "k"), /outside the output/);
    writer.finish();
    for (const file of outside) assert.equal(readFileSync(file, "utf8"), "not the archive's");
  });
}

for (const count of [100, 5000]) {
  test(`a rebuild changing a few files records only those beside the manifest; an eighth of them changed, or a build killed, writes it whole (${count} files)`, async () => {
    const root = tempDir();
    const manifest = join(root, MANIFEST_PATH);
    const changes = changesPathOf(manifest);
    /** A build of pages `pages`, page i keyed `keys(i)`, read back and finished. */
    const rebuild = async (pages: number[], keys: (i: number) => string) => {
      const writer = new OutputWriter(root);
      await writer.ready();
      for (const i of pages) writer.write(pathOf(i), `<p>page ${i} ${keys(i)}</p>`, keys(i));
      const { written, unchanged, removed } = writer.finish();
      return { written, unchanged, removed };
    };
    const all = Array.from({ length: count }, (_, i) => i);
    const first = (i: number) => `key-${i}`;
    assert.deepEqual(await rebuild(all, first), { written: count, unchanged: 0, removed: 0 });
    const whole = readFileSync(manifest, "utf8");
    assert.ok(!existsSync(changes));
    // Three pages changed, one gone, one added: the manifest stays, its changes beside it.
    const second = (i: number) => ([1, 5, count - 1].includes(i) ? `changed-${i}` : first(i));
    const pages = [...all.filter((i) => i !== 7), count];
    assert.deepEqual(await rebuild(pages, second), { written: 4, unchanged: count - 4, removed: 1 });
    assert.equal(readFileSync(manifest, "utf8"), whole);
    const listed = JSON.parse(readFileSync(changes, "utf8")) as { files: (string | null)[] };
    const expected: [string, string | null][] = [[pathOf(1), "changed-1"], [pathOf(5), "changed-5"], [pathOf(7), null], [pathOf(count - 1), `changed-${count - 1}`], [pathOf(count), first(count)]];
    assert.deepEqual(listed.files, expected.sort(([a], [b]) => (a < b ? -1 : 1)).flat());
    // Read back with them, nothing is written again; the changes are kept for the next build.
    assert.deepEqual(await rebuild(pages, second), { written: 0, unchanged: count, removed: 0 });
    assert.deepEqual((JSON.parse(readFileSync(changes, "utf8")) as { files: unknown[] }).files, listed.files);
    // An eighth of the files and more changed since the manifest was written whole: it is written whole again.
    const third = (i: number) => (i % 7 === 0 ? `third-${i}` : second(i));
    const changedNow = pages.filter((i) => third(i) !== second(i)).length;
    assert.deepEqual(await rebuild(pages, third), { written: changedNow, unchanged: count - changedNow, removed: 0 });
    assert.ok(!existsSync(changes));
    assert.notEqual(readFileSync(manifest, "utf8"), whole);
    assert.deepEqual(await rebuild(pages, third), { written: 0, unchanged: count, removed: 0 });
    // A build killed halfway leaves its journal: the next trusts no key and writes the manifest whole.
    writeFileSync(join(root, ".listarchive", "new-files.txt"), "");
    const fourth = (i: number) => (i === 3 ? "fourth" : third(i));
    assert.deepEqual(await rebuild(pages, fourth), { written: count, unchanged: 0, removed: 0 });
    assert.ok(!existsSync(changes));
    assert.deepEqual(await rebuild(pages, fourth), { written: 0, unchanged: count, removed: 0 });
    // Changes that do not read (tampered with) leave no file known to be as listed: all written again, the manifest whole.
    assert.deepEqual(await rebuild(pages, (i) => (i === 2 ? "fifth" : fourth(i))), { written: 1, unchanged: count - 1, removed: 0 });
    writeFileSync(changes, readFileSync(changes, "utf8").slice(0, -3));
    assert.deepEqual(await rebuild(pages, fourth), { written: count, unchanged: 0, removed: 0 });
    assert.ok(!existsSync(changes));
  });
}

test("a path a manifest lists twice (tampered with) is one file: made by the build, it is not removed as stale", async () => {
  const root = tempDir();
  writeClaimedFile(join(root, "list", "index.html"), "old");
  writeClaimedFile(join(root, MANIFEST_PATH), JSON.stringify({ version: 2, files: ["/list/index.html", "k1", "/list/index.html", "k2", "/gone.html", "k3"], id: "twice" }));
  const writer = new OutputWriter(root);
  await writer.ready();
  writer.write("/list/index.html", "new", "k2");
  assert.deepEqual(writer.finish(), { written: 1, unchanged: 0, removed: 0 });
  assert.equal(readFileSync(join(root, "list", "index.html"), "utf8"), "new");
});

test("a page is kept by its URL as the index.html of its folder; a URL that is not a plain path is checked as one, and a folder a manifest names is no file", async () => {
  const root = tempDir();
  const plain = "/list/m/a@example.org/";
  const encoded = "/list/m/b%20c/";
  const files = new Map([[`${plain}index.html`, "ka"], ["/list/m/b c/index.html", "kb"], ["/list/t/x/index.html", "kx"], ["/list/t/x/other.html", "ko"], [plain, "folder"]]);
  for (const path of files.keys()) if (!path.endsWith("/")) writeClaimedFile(join(root, path), path);
  saveManifest(join(root, MANIFEST_PATH), files);
  const rebuild = async (pages: [string, string][], written: string[] = []) => {
    const writer = new OutputWriter(root);
    await writer.ready();
    const kept = pages.map(([url, key]) => writer.keepPage(url, key));
    for (const url of written) writer.write(`${url}index.html`, `${url} again`, "new");
    assert.throws(() => writer.keepPage("/list/../../outside/", "k"), /outside the output/);
    const { written: w, unchanged, removed } = writer.finish();
    return { kept, written: w, unchanged, removed };
  };
  // The folder's own entry neither stands for its page nor is removed; the page at a changed key is written, other.html is stale.
  assert.deepEqual(await rebuild([[plain, "ka"], [encoded, "kb"], ["/list/t/x/", "changed"]], ["/list/t/x/"]), { kept: [true, true, false], written: 1, unchanged: 2, removed: 1 });
  assert.equal(readFileSync(join(root, "list/t/x/index.html"), "utf8"), "/list/t/x/ again");
  assert.ok(!existsSync(join(root, "list/t/x/other.html")));
  // A page deleted by hand since is not kept.
  rmSync(join(root, plain, "index.html"));
  assert.deepEqual(await rebuild([[plain, "ka"], [encoded, "kb"], ["/list/t/x/", "new"]]), { kept: [false, true, true], written: 0, unchanged: 2, removed: 0 });
});

test("files gone from the disk are found alike on one thread and shared among several", async () => {
  const root = tempDir();
  const targets = Array.from({ length: 50 }, (_, i) => join(root, `f${i}`));
  const gone = [0, 3, 17, 48, 49];
  targets.forEach((t, i) => gone.includes(i) || writeFileSync(t, ""));
  assert.deepEqual(await filesGone(targets, 1), gone);
  assert.deepEqual(await filesGone(targets, 3), gone);
});

test("a writer asked to keep a file before the previous build's manifest is read says so, rather than take every file for new", async () => {
  const root = tempDir();
  build(new OutputWriter(root), 5000);
  const writer = new OutputWriter(root);
  assert.throws(() => writer.keep(pathOf(1), "key-1"), /manifest is still being read/);
  await writer.opened();
  assert.equal(writer.keep(pathOf(1), "key-1"), true);
  writer.finish();
});

test("a file of lines is written again from its first changed line only, and whole when it was changed by hand or by other code", async () => {
  const root = tempDir();
  const path = "/list/messages.jsonl";
  const line = (d: string) => `{"line":"${d}","é":1}\n`;
  /** One build writing the lines of `digests`; returns from which line it rendered them. */
  const build = async (digests: string[], version = "v1"): Promise<number> => {
    const writer = new OutputWriter(root);
    await writer.ready();
    let asked = -1;
    writer.writeLines(path, `${version}:${digests.join(",")}`, version, digests, (from) => {
      asked = from;
      return digests.slice(from).map(line);
    });
    writer.finish();
    assert.equal(readFileSync(join(root, path), "utf8"), digests.map(line).join(""));
    return asked;
  };
  assert.equal(await build(["a", "b", "c"]), 0);
  assert.equal(await build(["a", "b", "c", "d", "e"]), 3, "new lines at the end: only they are made");
  assert.equal(await build(["a", "x", "c", "d", "e"]), 1, "a line changed: from it on");
  assert.equal(await build(["a", "x"]), 2, "lines gone from the end: the file is cut");
  assert.equal(await build(["a", "x", "y"], "v2"), 0, "other code: the file is made whole");
  writeFileSync(join(root, path), "changed by hand\n");
  assert.equal(await build(["a", "x", "y", "z"], "v2"), 0, "a file not as the last build left it is made whole");
});

test("a file the previous build wrote is written over in place and cut to its new length; one deleted meanwhile is made anew", async () => {
  const root = tempDir();
  const first = new OutputWriter(root);
  first.write("/list/t/a/index.html", "<p>a long first version of the page</p>", "a1");
  first.write("/list/t/b/index.html", "<p>b</p>", "b1");
  first.write("/list/t/c/index.html", "<p>c</p>", "c1");
  first.finish();
  rmSync(join(root, "list/t/c"), { recursive: true });
  const again = new OutputWriter(root);
  await again.ready();
  // Claimed and written as a render worker does, and through write(), which claims for itself.
  const a = again.claim("/list/t/a/index.html", "a2")!;
  const d = again.claim("/list/t/d/index.html", "d1")!;
  assert.deepEqual([a.replaces, d.replaces], [true, false]);
  again.writeJournal();
  writeClaimedFile(a.target, "<p>shorter</p>", a.replaces);
  writeClaimedFile(d.target, "<p>d</p>", d.replaces);
  again.written(2);
  again.write("/list/t/b/index.html", ["<p>b, ", Buffer.from("in two parts, longer than before</p>")], "b2");
  again.write("/list/t/c/index.html", "<p>c again</p>", "c2");
  assert.deepEqual(again.finish().written, 4);
  assert.equal(readFileSync(join(root, "list/t/a/index.html"), "utf8"), "<p>shorter</p>");
  assert.equal(readFileSync(join(root, "list/t/b/index.html"), "utf8"), "<p>b, in two parts, longer than before</p>");
  assert.equal(readFileSync(join(root, "list/t/c/index.html"), "utf8"), "<p>c again</p>");
  assert.equal(readFileSync(join(root, "list/t/d/index.html"), "utf8"), "<p>d</p>");
});

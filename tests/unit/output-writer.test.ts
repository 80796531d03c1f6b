// The output writer on a rebuild: a file the previous build wrote is kept when its key is the same
// and it is still on disk; one deleted by hand since is written again; a manifest never leads outside.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OutputWriter } from "../../src/output/output-writer.ts";
import { MANIFEST_PATH, saveManifest } from "../../src/output/manifest.ts";
import { filesGone } from "../../src/output/previous-build.js";
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

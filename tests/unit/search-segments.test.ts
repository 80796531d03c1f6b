// Segments of the search index: aligned runs of documents, and a rebuild keeping the ones whose documents did not change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildSearchIndex, segmentRanges, type BuildIndexOptions, type SearchIndex } from "../../src/search/build-index.ts";
import { buildSearchDocs, type SearchDoc } from "../../src/search/records.ts";
import { archiveOf } from "../support/archive.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";

const LISTS = [{ id: "dev", title: "Dev" }];

test("segments are runs of a power of two documents starting at a multiple of their size, the rest last", () => {
  assert.deepEqual(segmentRanges(100_000), [[0, 65_536], [65_536, 98_304], [98_304, 100_000]]);
  assert.deepEqual(segmentRanges(101_000), [[0, 65_536], [65_536, 98_304], [98_304, 101_000]]);
  assert.deepEqual(segmentRanges(131_072), [[0, 131_072]]);
  assert.deepEqual(segmentRanges(4096), [[0, 4096]]);
  assert.deepEqual(segmentRanges(10), [[0, 10]]);
  assert.deepEqual(segmentRanges(0), [[0, 0]]);
  for (let n = 1; n < 3000; n += 7) {
    const ranges = segmentRanges(n, 64);
    let next = 0;
    for (const [i, [from, to]] of ranges.entries()) {
      assert.equal(from, next, `n = ${n}: no gap`);
      const size = to - from;
      if (i < ranges.length - 1 || size >= 64) assert.ok(size >= 64 && (size & (size - 1)) === 0 && from % size === 0, `n = ${n}: [${from}, ${to}) is aligned`);
      next = to;
    }
    assert.equal(next, n);
    assert.ok(ranges.length <= Math.max(0, Math.floor(Math.log2(n / 64))) + 2, `n = ${n}: ${ranges.length} segments`);
  }
  assert.throws(() => segmentRanges(10, 100), /segmentMin must be a power of two of at least 8, not 100/);
});

/** The sample's documents, each counting how often its words are read. */
async function sampleDocs(): Promise<{ docs: SearchDoc[]; reads: number[] }> {
  const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
  const reads: number[] = [];
  const docs = buildSearchDocs(archive).map((d, i) => {
    reads.push(0);
    const { url, subject, thread, threadUrl, author, date, listId, permalink, contentKey } = d;
    assert.ok(contentKey, `${url} has its parse cache key`);
    return {
      url, subject, thread, threadUrl, author, date, listId, permalink, contentKey,
      get text() {
        reads[i]!++;
        return d.text;
      },
      get terms() {
        reads[i]!++;
        return d.terms;
      },
    };
  });
  return { docs, reads };
}

/** Builds `docs` over the index `before`, as the search worker does: its manifest and files' keys. */
function rebuild(docs: SearchDoc[], before: SearchIndex, options: BuildIndexOptions = {}): SearchIndex {
  return buildSearchIndex(docs, LISTS, {
    segmentMin: 8,
    unchanged: (path, key) => before.keys.get(path) === key,
    previous: { manifest: JSON.parse(JSON.stringify(before.manifest)), keyOf: (path) => before.keys.get(path) },
    ...options,
  });
}

/** Asserts `got` is `cold` file for file: the same manifest and keys, and the files it made are the same bytes. */
function assertSameIndex(got: SearchIndex, cold: SearchIndex): void {
  assert.deepEqual(got.manifest, cold.manifest);
  assert.deepEqual([...got.keys], [...cold.keys]);
  for (const [path, bytes] of got.files) assert.ok(bytes.equals(cold.files.get(path)!), path);
}

test("a rebuild after messages are added at the end keeps the earlier segments without reading their words, and equals a cold build", async () => {
  const { docs, reads } = await sampleDocs();
  assert.ok(docs.length > 40, `${docs.length} documents`);
  // The earlier build ends a message into the last segment: every segment before it is whole.
  const cut = segmentRanges(docs.length, 8).at(-1)![0] + 1;
  const first = buildSearchIndex(docs.slice(0, cut), LISTS, { segmentMin: 8 });
  const cold = buildSearchIndex(docs, LISTS, { segmentMin: 8 });
  reads.fill(0);
  const again = rebuild(docs, first);
  assertSameIndex(again, cold);
  const kept = again.manifest.segments.slice(0, again.segmentsKept);
  assert.ok(kept.length >= 1 && kept.length === again.manifest.segments.length - 1, `${again.segmentsKept} of ${again.manifest.segments.length} segments kept`);
  const keptEnd = kept.at(-1)!.start + kept.at(-1)!.docs;
  assert.deepEqual(reads.slice(0, keptEnd).filter((n) => n > 0), [], "no word of a kept segment is read");
  assert.ok(reads.slice(keptEnd).every((n) => n > 0), "the last segment is made again");
  // Only the last segment's files are new.
  assert.ok([...again.files.keys()].every((path) => !kept.some((s) => path.startsWith(`/search/terms/${s.start}-`))));
});

test("a changed message rebuilds its own segment only, and a previous index that is unreadable or lost files keeps nothing of it", async () => {
  const { docs } = await sampleDocs();
  const before = buildSearchIndex(docs, LISTS, { segmentMin: 8 });
  const changed = docs.slice();
  changed[3] = Object.assign(descriptorsOf(docs[3]!), { subject: "a subject changed by hand" });
  const cold = buildSearchIndex(changed, LISTS, { segmentMin: 8 });
  const again = rebuild(changed, before);
  assertSameIndex(again, cold);
  assert.equal(again.segmentsKept, before.manifest.segments.length - 1);
  assert.notEqual(again.manifest.segments[0]!.key, before.manifest.segments[0]!.key);

  assert.equal(rebuild(docs, before, { previous: { manifest: { version: 2, segments: "no" }, keyOf: (p) => before.keys.get(p) } }).segmentsKept, 0);
  const lost = `/search/terms/${before.manifest.segments[1]!.start}-0.bin`;
  const partly = rebuild(docs, before, { previous: { manifest: before.manifest, keyOf: (p) => (p === lost ? undefined : before.keys.get(p)) } });
  assertSameIndex(partly, before);
  assert.equal(partly.segmentsKept, before.manifest.segments.length - 1);
  assert.ok(partly.keys.has(lost));
  // Another version of the code keeps nothing.
  assert.equal(rebuild(docs, before, { version: "other code" }).segmentsKept, 0);
});

/** A document's own properties as a plain object, its getters kept as getters. */
function descriptorsOf(d: SearchDoc): SearchDoc {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(d)) as SearchDoc;
}

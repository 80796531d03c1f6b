// The parse cache: what it gives back is what parsing gave, across builds, packing and damage; bodies are read back from it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ParseCache, parseVersion, type Cached } from "../../src/archive/parse-cache.ts";
import { readStoredText, readStoredTexts } from "../../src/archive/stored-parts.ts";
import { openSegment, readEntry, SegmentWriter } from "../../src/archive/cache-segment.ts";
import { messageParts, type Report } from "../../src/archive/message-parts.ts";
import { parseForArchive, type ArchivedMessage, type ArchiveOptions } from "../../src/archive/archived-message.ts";
import { readContent, readListMessages, type RawMessage } from "../../src/ingest/index.ts";
import { Diagnostics } from "../../src/report/diagnostics.ts";
import { tempDir } from "../support/archive.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";

const CONTENT = join(PROJECT_ROOT, "content");
/** The sample list with attachments. */
const LIST = "tern-users";

/** The raw messages of one sample list, and their parse options. */
async function sampleMessages() {
  const { lists } = await readContent(CONTENT);
  const list = lists.find((l) => l.config.id === LIST)!;
  const raws: RawMessage[] = [];
  for await (const raw of readListMessages(list, new Diagnostics(), [])) raws.push(raw);
  return { raws, options: { fallbackCharset: list.config.settings.fallbackCharset, knownTags: [list.config.id], privacy: list.config.settings.privacy } };
}

/** One build's pass over `raws` through a cache; counts what was parsed. */
async function pass(cacheDir: string | null, raws: RawMessage[], options: ArchiveOptions, version = parseVersion()) {
  const cache = new ParseCache(cacheDir, CONTENT, LIST, version);
  const parsed: ArchivedMessage[] = [];
  const got: Cached[] = [];
  const reports: string[] = [];
  for (const raw of raws) {
    got.push(
      await cache.get(raw, options, { report: (s, c, m) => reports.push(`${s} ${c} ${m}`) }, async () => {
        const recorded: Report[] = [];
        const message = await parseForArchive(raw, options, { report: (...r) => recorded.push(r) });
        parsed.push(message);
        return messageParts(message, recorded);
      }),
    );
  }
  cache.save();
  return { cache, got, parsed, reports };
}

/** A message no other is: raws[0] with a line added. */
const variant = (raws: RawMessage[], k: number): RawMessage => ({ ...raws[0]!, bytes: Buffer.concat([raws[0]!.bytes, Buffer.from(`\nvariant ${k}\n`)]) });

const segmentsOf = (cacheDir: string) => readdirSync(join(cacheDir, "parse")).flatMap((d) => readdirSync(join(cacheDir, "parse", d)).filter((f) => f.endsWith(".seg")));

test("a message read back from the cache has the head, body, body HTML, attachments, search words with their counts and reports it was parsed with", async () => {
  const { raws, options } = await sampleMessages();
  const dir = tempDir();
  const first = await pass(dir, raws, options);
  assert.equal(first.parsed.length, raws.length);
  first.cache.close();
  const second = await pass(dir, raws, options);
  assert.equal(second.parsed.length, 0, "every message from the cache");
  assert.deepEqual(second.reports, first.reports);
  let attachments = 0;
  let sideBySide = 0;
  for (const [i, raw] of raws.entries()) {
    const expected = await parseForArchive(raw, options, { report: () => {} });
    const { head, key } = second.got[i]!;
    const { body, ownText, ownTerms, bodyHtml, attachments: files, ...rest } = expected;
    assert.deepEqual(head, { ...rest, attachments: files.map(({ content: _, ...info }) => info) });
    assert.deepEqual(second.cache.body(key), body);
    assert.equal(second.cache.ownText(key), ownText);
    assert.equal(second.cache.bodyHtml(key), bodyHtml);
    assert.equal(readStoredText(second.cache.termsAt(key)!), ownTerms);
    // The words and their counts lie side by side, and are read back together in one read.
    const [words, counts] = [second.cache.textAt(key)!, second.cache.termsAt(key)!];
    if ("fd" in words && "fd" in counts) {
      assert.equal(counts.offset, words.offset + words.length);
      sideBySide++;
    }
    assert.deepEqual(readStoredTexts(words, counts), [ownText, ownTerms]);
    assert.deepEqual(readStoredTexts(counts, words), [ownTerms, ownText], "apart, each read alone");
    assert.deepEqual(second.cache.attachmentContents(key), files.map((f) => f.content));
    attachments += files.length;
  }
  assert.ok(attachments > 0, "the list has attachments to read back");
  assert.ok(sideBySide > raws.length / 2, `${sideBySide} of ${raws.length} messages with words read in one read`);
  second.cache.close();
});

test("a ninth segment packs the eight small ones into one holding what the build used, leaves the large one it mostly uses as it is, and entries stay readable in that build", async () => {
  const { raws, options } = await sampleMessages();
  const dir = tempDir();
  // Eight builds, each with one message more: eight segments, the first holding every message.
  for (let k = 0; k < 8; k++) (await pass(dir, [...raws, variant(raws, k)], options)).cache.close();
  const eight = segmentsOf(dir);
  assert.equal(eight.length, 8);
  const first = [...eight].sort()[0]!;
  const ninth = await pass(dir, [...raws, variant(raws, 8)], options);
  assert.equal(ninth.parsed.length, 1);
  const packed = segmentsOf(dir);
  assert.equal(packed.length, 2, "the large segment and one of the rest");
  assert.ok(packed.includes(first), "the first build's segment is left as it is");
  // Read back in the build that packed (the old segments are unlinked but still open).
  for (const { key } of ninth.got) assert.ok(ninth.cache.body(key), "body readable after packing");
  ninth.cache.close();
  const after = await pass(dir, [...raws, variant(raws, 8)], options);
  assert.equal(after.parsed.length, 0, "every message the build used is still there");
  after.cache.close();
});

test("a segment holding mostly messages no build uses any more is packed too, and what it held that was used is kept", async () => {
  const { raws, options } = await sampleMessages();
  const dir = tempDir();
  // The first build's messages, then eight builds of one other message each, the last two of the first build's with them.
  (await pass(dir, raws, options)).cache.close();
  for (let k = 0; k < 7; k++) (await pass(dir, [variant(raws, k)], options)).cache.close();
  const used = [raws[1]!, raws[2]!, variant(raws, 8)];
  const ninth = await pass(dir, used, options);
  assert.equal(ninth.parsed.length, 1);
  assert.equal(segmentsOf(dir).length, 1, "packed whole");
  ninth.cache.close();
  const after = await pass(dir, used, options);
  assert.equal(after.parsed.length, 0, "what the packing build used is still there");
  after.cache.close();
  const dropped = await pass(dir, [raws[3]!], options);
  assert.equal(dropped.parsed.length, 1, "what it did not use is gone");
  dropped.cache.close();
});

test("a build with other parsing code parses everything again and removes the other code's segments once its own is saved", async () => {
  const { raws, options } = await sampleMessages();
  const dir = tempDir();
  for (let k = 0; k < 2; k++) (await pass(dir, [...raws, variant(raws, k)], options, "an older parser")).cache.close();
  assert.equal(segmentsOf(dir).length, 2);
  const now = await pass(dir, raws, options);
  assert.equal(now.parsed.length, raws.length, "nothing taken from the other code's cache");
  assert.equal(segmentsOf(dir).length, 1, "only this code's segment is left");
  for (const { key } of now.got) assert.ok(now.cache.body(key), "bodies readable in the build that removed the old segments");
  now.cache.close();
  const again = await pass(dir, raws, options);
  assert.equal(again.parsed.length, 0);
  again.cache.close();
});

test("a damaged segment is passed over, its messages are parsed again, and it is removed once the new segment is saved", async () => {
  const { raws, options } = await sampleMessages();
  const dir = tempDir();
  (await pass(dir, raws, options)).cache.close();
  const [segment] = segmentsOf(dir);
  const folder = readdirSync(join(dir, "parse"))[0]!;
  const path = join(dir, "parse", folder, segment!);
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, bytes.length - 3)); // its index cut off
  const again = await pass(dir, raws, options);
  assert.equal(again.parsed.length, raws.length);
  again.cache.close();
  assert.ok(!existsSync(path), "the damaged segment is gone");
  assert.equal(segmentsOf(dir).length, 1);
});

test("without a cache folder, messages are still read back during the build, and nothing is left behind", async () => {
  const { raws, options } = await sampleMessages();
  const run = await pass(null, raws, options);
  assert.equal(run.parsed.length, raws.length);
  const folder = (run.cache as unknown as { dir: string }).dir;
  assert.ok(existsSync(folder));
  for (const [i, { key }] of run.got.entries()) assert.deepEqual(run.cache.body(key), run.parsed[i]!.body);
  run.cache.close();
  assert.ok(!existsSync(folder), "the temporary cache is removed");
});

test("a segment left half written by a killed build is removed by the next build, one still being written is not", async () => {
  const { raws, options } = await sampleMessages();
  const dir = tempDir();
  (await pass(dir, raws, options)).cache.close();
  const folder = join(dir, "parse", readdirSync(join(dir, "parse"))[0]!);
  // pid 2^22 + 1 is above Linux's pid_max: no process has it.
  writeFileSync(join(folder, `0000000000-4194305-0.seg.tmp`), "cut short");
  writeFileSync(join(folder, `0000000000-${process.pid}-0.seg.tmp`), "being written");
  const again = await pass(dir, raws, options);
  assert.equal(again.parsed.length, 0);
  again.cache.close();
  assert.ok(!existsSync(join(folder, "0000000000-4194305-0.seg.tmp")));
  assert.ok(existsSync(join(folder, `0000000000-${process.pid}-0.seg.tmp`)));
});

test("a segment of more entries than one write takes reads back every entry, each part in its place, the first parts of a run together", () => {
  const dir = tempDir();
  const writer = new SegmentWriter(dir, 3);
  const entries = Array.from({ length: 2500 }, (_, i) => [Buffer.from(`head ${i}`), Buffer.from(`body of ${i} `.repeat(i % 7)), Buffer.from(`html ${i} `.repeat(40))] as const);
  const written = entries.map((parts, i) => {
    const entry = { key: `k${i}`, sizes: parts.map((p) => p.length), firstAt: -1, restAt: -1 };
    writer.append(entry, Buffer.concat(parts));
    return entry;
  });
  // Read back before the segment is whole, as a build reads what it parsed.
  assert.equal(writer.read(written[2499]!, 2).toString(), entries[2499]![2].toString());
  assert.equal(writer.read(written[3]!).toString(), Buffer.concat(entries[3]!).toString());
  writer.finish(1, "v");
  const opened = openSegment(dir, writer.segment.name, 1)!;
  assert.equal(opened.entries.length, entries.length);
  let runs = 1;
  for (const [i, entry] of opened.entries.entries()) {
    const { segment, sizes, ...place } = entry;
    assert.equal(segment, opened.segment);
    assert.deepEqual({ ...place, sizes: Array.from(sizes) }, written[i]);
    for (const part of [0, 1, 2]) assert.equal(readEntry(opened.segment.fd, entry, part).toString(), entries[i]![part]!.toString());
    assert.equal(readEntry(opened.segment.fd, entry).toString(), Buffer.concat(entries[i]!).toString());
    const next = opened.entries[i + 1];
    if (next && next.firstAt !== entry.firstAt + entry.sizes[0]!) runs++;
  }
  // About a megabyte a run: 2500 entries of some 410 bytes each make one run, then what was read back early.
  assert.ok(runs >= 2 && runs <= 4, `${runs} runs`);
  assert.equal(openSegment(dir, writer.segment.name, 2)!.entries.length, 0, "a segment of another format is opened without its entries");
  closeSync(opened.segment.fd);
  closeSync(writer.segment.fd);
});

test("heads read together are the heads read one by one, in the order asked, with null for keys not in the cache", async () => {
  const { raws, options } = await sampleMessages();
  const cacheDir = tempDir();
  const first = await pass(cacheDir, raws, options);
  const keys = first.got.map((c) => c.key);
  first.cache.close();
  const cache = new ParseCache(cacheDir, CONTENT, LIST, parseVersion());
  // Out of order, one asked twice, one unknown.
  const asked = [...keys].reverse().concat([keys[0]!, "no-such-key"]);
  const together = cache.storedAll(asked);
  assert.deepEqual(together, asked.map((k) => cache.stored(k)));
  assert.equal(together.at(-1), null);
  // keys[0] is asked last but one and, reversed, at keys.length - 1: equal heads, each an object of its own.
  assert.deepEqual(together[keys.length], together[keys.length - 1]);
  assert.notEqual(together[keys.length], together[keys.length - 1]);
  cache.close();
});

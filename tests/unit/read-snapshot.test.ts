// Going on from the previous build's reading: unchanged files are not read, an mbox that grew is
// read from its last known message, and anything else is read whole; the archive is always the
// one a build without a cache makes, diagnostics included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { gzipSync } from "node:zlib";
import { buildArchive, type Archive } from "../../src/archive/build-archive.ts";
import { ParseCache } from "../../src/archive/parse-cache.ts";
import { ParsePool } from "../../src/archive/parse-pool.ts";
import { RACY_MS } from "../../src/ingest/resume.ts";
import { bytewiseCrc32, crc32, fileCrc32 } from "../../src/ingest/crc32.js";
import { sameBytes } from "../../src/archive/read-snapshot.ts";
import { tempDir, writtenContent } from "../support/archive.ts";

const message = (n: number, extra = "") =>
  `From ana@example.org Mon Mar  3 10:0${n}:00 2025\nFrom: Ana <ana@example.org>\nTo: dev@example.org\nSubject: note ${n}\nMessage-ID: <note-${n}@example.org>\nDate: Mon, 3 Mar 2025 10:0${n}:00 +0000\n${n > 1 ? `In-Reply-To: <note-1@example.org>\n` : ""}\nBody of note ${n}.\n${extra}\n`;

/** A list with one mbox of `n` messages (and whatever else is given). */
function content(n: number, files: Record<string, string | Buffer> = {}): { dir: string; mbox: string } {
  const dir = writtenContent({ "dev/list.md": "---\ntitle: Dev\n---\n", "dev/archive.mbox": Array.from({ length: n }, (_, i) => message(i + 1)).join(""), ...files });
  return { dir, mbox: join(dir, "dev", "archive.mbox") };
}

/** Messages 4 to 67, of 10 KB each: more new bytes than start the parse workers at once (POOL_BYTES). */
function bigMessages(): string {
  const body = `${"word ".repeat(2000)}\n`;
  return Array.from({ length: 64 }, (_, i) => message(i + 4).replace("Message-ID: <note-", "Message-ID: <big-").replace(/\n\n/, `\n\n${body}`)).join("");
}

/** A build with parse workers, and how many messages went to them. */
async function buildCountingWorkerParses(dir: string, cacheDir: string): Promise<{ archive: Archive; sent: number }> {
  const { parse } = ParsePool.prototype;
  let sent = 0;
  ParsePool.prototype.parse = function (...args) {
    sent++;
    return parse.apply(this, args);
  };
  try {
    return { archive: await buildArchive(dir, { writeAttachment: async () => {}, cacheDir }), sent };
  } finally {
    ParsePool.prototype.parse = parse;
  }
}

async function build(dir: string, cacheDir: string): Promise<Archive> {
  const archive = await buildArchive(dir, { writeAttachment: async () => {}, workers: false, cacheDir });
  archive.close();
  return archive;
}

/** What a build made: its records, bodies aside, and its diagnostics. */
async function made(dir: string, cacheDir: string) {
  const archive = await buildArchive(dir, { writeAttachment: async () => {}, workers: false, cacheDir });
  const bodies = archive.lists[0]!.records.map((r) => archive.messages.body(r.url));
  archive.close();
  return { records: archive.lists.map((l) => l.records), inputs: archive.lists.map((l) => l.inputs), bodies, diagnostics: archive.diagnostics.sorted() };
}

async function assertAsCold(dir: string, cacheDir: string): Promise<void> {
  assert.deepEqual(await made(dir, cacheDir), await made(dir, tempDir()));
}

test("an mbox that grew is read from its last known message on; a file just written is checked by its bytes", async () => {
  const { dir, mbox } = content(3, { "dev/old.mbox": message(7) });
  const cache = tempDir();
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 0, parsed: 4, unread: 0 });
  appendFileSync(mbox, message(4));
  // The mbox's first two messages are not read; its third is read again (and found in the cache),
  // the fourth parsed. old.mbox was written too recently for its facts to prove anything: its one
  // message is read again, after its bytes were found to be what they were.
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 4, parsed: 1, unread: 2 });
  await assertAsCold(dir, cache);
});

test("a file unchanged since a build well after its last change is not read at all", async () => {
  const { dir } = content(3, { "dev/old.mbox": message(7) });
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  const cache = tempDir();
  await build(dir, cache);
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 4, parsed: 0, unread: 4 });
  await assertAsCold(dir, cache);
});

test("bytes appended to the last message without a new envelope line are read as part of it", async () => {
  const { dir, mbox } = content(2);
  const cache = tempDir();
  await build(dir, cache);
  appendFileSync(mbox, "A postscript that came later.\n\n");
  const grown = await build(dir, cache);
  assert.deepEqual(grown.parsed, { hits: 1, parsed: 1, unread: 1 });
  assert.match(JSON.stringify(await made(dir, cache)), /A postscript that came later/);
  await assertAsCold(dir, cache);
});

test("a file changed anywhere but at its end, or cut short, is read whole", async () => {
  const { dir, mbox } = content(3);
  const cache = tempDir();
  await build(dir, cache);
  // Same length, one word changed in the first message, a message appended. The appended message
  // is parsed before the old bytes are checked; found changed, the file is read again whole, and
  // that message then comes from the cache.
  writeFileSync(mbox, readFileSync(mbox, "latin1").replace("Body of note 1.", "Body of nOte 1.") + message(4), "latin1");
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 3, parsed: 1, unread: 0 });
  await assertAsCold(dir, cache);
  writeFileSync(mbox, readFileSync(mbox, "latin1").slice(0, -40), "latin1");
  assert.deepEqual((await build(dir, cache)).parsed.unread, 0);
  await assertAsCold(dir, cache);
});

test("a grown mbox found changed before its end once its new mail is read is read again whole: what the build makes and reports is a cold build's, nothing twice", async () => {
  const { dir, mbox } = content(3, { "dev/other.mbox": message(8) });
  const cache = tempDir();
  await build(dir, cache);
  // The new message reports its date when parsed, before the old bytes are found changed.
  const undated = message(4).replace(/^Date: .*$/m, "Date: the day after");
  writeFileSync(mbox, readFileSync(mbox, "latin1").replace("Body of note 2.", "Body of NOTE 2.") + undated, "latin1");
  const again = await made(dir, cache);
  const cold = await made(dir, tempDir());
  assert.deepEqual(again, cold);
  assert.equal(again.diagnostics.filter((d) => d.path === "dev/archive.mbox" && d.index === 3).length, 1, JSON.stringify(again.diagnostics));
  assert.match(JSON.stringify(again.bodies), /Body of NOTE 2/);
  // That file is known whole again after it.
  appendFileSync(mbox, message(5));
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 5, parsed: 1, unread: 3 });
  await assertAsCold(dir, cache);
});

test("a grown file read whole after all, as it no longer reads as the format it had, keeps none of its old heads for the next build", async () => {
  const pipermail = (n: number) => `From ana at example.org  Mon Mar  3 10:0${n}:00 2025\nFrom: ana at example.org (Ana)\nSubject: archived ${n}\nMessage-ID: <old-${n}@example.org>\nDate: Mon, 3 Mar 2025 10:0${n}:00 +0000\n\nOld body ${n}.\n\n`;
  const { dir } = content(1, { "dev/month.txt": pipermail(1) + pipermail(2) });
  const cache = tempDir();
  await build(dir, cache);
  // Now an mbox, longer than it was: gone on from as grown, until its format says otherwise.
  const mbox = message(4) + message(5) + message(6);
  assert.ok(mbox.length > (pipermail(1) + pipermail(2)).length);
  writeFileSync(join(dir, "dev", "month.txt"), mbox);
  await build(dir, cache);
  // Settled: the next build takes its messages' heads from the snapshot.
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  await build(dir, cache);
  const again = await build(dir, cache);
  assert.equal(again.parsed.unread, 4, "nothing read");
  await assertAsCold(dir, cache);
});

test("a file that reported something when read is read whole again, so its diagnostics come again", async () => {
  const gzip = gzipSync(message(5) + message(6));
  const { dir } = content(2, { "dev/cut.mbox.gz": gzip.subarray(0, gzip.length - 6) });
  const cache = tempDir();
  const first = await build(dir, cache);
  assert.ok(first.diagnostics.sorted().some((d) => d.code === "file-truncated"));
  const second = await build(dir, cache);
  assert.ok(second.diagnostics.sorted().some((d) => d.code === "file-truncated"));
  await assertAsCold(dir, cache);
});

test("messages known from the snapshot wait behind messages still queued for the parse workers without stalling", { timeout: 60_000 }, async () => {
  const many = (n: number, tag: string) => Array.from({ length: n }, (_, i) => message(1).replace("note-1@", `${tag}-${i}@`).replace("Subject: note 1", `Subject: ${tag} ${i}`)).join("");
  const dir = writtenContent({ "a/list.md": "---\ntitle: A\n---\n", "a/archive.mbox": many(1, "a"), "b/list.md": "---\ntitle: B\n---\n", "b/1.mbox": many(1, "b"), "b/2.mbox": many(300, "known") });
  const cache = tempDir();
  await buildArchive(dir, { writeAttachment: async () => {}, cacheDir: cache }).then((a) => a.close());
  // List a's 333 new messages start the parse workers; in list b, 1.mbox's three new messages wait
  // in the workers' queue while 2.mbox's 300 messages are taken from the snapshot.
  writeFileSync(join(dir, "a", "archive.mbox"), many(333, "a"));
  writeFileSync(join(dir, "b", "1.mbox"), many(3, "b"));
  const archive = await buildArchive(dir, { writeAttachment: async () => {}, cacheDir: cache });
  archive.close();
  assert.equal(archive.parsed.parsed, 334);
  assert.ok(archive.parsed.unread >= 299, `${archive.parsed.unread} messages not read`);
  assert.deepEqual(archive.lists.map((l) => l.records.length), [333, 303]);
});

test("the heads of the messages known from the snapshot come from its columns, not the parse cache, as an mbox grows again and again", async () => {
  const { dir, mbox } = content(3, { "dev/old.mbox": message(7) });
  const cache = tempDir();
  await build(dir, cache);
  const storedAll = ParseCache.prototype.storedAll;
  let asked = 0;
  ParseCache.prototype.storedAll = function (keys) {
    asked += keys.length;
    return storedAll.call(this, keys);
  };
  try {
    for (const n of [4, 5, 6]) {
      appendFileSync(mbox, message(n));
      assert.deepEqual((await build(dir, cache)).parsed, { hits: n, parsed: 1, unread: n - 2 });
      await assertAsCold(dir, cache);
    }
  } finally {
    ParseCache.prototype.storedAll = storedAll;
  }
  assert.equal(asked, 0, "heads read from the parse cache");
});

test("a message the parse cache no longer holds has its file read whole, though the snapshot has its head", async () => {
  const { dir } = content(3);
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  const cache = tempDir();
  await build(dir, cache);
  // The cache's segments gone (a disk cleaned by hand), its snapshot left: bodies are read from the cache.
  const lists = join(cache, "parse");
  for (const list of readdirSync(lists)) for (const name of readdirSync(join(lists, list))) if (name.endsWith(".seg")) rmSync(join(lists, list, name));
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 0, parsed: 3, unread: 0 });
  await assertAsCold(dir, cache);
});

test("the snapshot's keys are not looked up in the parse cache while it has the segments it had when saved; once one is gone they are, and what it lacks is read again", async () => {
  const { dir, mbox } = content(3);
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  const cache = tempDir();
  await build(dir, cache);
  const segments = () => readdirSync(join(cache, "parse")).flatMap((list) => readdirSync(join(cache, "parse", list)).filter((name) => name.endsWith(".seg")).map((name) => join(cache, "parse", list, name)));
  const first = segments();
  appendFileSync(mbox, message(4));
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  await build(dir, cache);
  const { has } = ParseCache.prototype;
  let asked = 0;
  ParseCache.prototype.has = function (key) {
    asked++;
    return has.call(this, key);
  };
  try {
    // Unchanged since, and the cache as saved: nothing read, nothing looked up.
    assert.deepEqual((await build(dir, cache)).parsed, { hits: 4, parsed: 0, unread: 4 });
    assert.equal(asked, 0, "keys looked up in the parse cache");
    // The segment the fourth message went to, deleted by hand: each key is looked up, the fourth
    // is found missing and the file is read whole (the first three from the cache).
    const added = segments().filter((path) => !first.includes(path));
    assert.equal(added.length, 1);
    rmSync(added[0]!);
    assert.deepEqual((await build(dir, cache)).parsed, { hits: 3, parsed: 1, unread: 0 });
    assert.ok(asked > 0, "keys looked up once a segment is gone");
  } finally {
    ParseCache.prototype.has = has;
  }
  await assertAsCold(dir, cache);
});

test("new mail at the end of a grown mbox is read, and parsed meanwhile, before the messages known before it are taken", async () => {
  const { dir, mbox } = content(3);
  const cache = tempDir();
  await build(dir, cache);
  appendFileSync(mbox, message(4) + message(5));
  const { get, known } = ParseCache.prototype;
  const order: string[] = [];
  ParseCache.prototype.get = function (raw, ...rest) {
    order.push(`read ${raw.locator.index}`);
    return get.call(this, raw, ...rest);
  };
  ParseCache.prototype.known = function (key, stored, locator, sink) {
    order.push(`known ${locator.index}`);
    return known.call(this, key, stored, locator, sink);
  };
  try {
    await assertAsCold(dir, cache);
  } finally {
    Object.assign(ParseCache.prototype, { get, known });
  }
  // Its last known message is read again with the new ones (the bytes appended may continue it);
  // the two before it are taken from the snapshot after the new ones were read.
  assert.deepEqual(order.slice(0, 3), ["read 2", "known 2", "read 3"]);
  assert.ok(order.indexOf("read 4") < order.indexOf("known 0") && order.indexOf("known 0") < order.indexOf("known 1"), order.join(", "));
});

test("while the messages known before it wait to be taken, new mail goes to the parse workers even before they have started", { timeout: 60_000 }, async () => {
  const { dir, mbox } = content(3);
  const cache = tempDir();
  await buildArchive(dir, { writeAttachment: async () => {}, cacheDir: cache }).then((a) => a.close());
  // 64 new messages of 10 KB: more new bytes than start the workers at once (POOL_BYTES).
  appendFileSync(mbox, bigMessages());
  const { archive, sent } = await buildCountingWorkerParses(dir, cache);
  archive.close();
  assert.equal(archive.parsed.parsed, 64);
  assert.equal(sent, 64, "messages parsed on the workers");
  assert.equal(archive.lists[0]!.records.length, 67);
});

test("a grown mbox found changed before its end while its new mail is on the parse workers is read again whole once they have answered", { timeout: 60_000 }, async () => {
  const { dir, mbox } = content(3);
  const cache = tempDir();
  await buildArchive(dir, { writeAttachment: async () => {}, cacheDir: cache }).then((a) => a.close());
  writeFileSync(mbox, readFileSync(mbox, "latin1").replace("Body of note 1.", "Body of NOTE 1.") + bigMessages(), "latin1");
  const { archive, sent } = await buildCountingWorkerParses(dir, cache);
  const bodies = archive.lists[0]!.records.map((r) => archive.messages.body(r.url));
  archive.close();
  // The 64 new messages went to the workers; read again, every message but the changed one is in the cache.
  assert.ok(sent >= 64, `${sent} messages sent to the parse workers`);
  assert.deepEqual(archive.parsed, { hits: 66, parsed: 1, unread: 0 });
  const cold = await made(dir, tempDir());
  assert.deepEqual({ records: archive.lists.map((l) => l.records), inputs: archive.lists.map((l) => l.inputs), bodies, diagnostics: archive.diagnostics.sorted() }, cold);
});

test("messages taken from the snapshot count as used when the cache packs its segments: the next build finds them all", async () => {
  const { dir, mbox } = content(3);
  const cache = tempDir();
  await build(dir, cache);
  // A segment per build of new mail: the ninth packs the small ones into one with what the build used.
  const later = (n: number) => message(9).replace("<note-9@", `<note-${n}@`);
  for (let n = 4; n <= 13; n++) {
    appendFileSync(mbox, later(n));
    const grown = await build(dir, cache);
    assert.deepEqual(grown.parsed, { hits: n - 1, parsed: 1, unread: n - 2 }, `build ${n}: the new message parsed, the last known one read again`);
  }
  const [listCache] = readdirSync(join(cache, "parse"));
  const segments = readdirSync(join(cache, "parse", listCache!)).filter((f) => f.endsWith(".seg"));
  assert.ok(segments.length < 10, `packed: ${segments.length} segments`);
  // Their bodies are read back from the packed cache: the site is a cold build's.
  appendFileSync(mbox, later(14));
  const cold = await made(dir, tempDir());
  const after = await made(dir, cache);
  assert.deepEqual(after, cold);
  assert.ok(after.bodies.every((b) => b !== undefined));
});

test("a snapshot whose columns of heads are damaged has the heads read from the parse cache instead", async () => {
  const { dir } = content(3);
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  const cache = tempDir();
  await build(dir, cache);
  const lists = join(cache, "parse");
  for (const list of readdirSync(lists)) {
    const path = join(lists, list, "files.v8");
    const snapshot = deserialize(readFileSync(path)) as { files: [string, { heads: unknown }][] };
    for (const [, file] of snapshot.files) file.heads = [null];
    writeFileSync(path, serialize(snapshot));
  }
  assert.deepEqual((await build(dir, cache)).parsed, { hits: 3, parsed: 0, unread: 3 });
  await assertAsCold(dir, cache);
});

test("a file's digest is zlib's CRC-32, carried on over appended bytes, also where Node has no zlib.crc32", () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff));
  assert.equal(crc32(Buffer.from("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  assert.equal(bytewiseCrc32(bytes), crc32(bytes));
  for (const at of [0, 1, 2500, 4999]) {
    assert.equal(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at))), crc32(bytes));
    assert.equal(bytewiseCrc32(bytes.subarray(at), bytewiseCrc32(bytes.subarray(0, at))), crc32(bytes));
  }
});

test("a grown file's old bytes are found as they were, changed, cut short or unreadable, on this thread and on a worker alike", async () => {
  const dir = tempDir();
  const file = join(dir, "archive.mbox");
  const bytes = Buffer.from(Array.from({ length: 9000 }, (_, i) => (i * 31 + (i >> 5)) & 0xff));
  writeFileSync(file, bytes);
  const old = { bytes: 6000, crc32: crc32(bytes.subarray(0, 6000)) };
  assert.equal(fileCrc32(file, 6000), old.crc32);
  for (const onWorker of [false, true]) {
    writeFileSync(file, bytes);
    assert.equal(await sameBytes(file, old, onWorker), true, "as it was, bytes appended");
    const changed = Buffer.from(bytes);
    changed[5999]! ^= 1;
    writeFileSync(file, changed);
    assert.equal(await sameBytes(file, old, onWorker), false, "its last old byte changed");
    writeFileSync(file, bytes.subarray(0, 5999));
    assert.equal(await sameBytes(file, old, onWorker), false, "shorter than it was");
    assert.equal(await sameBytes(join(dir, "gone.mbox"), old, onWorker), false, "not there");
  }
});

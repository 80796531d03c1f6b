// The read snapshot's columns of stored heads: a head made from them is the head the parse cache
// stores, field for field and in the same order, for real and hostile mail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { parseToParts } from "../../src/archive/archived-message.ts";
import { appendHeads, decodeHeads, encodeHeads, headCount, headReader, type HeadChunk, type HeadColumns } from "../../src/archive/head-columns.ts";
import { HEAD, partOf, readHead, type StoredHead } from "../../src/archive/message-parts.ts";
import { StringPool } from "../../src/indexes/string-pool.ts";
import { readContent, readListMessages, type ListInput } from "../../src/ingest/index.ts";
import { Diagnostics } from "../../src/report/diagnostics.ts";
import { linkedContent, tempDir } from "../support/archive.ts";
import { CORPUS, CORPUS_LISTS, corpusSkip } from "../support/corpus.ts";
import { writeHostileContent } from "../support/hostile-content.ts";

/** The stored head of every message of every list of a content folder, as the parse cache keeps it. */
async function storedHeads(contentDir: string): Promise<StoredHead[]> {
  const { lists } = await readContent(contentDir);
  const heads: StoredHead[] = [];
  for (const list of lists) {
    const options = { fallbackCharset: list.config.settings.fallbackCharset, knownTags: [list.config.id], privacy: list.config.settings.privacy };
    const inputs: ListInput[] = [];
    for await (const raw of readListMessages(list, new Diagnostics(), inputs)) {
      const parsed = await parseToParts(raw, options);
      if ("parts" in parsed) heads.push(readHead(partOf(parsed.parts, HEAD))!);
    }
  }
  return heads;
}

/** The columns as the snapshot file gives them back. */
const stored = (columns: HeadColumns): HeadColumns => deserialize(serialize(columns)) as HeadColumns;

function assertSameHeads(actual: StoredHead[] | null, expected: StoredHead[]): void {
  assert.ok(actual, "the columns read back");
  assert.equal(actual.length, expected.length);
  // JSON text: the same fields, values and order (what is made of a head may serialise it).
  for (const [i, head] of expected.entries()) assert.equal(JSON.stringify(actual[i]), JSON.stringify(head), `head ${i}`);
}

test("heads made from the columns are the heads the parse cache stores, for hostile mail", async () => {
  const dir = tempDir();
  writeHostileContent(join(dir, "content"));
  const heads = await storedHeads(join(dir, "content"));
  assert.ok(heads.length > 20, `${heads.length} heads`);
  // The cases the columns keep apart from the rest are there.
  assert.ok(heads.some((h) => h.message.attachments.length > 0), "a message with attachments");
  assert.ok(heads.some((h) => h.reports.length > 0), "a message its parse reported on");
  assert.ok(heads.some((h) => h.message.date === null), "an undated message");
  assert.ok(heads.some((h) => h.message.syntheticId), "a message without a Message-ID");
  assert.ok(heads.some((h) => h.message.flags.noArchive), "a message asking not to be archived");
  assertSameHeads(decodeHeads(stored(encodeHeads(heads)), new StringPool()), heads);
});

test("heads made from the columns are the heads the parse cache stores, for every corpus message", { skip: corpusSkip }, async () => {
  const heads = await storedHeads(linkedContent(Object.fromEntries(CORPUS_LISTS.map(({ folder }) => [folder, join(CORPUS, folder)]))));
  assert.ok(heads.length > 3000, `${heads.length} heads`);
  assert.ok(heads.some((h) => h.message.references.length > 1), "a message naming several ancestors");
  assert.ok(heads.some((h) => h.message.listTags.length > 0), "a subject with a list tag");
  assertSameHeads(decodeHeads(stored(encodeHeads(heads)), new StringPool()), heads);
});

test("columns kept up to a message and then added to give the heads of the file as it grew", async () => {
  const dir = tempDir();
  writeHostileContent(join(dir, "content"));
  const heads = await storedHeads(join(dir, "content"));
  const first = stored(encodeHeads(heads.slice(0, 10)));
  // An mbox that grew: its last known message is read again, then the new ones.
  const grown = stored(appendHeads(first, 9, heads.slice(9, 20)));
  assert.equal(headCount(grown), 20);
  const again = stored(appendHeads(grown, 19, heads.slice(19)));
  assertSameHeads(decodeHeads(again, new StringPool()), heads);
  assert.throws(() => appendHeads(first, 11, []), /11 heads kept of 10/);
});

test("columns cut short or naming strings they lack read as none, so the heads come from the parse cache instead", () => {
  const head: StoredHead = {
    message: {
      messageId: "<a@example.org>",
      syntheticId: false,
      references: [],
      inReplyTo: null,
      date: null,
      dateOffsetMinutes: null,
      dateSource: "none",
      from: { name: "", address: "" },
      subject: "",
      displaySubject: "",
      baseSubject: "",
      subjectIsReply: false,
      listTags: [],
      contentHash: "0".repeat(64),
      format: "eml",
      flags: { noArchive: false },
      attachments: [],
    },
    reports: [],
  };
  const replying = { ...head, message: { ...head.message, references: ["<a@example.org>"], attachments: [{ filename: "a.txt", contentType: "text/plain", size: 1, sha256: "0".repeat(64) }] } };
  const [chunk] = encodeHeads([head, replying]);
  const damaged: Partial<HeadChunk>[] = [
    { ids: chunk!.ids.subarray(0, 5) },
    { strings: [] },
    { refs: Int32Array.of(99) },
    { refStart: Int32Array.of(0, 1, 0) },
    { contentHashes: [] },
    { rare: [[1, "[[],"]] },
  ];
  for (const part of damaged) assert.equal(headReader([{ ...chunk!, ...part }], new StringPool()), null, Object.keys(part)[0]);
  assertSameHeads(decodeHeads([chunk!], new StringPool()), [head, replying]);
});

// Permalinks: depend only on list and Message-ID, never lowercased, unique even on case-insensitive file systems.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { messageIdSegment, messagePath, storedAttachmentName } from "../../src/indexes/permalink.ts";
import { CORPUS, CORPUS_LISTS, corpusSkip } from "../support/corpus.ts";
import { archiveOf, linkedContent, madePages } from "../support/archive.ts";
import { buildSiteModel } from "../../src/indexes/index.ts";

test("a URL-safe lower-case Message-ID stands in its permalink as written", () => {
  assert.equal(messagePath("dev", "<20050301200227.ga32207@merlin.emma.line.org>", null), "/dev/m/20050301200227.ga32207@merlin.emma.line.org/");
});

test("a Message-ID with capitals keeps them and gains a hash suffix, so case-folding file systems keep ids apart", () => {
  const a = messageIdSegment("<AbC@example.org>");
  const b = messageIdSegment("<abc@example.org>");
  const c = messageIdSegment("<ABC@example.org>");
  assert.match(a, /^AbC@example\.org~[0-9a-f]{8}$/);
  assert.equal(b, "abc@example.org");
  assert.equal(new Set([a, b, c].map((s) => s.toLowerCase())).size, 3);
});

test("Message-IDs with slashes, percent signs, colons, spaces or device names are hashed", () => {
  for (const id of ["<a/b@x>", "<a%2Fb@x>", "<a:b@x>", "<a b@x>", "<nul.1@x>", "<..@x>", "<a?b#c@x>", `<${"x".repeat(3000)}@y>`]) {
    assert.match(messageIdSegment(id), /^h-[0-9a-f]{32}$/, id);
  }
});

test("a second message sharing a Message-ID gets a content-hash suffix, the first the plain permalink", () => {
  assert.equal(messagePath("dev", "<a@x>", "0123456789abcdef"), "/dev/m/a@x~0123456789ab/");
});

test("attachments that could run in the site's origin are stored to download, not to render", () => {
  assert.equal(storedAttachmentName("patch.diff"), "patch.diff");
  assert.equal(storedAttachmentName("page.html"), "page.html.bin");
  assert.equal(storedAttachmentName("logo.SVG"), "logo.SVG.bin");
  assert.equal(storedAttachmentName("noext"), "noext.bin");
});

test("every page path (lists, months, threads, messages, authors) across all shared corpora is unique, also compared case-insensitively", { skip: corpusSkip }, async () => {
  const { archive } = await archiveOf(linkedContent(Object.fromEntries(CORPUS_LISTS.map((c) => [c.folder, join(CORPUS, c.folder)]))));
  const model = buildSiteModel(archive.lists);
  const paths: string[] = [
    ...model.lists.map((l) => l.url),
    ...[...model.threadGroups].flatMap((g) => [g.threadPage.url, ...g.messagePages.map((p) => p.url)]),
    ...madePages(model.monthPages).map((p) => p.url),
    ...madePages(model.authorPages).map((p) => p.url),
    ...model.authorIndexPages.map((p) => p.url),
  ];
  assert.ok(paths.length > 3000);
  assert.equal(new Set(paths).size, paths.length, "unique");
  assert.equal(new Set(paths.map((p) => p.toLowerCase())).size, paths.length, "unique when case is folded");
  for (const p of paths) assert.match(p, /^\/[A-Za-z0-9._-]+\/(?:[A-Za-z0-9._+=@~-]+\/)*$/, p);
  for (const p of madePages(model.authorPages).map((a) => a.url)) assert.ok(!p.includes("@") && !/ at /.test(p), `${p} shows no address`);
});

// Search records: a message's own words, under the list's privacy, landing on the reply's anchor; the Message-ID lookup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ownText, MAX_INDEXED_CHARS } from "../../src/search/own-text.ts";
import { buildSearchDocs } from "../../src/search/records.ts";
import { buildIdLookup, idEntries, lookupShard } from "../../src/search/message-id-lookup.ts";
import type { MessageBody } from "../../src/parse/index.ts";
import { archiveOf } from "../support/archive.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";

const body = (text: string, html: string | null = null): MessageBody => ({ text, rawText: text, flowed: false, html, charset: "utf-8", charsetSource: "declared" });

test("quotes, attributions, signatures and list footers are not indexed; the writer's own words are", () => {
  const text = [
    "On Tue, 4 Mar 2025, Ana Souza <ana@example.org> wrote:",
    "> the quoted words stay out",
    "",
    "My own answer about compaction.",
    "",
    "-- ",
    "Ivan, signature words",
  ].join("\n");
  const own = ownText(body(text), "obfuscate");
  assert.match(own, /My own answer about compaction/);
  assert.doesNotMatch(own, /quoted words|signature words|wrote:/);
});

test("patches are indexed by their added and removed lines, not their context", () => {
  const text = ["Fix below.", "", "diff --git a/x.c b/x.c", "--- a/x.c", "+++ b/x.c", "@@ -1,3 +1,3 @@", " context_line();", "-old_call();", "+new_call();", ""].join("\n");
  const own = ownText(body(text), "show");
  assert.match(own, /old_call/);
  assert.match(own, /new_call/);
  assert.doesNotMatch(own, /context_line/);
});

test("addresses in indexed text follow the privacy setting, and the indexed text is bounded", () => {
  assert.equal(ownText(body("Mail me at ana@example.org please."), "obfuscate"), "Mail me at ana at example.org please.");
  assert.ok(!ownText(body("Mail me at ana@example.org please."), "hide").includes("example.org"));
  assert.ok(ownText(body("word ".repeat(5000)), "show").length <= MAX_INDEXED_CHARS);
});

test("HTML-only mail is indexed by its text, never its markup", () => {
  const own = ownText(body("", '<p>Benchmark <b>numbers</b></p><script>evil()</script>'), "show");
  assert.match(own, /Benchmark numbers/);
  assert.doesNotMatch(own, /script|evil/);
});

test("every sample message has one search document pointing at its anchor in its thread page, oldest first", async () => {
  const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
  const docs = buildSearchDocs(archive);
  assert.equal(docs.length, archive.lists.reduce((n, l) => n + l.records.length, 0));
  assert.equal(new Set(docs.map((d) => d.url)).size, docs.length);
  for (const [i, d] of docs.entries()) {
    assert.match(d.url, /^\/[^/]+\/t\/[^#]+\/#m-[0-9a-f]{12}$/);
    assert.equal(d.url.slice(0, d.url.indexOf("#")), d.threadUrl);
    assert.ok(d.url.startsWith(`/${d.listId}/`));
    if (i > 0 && d.date && docs[i - 1]!.date) assert.ok(docs[i - 1]!.date <= d.date, `${docs[i - 1]!.date} before ${d.date}`);
    if (i > 0 && !docs[i - 1]!.date) assert.equal(d.date, "", "undated messages come last");
    assert.ok(!/[\w.+-]+@[\w-]+\.[a-z]{2,}/.test(d.text + d.author), `no address in the text of ${d.url}`);
  }
});

test("the Message-ID lookup finds every sample message in the file its hash names", async () => {
  const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
  const files = buildIdLookup(idEntries(archive));
  for (const list of archive.lists) for (const r of list.records) assert.ok(files.get(lookupShard(r.messageId))![r.messageId]!.includes(r.url));
  assert.equal(lookupShard("<a@b>"), lookupShard("<a@b>"));
  assert.match(lookupShard("<20050301200227.GA32207@merlin.emma.line.org>"), /^[0-9a-f]{2}$/);
});

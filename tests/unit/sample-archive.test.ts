// The sample archive in content/ is what a new user builds first: every format, every message accounted for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { archiveOf } from "../support/archive.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";

const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
const records = archive.lists.flatMap((l) => l.records);

test("the sample has at least two lists and sixty messages in all four formats", () => {
  assert.ok(archive.lists.length >= 2);
  const read = archive.lists.reduce((n, l) => n + l.messagesRead, 0);
  assert.ok(read >= 60, `${read} messages`);
  const formats = new Set(archive.lists.flatMap((l) => l.inputs.map((i) => i.format)));
  assert.deepEqual([...formats].sort(), ["eml", "maildir", "mbox", "pipermail"]);
  assert.ok(archive.lists.some((l) => l.inputs.some((i) => i.gzip)), "a gzip-compressed archive");
});

test("every sample message is published or merged, and nothing is reported worse than one missing Message-ID", () => {
  for (const l of archive.lists) assert.equal(l.messagesRead, l.records.length + l.duplicatesMerged + l.skipped.length);
  const problems = archive.diagnostics.items.filter((d) => d.severity !== "info").map((d) => d.code);
  assert.deepEqual(problems, ["message-id-missing"]);
});

test("the sample shows the hard cases: no Date, no Message-ID, obfuscated senders, Cyrillic, HTML-only, attachments, a merged copy", () => {
  assert.ok(records.some((r) => r.dateSource !== "date"), "a message without a Date header");
  assert.ok(records.some((r) => r.syntheticId), "a synthetic Message-ID");
  assert.ok(records.some((r) => /[\u0400-\u04ff]/.test(r.subject)), "a Cyrillic subject");
  assert.ok(records.some((r) => archive.messages.body(r.url)!.html !== null && archive.messages.body(r.url)!.text === ""), "an HTML-only mail");
  assert.ok(records.some((r) => r.attachments.length > 0), "an attachment");
  assert.ok(archive.lists.some((l) => l.duplicatesMerged > 0), "a duplicate merged");
  assert.ok(archive.diagnostics.items.some((d) => d.code === "charset-fallback"), "an unlabelled 8-bit body");
  const months = new Set(records.filter((r) => r.date).map((r) => r.date!.slice(0, 7)));
  assert.ok(months.size >= 3);
  const crossMonth = new Map<string, Set<string>>();
  for (const r of records) if (r.date) (crossMonth.get(r.threadId) ?? crossMonth.set(r.threadId, new Set()).get(r.threadId)!).add(r.date.slice(0, 7));
  assert.ok([...crossMonth.values()].some((s) => s.size > 1), "a thread that crosses months");
});

test("no sample body or header came out with undecodable characters", () => {
  for (const r of records) {
    const b = archive.messages.body(r.url)!;
    for (const text of [r.subject, r.from.name, b.text, b.html ?? ""]) assert.ok(!text.includes("\uFFFD"), r.url);
  }
});

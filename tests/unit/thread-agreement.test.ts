// Threading against the archivers' own output: parent agreement with pipermail (per month) and notmuch (whole archive).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS, corpusSkip } from "../support/corpus.ts";
import { archiveOf, linkedContent, tempDir } from "../support/archive.ts";
import { compareParents, readExpected, withHeaders, type Agreement } from "../support/thread-expectations.ts";

const CASES: { name: string; folder: string; expected: string; sameMonth: boolean }[] = [
  { name: "fetchmail-devel vs pipermail", folder: "berlios-fetchmail-devel", expected: "berlios-fetchmail-devel/expected-pipermail-threads.jsonl", sameMonth: true },
  { name: "fetchmail-devel vs notmuch", folder: "berlios-fetchmail-devel", expected: "berlios-fetchmail-devel/expected-notmuch-threads.jsonl", sameMonth: false },
  { name: "deepamehta-verein vs pipermail", folder: "berlios-deepamehta-verein", expected: "berlios-deepamehta-verein/expected-pipermail-threads.jsonl", sameMonth: true },
  { name: "deepamehta-verein vs notmuch", folder: "berlios-deepamehta-verein", expected: "berlios-deepamehta-verein/expected-notmuch-threads.jsonl", sameMonth: false },
  { name: "notmuch default vs notmuch", folder: "notmuch/corpora/default", expected: "notmuch/expected-notmuch-threads-default.jsonl", sameMonth: false },
  { name: "notmuch lkml vs notmuch", folder: "notmuch/corpora/lkml", expected: "notmuch/expected-notmuch-threads-lkml.jsonl", sameMonth: false },
];

function report(t: { diagnostic(s: string): void }, name: string, a: Agreement): void {
  const pct = (n: number) => ((100 * n) / a.compared).toFixed(2);
  t.diagnostic(`${name}: ${a.agreed}/${a.compared} parents agree (${pct(a.agreed)}%); with the disagreements our headers settle: ${pct(a.agreed + a.justified)}%`);
  const kinds = new Map<string, number>();
  for (const d of a.differences) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
  for (const [kind, n] of kinds) t.diagnostic(`  ${n} × ${kind}`);
}

for (const c of CASES) {
  test(`thread parents agree with ${c.name} on at least 99% of messages, counting only disagreements the headers settle for us`, { skip: corpusSkip }, async (t) => {
    const { archive } = await archiveOf(linkedContent({ list: join(CORPUS, c.folder) }));
    const a = compareParents(withHeaders(archive.lists[0]!.records, (url) => archive.messages.head(url)), readExpected(join(CORPUS, c.expected)), c.sameMonth);
    report(t, c.name, a);
    assert.ok(a.compared > 40);
    assert.ok((a.agreed + a.justified) / a.compared >= 0.99, `${a.agreed}+${a.justified}/${a.compared}`);
    assert.ok(a.agreed / a.compared >= 0.95, `raw agreement ${a.agreed}/${a.compared}`);
  });
}

test("subject grouping, measured both ways on fetchmail-devel: it only adds links, and header links stay as they were", { skip: corpusSkip }, async (t) => {
  const content = tempDir();
  cpSync(join(CORPUS, "berlios-fetchmail-devel", "archives"), join(content, "grouped", "archives"), { recursive: true });
  writeFileSync(join(content, "grouped", "list.md"), "---\nsubjectGrouping: true\n---\n");
  const withHeadersOf = ({ archive }: Awaited<ReturnType<typeof archiveOf>>) => ({ records: withHeaders(archive.lists[0]!.records, (url) => archive.messages.head(url)) });
  const off = withHeadersOf(await archiveOf(linkedContent({ plain: join(CORPUS, "berlios-fetchmail-devel") })));
  const on = withHeadersOf(await archiveOf(content));
  const expectedPm = readExpected(join(CORPUS, "berlios-fetchmail-devel/expected-pipermail-threads.jsonl"));
  const expectedNm = readExpected(join(CORPUS, "berlios-fetchmail-devel/expected-notmuch-threads.jsonl"));
  for (const [label, records] of [["off", off.records], ["on", on.records]] as const) {
    report(t, `subject grouping ${label}, vs pipermail`, compareParents(records, expectedPm, true));
    report(t, `subject grouping ${label}, vs notmuch`, compareParents(records, expectedNm, false));
    t.diagnostic(`subject grouping ${label}: ${new Set(records.map((r) => r.threadId)).size} threads`);
  }
  const offById = new Map(off.records.map((r) => [r.url.replace("/plain/", "/"), r]));
  let added = 0;
  for (const r of on.records) {
    const before = offById.get(r.url.replace("/grouped/", "/"))!;
    if (before.parentId !== null) assert.equal(r.parentId, before.parentId, r.messageId);
    else if (r.parentId !== null) added++;
  }
  t.diagnostic(`subject grouping adds ${added} parent links on fetchmail-devel`);
});

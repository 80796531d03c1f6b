// Every shared corpus folder, built as a list: message counts by the README's separator rules, all accounted for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, CORPUS_LISTS, corpusSkip } from "../support/corpus.ts";
import { archiveOf, linkedContent } from "../support/archive.ts";

for (const { folder, messages } of CORPUS_LISTS) {
  test(`the ${folder} corpus reads as ${messages} messages and every one is published, merged or skipped`, { skip: corpusSkip }, async () => {
    const { archive } = await archiveOf(linkedContent({ [folder]: join(CORPUS, folder) }));
    const list = archive.lists[0]!;
    assert.equal(list.messagesRead, messages);
    assert.equal(list.inputs.reduce((n, i) => n + i.messages, 0), messages);
    assert.equal(list.messagesRead, list.records.length + list.duplicatesMerged + list.skipped.length);
    // Every message parses: nothing is skipped because the parser threw.
    assert.deepEqual(archive.diagnostics.items.filter((d) => d.code === "parse-failed"), []);
  });
}

test("no message in any corpus gets the build time as its date", { skip: corpusSkip }, async () => {
  const before = Date.now() - 60_000;
  const lists = Object.fromEntries(CORPUS_LISTS.map((c) => [c.folder, join(CORPUS, c.folder)]));
  const { archive } = await archiveOf(linkedContent(lists));
  let undated = 0;
  for (const list of archive.lists) {
    for (const r of list.records) {
      if (r.date === null) {
        undated++;
        assert.equal(r.dateSource, "none");
      } else {
        assert.ok(Date.parse(r.date) < before, `${list.config.id} ${r.messageId}: ${r.date} (${r.dateSource})`);
      }
    }
  }
  assert.ok(undated < 20, `${undated} undated messages`);
});

test("fetchmail-devel's one message stored twice is published once with both sources", { skip: corpusSkip }, async () => {
  const { archive } = await archiveOf(linkedContent({ fetchmail: join(CORPUS, "berlios-fetchmail-devel") }));
  const list = archive.lists[0]!;
  assert.equal(list.duplicatesMerged, 1);
  const twice = list.records.find((r) => r.messageId === "<20070823074344.GC6686@merlin.emma.line.org>")!;
  assert.deepEqual(twice.sources.map((s) => `${s.path}#${s.index}`), ["archives/2007-August.txt.gz#15", "archives/2007-August.txt.gz#16"]);
});

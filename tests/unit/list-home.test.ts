// A list's home: its most recently active threads, the latest reply first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildSiteModel, type ThreadRecord } from "../../src/indexes/index.ts";
import { archiveOf, linkedContent } from "../support/archive.ts";
import { CORPUS, CORPUS_LISTS, corpusSkip, PROJECT_ROOT } from "../support/corpus.ts";

/** Every thread of the list, latest reply first (undated last), then by URL. */
const byActivity = (threads: readonly ThreadRecord[]) =>
  [...threads].sort((a, b) => ((b.lastDate ?? "") < (a.lastDate ?? "") ? -1 : (b.lastDate ?? "") > (a.lastDate ?? "") ? 1 : a.url < b.url ? -1 : 1));

async function assertHomesShowMostActive(content: string): Promise<void> {
  const { archive } = await archiveOf(content);
  const model = buildSiteModel(archive.lists);
  for (const [i, list] of archive.lists.entries()) {
    const all = byActivity(list.threads);
    assert.deepEqual(model.lists[i]!.recentThreads, all.slice(0, 10), list.config.id);
    assert.deepEqual(model.lists[i]!.homeThreads, all.slice(0, 5), list.config.id);
  }
  archive.close();
}

test("a list's home shows the threads with the latest replies, latest first, in the sample", async () => {
  await assertHomesShowMostActive(join(PROJECT_ROOT, "content"));
});

test("a list's home shows the threads with the latest replies, latest first, in every shared corpus", { skip: corpusSkip }, async () => {
  await assertHomesShowMostActive(linkedContent(Object.fromEntries(CORPUS_LISTS.map((c) => [c.folder, join(CORPUS, c.folder)]))));
});

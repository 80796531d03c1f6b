// A permalink page's outline of its thread: whole for a short thread, a slice around the message
// (with the thread's first entry and how many are left out) for a long one, so pages of a thread of
// hundreds of replies do not each list all of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildSiteModel, type MessagePage } from "../../src/indexes/index.ts";
import { OUTLINE_AROUND, OUTLINE_WHOLE } from "../../src/indexes/thread-pages.ts";
import { archiveOf, linkedContent } from "../support/archive.ts";
import { CORPUS, corpusSkip } from "../support/corpus.ts";

/** Every permalink page of two corpus lists (fetchmail's, with threads of up to 40 entries, and LKML's, with longer ones), made. */
async function permalinkPages(): Promise<MessagePage[]> {
  const { archive } = await archiveOf(linkedContent({ fetchmail: join(CORPUS, "berlios-fetchmail-devel"), lkml: join(CORPUS, "notmuch", "corpora", "lkml") }));
  const model = buildSiteModel(archive.lists);
  const pages: MessagePage[] = [];
  for (const group of model.threadGroups) for (const p of group.messagePages) pages.push(p.make());
  archive.close();
  return pages;
}

test("a thread of up to 40 entries is outlined whole on each of its permalink pages", { skip: corpusSkip }, async () => {
  const short = (await permalinkPages()).filter((p) => p.thread.entries.length <= OUTLINE_WHOLE);
  assert.ok(short.some((p) => p.thread.entries.length > 10), "the list has threads of some length");
  for (const p of short) assert.deepEqual(p.outline, { entries: p.thread.entries, before: 0, after: 0 });
});

test("a longer thread's permalink page outlines its first entry and 15 entries either side of the message, counting those left out", { skip: corpusSkip }, async () => {
  const long = (await permalinkPages()).filter((p) => p.thread.entries.length > OUTLINE_WHOLE);
  assert.ok(long.length > 0, "the list has a thread longer than the whole outline");
  for (const p of long) {
    const all = p.thread.entries;
    const at = all.findIndex((e) => e.record === p.record);
    const { entries, before, after } = p.outline;
    assert.equal(entries[0], all[0], "the thread's first entry leads");
    assert.ok(entries.includes(all[at]!), "the message itself is in the slice");
    // The slice is contiguous in the thread's order, and nothing is counted twice or lost.
    const start = all.indexOf(entries[1]!);
    assert.deepEqual(entries.slice(1), all.slice(start, start + entries.length - 1));
    assert.equal(before, start - 1);
    assert.equal(1 + before + (entries.length - 1) + after, all.length);
    // Fifteen entries either side of the message, fewer only where the thread begins or ends.
    assert.equal(start, Math.max(1, at - OUTLINE_AROUND));
    assert.equal(start + entries.length - 1, Math.min(all.length, at + OUTLINE_AROUND + 1));
  }
});

// A thread's pages as a group: its text names everything its pages are made of, so that a rebuild
// finding the same text keeps them all without keying each (renderArchivePages).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Archive } from "../../src/archive/build-archive.ts";
import { buildSiteModel, Digests, type MessageRecord, type ThreadRecord } from "../../src/indexes/index.ts";
import { threadPath } from "../../src/indexes/permalink.ts";
import { archiveOf, linkedContent, writtenContent } from "../support/archive.ts";
import { CORPUS, CORPUS_LISTS, corpusSkip, PROJECT_ROOT } from "../support/corpus.ts";

const mail = (id: string, date: string, headers = "", body = "Text.") =>
  `From a@example.org Mon Mar  3 10:00:00 2025\nFrom: Ana <a@example.org>\nSubject: note ${id}\nMessage-ID: <${id}@example.org>\nDate: ${date}\n${headers}\n${body}\n\n`;

/**
 * A list with what makes links unusual: a Message-ID shared by two different messages (and a
 * reply to it), a reply to a message not archived (a ghost), replies to a message the list took
 * down, and threads dated among each other.
 */
function unusualList(): string {
  const mbox = [
    mail("root", "Mon, 3 Mar 2025 10:00:00 +0000"),
    mail("root", "Mon, 3 Mar 2025 10:05:00 +0000", "", "Another message, the same id."),
    mail("reply", "Mon, 3 Mar 2025 10:10:00 +0000", "In-Reply-To: <root@example.org>\n"),
    mail("other", "Mon, 3 Mar 2025 10:12:00 +0000"),
    mail("orphan", "Mon, 3 Mar 2025 10:15:00 +0000", "In-Reply-To: <never-archived@example.org>\nReferences: <never-archived@example.org>\n"),
    mail("taken-down", "Mon, 3 Mar 2025 10:20:00 +0000", "In-Reply-To: <reply@example.org>\n"),
    mail("under-taken-down", "Mon, 3 Mar 2025 10:25:00 +0000", "In-Reply-To: <taken-down@example.org>\n"),
    mail("second-under", "Mon, 3 Mar 2025 10:26:00 +0000", "In-Reply-To: <taken-down@example.org>\n"),
  ].join("");
  return writtenContent({ "dev/list.md": "---\ntitle: Dev\n---\n", "dev/archive.mbox": mbox, "dev/removed.txt": "<taken-down@example.org>\n" });
}

/** Every input a thread's pages are keyed by is its thread, one of its records, or named in its group's text by its digest. */
function assertGroupsNameTheirInputs(archive: Archive): number {
  const digests = new Digests((url) => archive.messages.cacheKey(url));
  const model = buildSiteModel(archive.lists, digests);
  let inputs = 0;
  for (const group of model.threadGroups) {
    const text = group.text();
    const pages = [group.threadPage, ...group.messagePages];
    assert.deepEqual(group.urls, pages.map((p) => p.url));
    const thread = group.threadPage.inputs[0] as ThreadRecord;
    // Taken from its records (threads.ts), a thread's URL is still made of its list and top Message-ID alone.
    assert.equal(thread.url, threadPath(thread.listId, thread.threadId));
    const own = new Set<MessageRecord | ThreadRecord>([thread, ...thread.entries.flatMap((e) => (e.record ? [e.record] : []))]);
    for (const page of pages) {
      for (const input of page.inputs) {
        if (input === null || own.has(input)) continue;
        inputs++;
        assert.ok(text.includes(digests.of(input)), `${page.url} is made of ${"url" in input ? input.url : "?"}, which its group's text does not name`);
      }
    }
  }
  return inputs;
}

test("a thread's pages are made of nothing its group's text does not name: the sample, and shared ids, ghosts and mail taken down", async () => {
  for (const content of [join(PROJECT_ROOT, "content"), unusualList()]) {
    const { archive } = await archiveOf(content);
    assert.ok(assertGroupsNameTheirInputs(archive) > 0, "pages made of records outside their thread");
    archive.close();
  }
});

test("a thread's pages are made of nothing its group's text does not name, across all shared corpora", { skip: corpusSkip }, async () => {
  const { archive } = await archiveOf(linkedContent(Object.fromEntries(CORPUS_LISTS.map((c) => [c.folder, join(CORPUS, c.folder)]))));
  assert.ok(assertGroupsNameTheirInputs(archive) > 1000);
  archive.close();
});

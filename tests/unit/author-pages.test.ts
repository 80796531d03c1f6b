// Author pages of a prolific sender: ARIN's hostmaster, who sent all 747 messages of its list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, corpusSkip } from "../support/corpus.ts";
import { archiveOf, linkedContent, madePages } from "../support/archive.ts";
import { buildSiteModel, type AuthorPage } from "../../src/indexes/index.ts";
import type { ListArchive } from "../../src/archive/build-archive.ts";
import { AUTHOR_MESSAGES_PER_PAGE, THREADS_STARTED_SHOWN } from "../../src/indexes/authors.ts";

let list: ListArchive | null = null;
async function arin(): Promise<ListArchive> {
  list ??= (await archiveOf(linkedContent({ arin: join(CORPUS, "pipermail-arin-issued") }))).archive.lists[0]!;
  return list;
}

const pagesOf = (pages: readonly AuthorPage[], url: string) => pages.filter((p) => p.url.startsWith(url));

test("a prolific author's messages are on pages of a hundred, oldest first, each on exactly one page, with only the first page holding the totals, activity and threads started", { skip: corpusSkip }, async () => {
  const { config, records, threads } = await arin();
  const model = buildSiteModel([{ config, records, threads }]);
  const top = madePages(model.authorPages).find((p) => p.pageNumber === 1 && p.overview!.messageCount > 3 * AUTHOR_MESSAGES_PER_PAGE)!;
  assert.ok(top, "an author with more than three pages of messages");
  const pages = pagesOf(madePages(model.authorPages), top.url);
  const o = top.overview!;
  assert.equal(pages.length, Math.ceil(o.messageCount / AUTHOR_MESSAGES_PER_PAGE));
  const mine = records.filter((r) => r.authorUrl === top.url).map((r) => r.url);
  assert.deepEqual(
    pages.flatMap((p) => p.items.map((m) => m.url)),
    mine,
    "every message once, in date order",
  );
  pages.forEach((p, i) => {
    assert.equal(p.url, i === 0 ? top.url : `${top.url}page/${i + 1}/`);
    assert.equal(p.prevUrl, i === 0 ? null : pages[i - 1]!.url);
    assert.equal(p.nextUrl, pages[i + 1]?.url ?? null);
    assert.equal(p.overview === null, i > 0);
    assert.ok(p.items.length === AUTHOR_MESSAGES_PER_PAGE || i === pages.length - 1);
  });
  assert.ok(o.threadsStartedCount > THREADS_STARTED_SHOWN);
  assert.equal(o.threadsStarted.length, THREADS_STARTED_SHOWN);
  const started = threads.filter((t) => t.entries.find((e) => e.record)?.record?.authorUrl === top.url);
  assert.equal(o.threadsStartedCount, started.length);
  assert.deepEqual(
    o.threadsStarted.map((t) => t.url),
    started.slice(-THREADS_STARTED_SHOWN).reverse().map((t) => t.url),
    "the latest threads started, newest first",
  );
});

test("each month of an author's activity links to the page holding their first message of that month", { skip: corpusSkip }, async () => {
  const { config, records, threads } = await arin();
  const model = buildSiteModel([{ config, records, threads }]);
  for (const first of madePages(model.authorPages).filter((p) => p.overview)) {
    const pages = pagesOf(madePages(model.authorPages), first.url);
    for (const m of first.overview!.months) {
      const holder = pages.find((p) => p.items.some((e) => e.date?.startsWith(m.key)))!;
      assert.equal(m.url, holder.url, `${first.name}, ${m.key}`);
    }
    assert.equal(first.overview!.months.reduce((n, m) => n + m.count, 0), pages.flatMap((p) => p.items).filter((e) => e.date).length);
  }
});

test("a new message from an author changes their first page and their last, and none of the pages between", { skip: corpusSkip }, async () => {
  const { config, records, threads } = await arin();
  // The list before its newest message: that message and the thread it started (on its own) gone.
  const newest = records[records.length - 1]!;
  const before = { config, records: records.slice(0, -1), threads: threads.filter((t) => !t.entries.some((e) => e.record === newest)) };
  assert.equal(threads.length - before.threads.length, 1);
  const earlier = pagesOf(madePages(buildSiteModel([before]).authorPages), newest.authorUrl);
  const later = pagesOf(madePages(buildSiteModel([{ config, records, threads }]).authorPages), newest.authorUrl);
  assert.ok(earlier.length > 2 && earlier.length === later.length, "the new message fits on the last page");
  const same = later.map((p, i) => JSON.stringify(p) === JSON.stringify(earlier[i]));
  assert.deepEqual(same, later.map((_, i) => i > 0 && i < later.length - 1));
  // What the pages are keyed by says so before they are made.
  const texts = (model: ReturnType<typeof buildSiteModel>) => model.authorPages.filter((g) => g.urls[0]!.startsWith(newest.authorUrl)).map((g) => g.text());
  const [textsBefore, textsAfter] = [texts(buildSiteModel([before])), texts(buildSiteModel([{ config, records, threads }]))];
  assert.deepEqual(
    textsAfter.map((t, i) => t === textsBefore[i]),
    same,
  );
});

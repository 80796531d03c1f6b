// Titles of month and author pages: each page of a month, and each of an author's pages, its own, so tabs, history and screen readers tell them apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, corpusSkip } from "../support/corpus.ts";
import { archiveOf, linkedContent, madePages } from "../support/archive.ts";
import { buildSiteModel } from "../../src/indexes/index.ts";
import { ARCHIVE_PAGE_KINDS } from "../../src/render/index.ts";

const titleOf = (kind: string) => ARCHIVE_PAGE_KINDS.find((k) => k.kind === kind)!.title;

/** Fails naming the two pages that share a title. */
function assertDistinct(pages: [url: string, title: string][]): void {
  const seen = new Map<string, string>();
  for (const [url, title] of pages) {
    assert.ok(!seen.has(title), `${url} and ${seen.get(title)} are both titled ${JSON.stringify(title)}`);
    seen.set(title, url);
  }
}

test("every page of every month view has a title of its own, and so has each page of an author's", { skip: corpusSkip }, async () => {
  const { archive } = await archiveOf(linkedContent({ fetchmail: join(CORPUS, "berlios-fetchmail-devel") }));
  const model = buildSiteModel(archive.lists);
  assert.ok(madePages(model.monthPages).some((p) => p.pageNumber > 1) && madePages(model.authorPages).some((p) => p.pageNumber > 1), "some months and authors have later pages");
  assertDistinct(madePages(model.monthPages).map((p) => [p.url, titleOf("month")(p)]));
  const later = madePages(model.monthPages).find((p) => p.pageNumber > 1 && p.view === "date")!;
  assert.match(titleOf("month")(later), new RegExp(`, by date, page ${later.pageNumber} · `));
  // Two people may share a name; one person's pages never share a title.
  const byAuthor = new Map<string, [string, string][]>();
  for (const p of madePages(model.authorPages)) {
    const first = p.pageNumber === 1 ? p.url : p.url.slice(0, p.url.indexOf("page/"));
    byAuthor.set(first, [...(byAuthor.get(first) ?? []), [p.url, titleOf("author")(p)]]);
  }
  for (const pages of byAuthor.values()) assertDistinct(pages);
  archive.close();
});

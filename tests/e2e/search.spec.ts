// Search on a static host: phrases find messages, subjects find threads, filters narrow, Message-IDs jump.
import { expect, test, type Page } from "@playwright/test";
import { HAVE_CORPUS } from "../support/corpus.ts";
import { exportedMessages, watchPage } from "./page-watch.ts";

/** Four consecutive words from the message's own text (not a quote, signature or footer). */
async function phraseOf(page: Page, url: string): Promise<string | null> {
  await page.goto(url);
  const own = page.locator(".message-body .msg > pre.msg-text");
  for (let i = 0; i < (await own.count()); i++) {
    for (const line of ((await own.nth(i).textContent()) ?? "").split("\n")) {
      // Four consecutive plain words, so the phrase stands in the text exactly as searched.
      const tokens = line.trim().split(/\s+/);
      for (let k = 0; k + 4 <= tokens.length; k++) {
        const run = tokens.slice(k, k + 4);
        if (run.every((w) => /^[A-Za-z]{2,}$/.test(w))) return run.join(" ");
      }
    }
  }
  return null;
}

async function search(page: Page, base: string, params: Record<string, string>): Promise<number> {
  await page.goto(`${base}search/?${new URLSearchParams(params)}`);
  const status = page.locator("#search-status");
  await expect(status).toHaveText(/found\.$|No messages found\./, { timeout: 15_000 });
  const m = /^(\d+) message/.exec((await status.textContent()) ?? "");
  return m ? Number(m[1]) : 0;
}

for (const [label, base, list] of [["the sample", "/", "tern-devel"], ["a corpus list", "/corpus/", "fetchmail-devel"]] as const) {
  test.describe(`search on ${label}`, () => {
    test.skip(label !== "the sample" && !HAVE_CORPUS, "../shared/corpus not found: the corpus site is not built");

    test("a phrase from a message body finds that message and lands on the reply in its thread page", async ({ page }) => {
      const watch = watchPage(page);
      const messages = await exportedMessages(page, `${base}${list}/messages.jsonl`);
      let found = 0;
      for (const m of messages.filter((x) => x.parentId !== null).slice(0, 8)) {
        const phrase = await phraseOf(page, `${base}${m.url.slice(1)}`);
        if (!phrase) continue;
        expect(await search(page, base, { q: `"${phrase}"` }), phrase).toBeGreaterThan(0);
        const hit = page.locator(`.search-hit a[href="${base}${m.threadUrl.slice(1)}"]`);
        await expect(hit, `${phrase} → ${m.threadUrl}`).toHaveCount(1);
        await hit.click();
        await expect(page.locator(`#${m.threadUrl.split("#")[1]}`)).toBeInViewport();
        found++;
        if (found === 2) break;
      }
      expect(found).toBe(2);
      expect(watch.errors).toEqual([]);
      expect(watch.external).toEqual([]);
    });

    test("a thread's subject finds the thread", async ({ page }) => {
      const messages = await exportedMessages(page, `${base}${list}/messages.jsonl`);
      const root = messages.find((m) => m.parentId === null && messages.filter((x) => x.threadId === m.threadId).length >= 3)!;
      const words = root.subject.replace(/\[[^\]]*\]/g, " ").split(/\s+/).filter((w: string) => /^[A-Za-z]{4,}$/.test(w)).slice(0, 4).join(" ");
      expect(await search(page, base, { q: words })).toBeGreaterThan(0);
      await expect(page.locator(`.search-thread-title a[href="${base}${root.threadUrl.split("#")[0].slice(1)}"]`)).toHaveCount(1);
    });

    test("a Message-ID, with or without angle brackets, jumps to its permalink", async ({ page }) => {
      const messages = await exportedMessages(page, `${base}${list}/messages.jsonl`);
      const m = messages.find((x) => !x.syntheticId && x.parentId !== null)!;
      for (const q of [m.messageId, m.messageId.slice(1, -1)]) {
        await page.goto(`${base}search/?q=${encodeURIComponent(q)}`);
        await page.waitForURL(`**${m.url}`);
        expect(new URL(page.url()).pathname).toBe(`${base}${m.url.slice(1)}`);
      }
    });
  });
}

test("each filter narrows the results: list, year and author", async ({ page }) => {
  const watch = watchPage(page);
  const all = await search(page, "/", { q: "tern" });
  expect(all).toBeGreaterThan(10);
  const byList = await search(page, "/", { q: "tern", list: "tern-users" });
  expect(byList).toBeGreaterThan(0);
  expect(byList).toBeLessThan(all);
  for (const hit of await page.locator(".search-thread-title a").all()) expect(await hit.getAttribute("href")).toMatch(/^\/tern-users\//);
  const byYear = await search(page, "/", { q: "tern", year: "2024" });
  expect(byYear).toBeGreaterThan(0);
  expect(byYear).toBeLessThan(all);
  for (const d of await page.locator(".search-hit .meta").allTextContents()) expect(d).toContain(" 2024-");
  const byAuthor = await search(page, "/", { q: "tern", author: "Ana Souza" });
  expect(byAuthor).toBeGreaterThan(0);
  expect(byAuthor).toBeLessThan(all);
  for (const d of await page.locator(".search-hit .meta").allTextContents()) expect(d).toContain("Ana Souza");
  await page.goBack();
  expect(new URL(page.url()).searchParams.get("year")).toBe("2024");
  expect(watch.errors).toEqual([]);
});

test("a query on the corpus site downloads at most 500 KB", async ({ page }) => {
  test.skip(!HAVE_CORPUS, "../shared/corpus not found");
  // Each size is read asynchronously; all are awaited before counting (counting in the handler raced the assertions).
  const sizes: Promise<number>[] = [];
  page.on("requestfinished", (request) => {
    if (request.url().includes("/corpus/search/")) sizes.push(request.sizes().then((s) => s.responseBodySize));
  });
  await search(page, "/corpus/", { q: "fetchmail ssl certificate" });
  await page.waitForLoadState("networkidle");
  const files = sizes.length;
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  test.info().annotations.push({ type: "bytes", description: String(bytes) });
  console.log(`search download: ${bytes} bytes in ${files} files`);
  // The manifest, the page's scripts, a term chunk per word and the shown hits' document files.
  expect(files).toBeGreaterThan(5);
  expect(bytes).toBeGreaterThan(10 * 1024);
  expect(bytes).toBeLessThanOrEqual(500 * 1024);
});

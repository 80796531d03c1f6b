// The seed message (a pipermail page of four quote levels) and a real thread, as readers see them.
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { HAVE_CORPUS, PROJECT_ROOT } from "../support/corpus.ts";
import { exportedMessages, watchPage } from "./page-watch.ts";

const SHOTS = join(PROJECT_ROOT, "test-results", "screenshots");

test.describe("the corpus site", () => {
  test.skip(!HAVE_CORPUS, "../shared/corpus not found: the seed and corpus pages are not built");

  test("the seed message shows four nested quote levels, each attribution on its quote, its links, and Tim Day as the signature", async ({ page }) => {
    const watch = watchPage(page);
    const [seed] = await exportedMessages(page, "/corpus/lustre-devel/messages.jsonl");
    await page.goto(`/corpus${seed!.url}`);
    const level4 = page.locator('blockquote[data-level="1"] blockquote[data-level="2"] blockquote[data-level="3"] blockquote[data-level="4"]');
    await expect(level4.first()).toBeAttached();
    for (const [level, text] of [[1, "12:48 PM"], [2, "20:17"], [3, "6:14 AM"], [4, "написал(а)"]] as const) {
      // The attribution stands right before the quote it introduces, at the level above it.
      const attribution = page.locator(`p.attribution:has(+ blockquote[data-level="${level}"])`, { hasText: text });
      await expect(attribution.first(), `attribution of level ${level}`).toBeAttached();
    }
    for (const host of ["lwn.net", "xfstests", "whamcloud"]) await expect(page.locator(`.message-body a[href*="${host}"]`).first()).toBeAttached();
    await expect(page.locator(".message-body .signature")).toContainText("Tim Day");
    await expect(page.locator(".message-body")).not.toContainText("alexey.lyashkov@gmail.com");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "seed-message.png"), fullPage: true });
    expect(watch.errors).toEqual([]);
    expect(watch.external).toEqual([]);
  });

  test("a collapsed quote opens when its summary is clicked", async ({ page }) => {
    const [seed] = await exportedMessages(page, "/corpus/lustre-devel/messages.jsonl");
    await page.goto(`/corpus${seed!.url}`);
    const fold = page.locator("details.quote-fold").first();
    await expect(fold).not.toHaveAttribute("open");
    const hidden = fold.locator(":scope > :not(summary)").first();
    await expect(hidden).toBeHidden();
    await fold.locator(":scope > summary").click();
    await expect(fold).toHaveAttribute("open", "");
    await expect(hidden).toBeVisible();
  });

  test("a long real thread reads as a conversation", async ({ page }) => {
    const watch = watchPage(page);
    const messages = await exportedMessages(page, "/corpus/fetchmail-devel/messages.jsonl");
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(m.threadId, (counts.get(m.threadId) ?? 0) + 1);
    const [threadId] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const url = messages.find((m) => m.threadId === threadId)!.threadUrl.split("#")[0];
    await page.goto(`/corpus${url}`);
    expect(await page.locator("article.message").count()).toBeGreaterThan(10);
    await expect(page.locator("blockquote.quote").first()).toBeAttached();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "thread.png"), fullPage: false });
    expect(watch.errors).toEqual([]);
    expect(watch.external).toEqual([]);
  });
});

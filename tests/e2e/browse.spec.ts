// Browsing the sample archive as a reader does: home → list → month → thread → message → author and back.
import { expect, test } from "@playwright/test";
import { exportedMessages, watchPage } from "./page-watch.ts";

test("a reader goes home → list → month → thread → message → author and back, with an empty console", async ({ page }) => {
  const watch = watchPage(page);
  await page.goto("/");
  await page.locator(".list-card h2 a", { hasText: "Tern development" }).click();
  await expect(page.locator("h1")).toHaveText("Tern development");
  const listUrl = page.url();

  await page.locator(".month-grid a").first().click();
  await expect(page.locator("h1")).toContainText(/^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  const visited = [listUrl, page.url()];
  for (const view of ["date", "subject", "author", "threads"]) {
    await page.locator(".views a", { hasText: `by ${view}` }).click();
    await expect(page.locator(".views a[aria-current=page]")).toHaveText(`by ${view}`);
    visited.push(page.url());
  }

  await page.locator(".thread-list a").first().click();
  await expect(page.locator("nav.thread-outline")).toBeVisible();
  visited.push(page.url());

  await page.locator("article.message .message-links a", { hasText: "Permalink" }).first().click();
  await expect(page.locator(".message-headers")).toBeVisible();
  await expect(page.locator(".message-body")).not.toBeEmpty();
  visited.push(page.url());

  await page.locator(".message-headers a.author").click();
  await expect(page.locator("h2#activity")).toBeVisible();

  // Back through every page, in reverse, to the list.
  for (const url of visited.reverse()) {
    await page.goBack();
    expect(page.url()).toBe(url);
  }
  expect(watch.errors).toEqual([]);
  expect(watch.external).toEqual([]);
});

test("a link with a reply's anchor scrolls to that reply and highlights it", async ({ page }) => {
  const messages = await exportedMessages(page, "/tern-devel/messages.jsonl");
  const reply = messages.find((m) => m.parentId !== null)!;
  await page.goto(reply.threadUrl);
  const anchor = reply.threadUrl.split("#")[1];
  const heading = page.locator(`#${anchor}`);
  await expect(heading).toBeInViewport();
  const article = page.locator("article.message", { has: heading });
  const bodyBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect.poll(() => article.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(bodyBg);
});

test("a reply whose parent is not archived says so on its page", async ({ page }) => {
  const messages = await exportedMessages(page, "/tern-devel/messages.jsonl");
  for (const m of messages.filter((x) => x.parentId === null && x.subject.startsWith("Re:"))) {
    await page.goto(m.url);
    if ((await page.locator(".message-links").textContent())?.includes("not in this archive")) return;
  }
  throw new Error("no reply to a missing message found in the sample");
});

test("pages fit a 360 px wide screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const messages = await exportedMessages(page, "/tern-devel/messages.jsonl");
  for (const url of ["/", "/tern-devel/", messages[0]!.url, messages[0]!.threadUrl.split("#")[0]]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});

test("the 404 page is served for an unknown address", async ({ page }) => {
  const response = await page.goto("/no/such/page/");
  expect(response?.status()).toBe(404);
  await expect(page.locator("h1")).toHaveText("Not found");
});

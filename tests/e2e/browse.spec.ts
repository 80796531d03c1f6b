// Browsing the sample archive: home → list → thread → message, with an empty console on every page.
import { expect, test, type Page } from "@playwright/test";

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("a reader goes from the home page to a list, a thread and one message without console errors", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/");
  const lists = page.locator(".list-index h2 a");
  expect(await lists.count()).toBeGreaterThanOrEqual(2);
  await lists.first().click();
  await expect(page.locator("h1")).toBeVisible();
  await page.locator(".threads a").first().click();
  const firstMessage = page.locator("article.message h2 a").first();
  await expect(firstMessage).toBeVisible();
  await firstMessage.click();
  await expect(page.locator(".message-headers")).toBeVisible();
  await expect(page.locator(".message-body")).not.toBeEmpty();
  expect(errors).toEqual([]);
});

test("a thread link with a reply's anchor lands on that reply's heading", async ({ page }) => {
  await page.goto("/");
  await page.locator(".list-index h2 a").first().click();
  // The first thread with more than one message.
  const threads = page.locator(".threads li");
  const n = await threads.count();
  let href: string | null = null;
  for (let i = 0; i < n && !href; i++) {
    if (!/^1 message/.test((await threads.nth(i).locator(".meta").textContent()) ?? "")) href = await threads.nth(i).locator("a").getAttribute("href");
  }
  expect(href).not.toBeNull();
  await page.goto(href!);
  const anchor = await page.locator(".thread-outline a").nth(1).getAttribute("href");
  await page.goto(href! + anchor!);
  await expect(page.locator(anchor!)).toBeInViewport();
});

test("the 404 page is served for an unknown address", async ({ page }) => {
  const response = await page.goto("/no/such/page/");
  expect(response?.status()).toBe(404);
  await expect(page.locator("h1")).toHaveText("Not found");
});

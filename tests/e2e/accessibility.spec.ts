// axe-core on every page kind: no serious or critical violations, in light and dark colour schemes.
import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { exportedMessages, watchPage } from "./page-watch.ts";

test("every page kind has no serious or critical accessibility violations", async ({ page }) => {
  // axe over 24 page loads takes about 26 s alone on 2 cores: the default 30 s left no room beside another worker.
  test.setTimeout(90_000);
  const watch = watchPage(page);
  const messages = await exportedMessages(page, "/tern-devel/messages.jsonl");
  const withAttachment = (await exportedMessages(page, "/tern-users/messages.jsonl")).find((m) => m.attachments.length > 0)!;
  await page.goto("/tern-devel/");
  const month = await page.locator(".month-grid a").first().getAttribute("href");
  const author = await page.locator(".posters a").first().getAttribute("href");
  const pages = ["/", "/about/", "/search/?q=tern+release", "/tern-devel/", month!, `${month}author/`, messages[0]!.threadUrl.split("#")[0], messages[0]!.url, withAttachment.url, author!, "/tern-devel/authors/", "/no/such/page/"];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const url of pages) {
      await page.goto(url);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${scheme} ${url}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
    }
  }
  // The 404 page's own 404 status is logged by the browser; nothing else may be.
  expect(watch.errors.filter((e) => !e.startsWith(`${new URL(page.url()).origin}/no/such/page/`))).toEqual([]);
});

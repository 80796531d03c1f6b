// axe-core on every page kind: no serious or critical violations, in light and dark colour schemes.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { exportedMessages, watchPage } from "./page-watch.ts";

const KINDS = ["home", "about", "search results", "list", "month", "month by author", "thread", "message", "message with an attachment", "author", "authors", "not found"] as const;
type PageKind = (typeof KINDS)[number];

/** Each page kind's address on the sample site, found once per test worker. */
let addresses: Promise<Record<PageKind, string>> | undefined;

async function findAddresses(page: Page): Promise<Record<PageKind, string>> {
  const messages = await exportedMessages(page, "/tern-devel/messages.jsonl");
  const withAttachment = (await exportedMessages(page, "/tern-users/messages.jsonl")).find((m) => m.attachments.length > 0)!;
  await page.goto("/tern-devel/");
  const month = (await page.locator(".month-grid a").first().getAttribute("href"))!;
  const author = (await page.locator(".posters a").first().getAttribute("href"))!;
  return {
    home: "/",
    about: "/about/",
    "search results": "/search/?q=tern+release",
    list: "/tern-devel/",
    month,
    "month by author": `${month}author/`,
    thread: messages[0]!.threadUrl.split("#")[0],
    message: messages[0]!.url,
    "message with an attachment": withAttachment.url,
    author,
    authors: "/tern-devel/authors/",
    "not found": "/no/such/page/",
  };
}

// One test a page kind, each with its own time: 24 axe runs in one test took 26 s on an idle machine and over 90 s in a CI run.
for (const kind of KINDS) {
  test(`the ${kind} page has no serious or critical accessibility violations in light and dark schemes`, async ({ page }) => {
    // 4-6 s each here beside another test worker; the default 30 s is too close on a loaded machine.
    test.setTimeout(60_000);
    addresses ??= findAddresses(page);
    const url = (await addresses)[kind];
    const watch = watchPage(page);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${scheme} ${url}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
    }
    // The 404 page's own 404 status is logged by the browser; nothing else may be.
    const origin = new URL(page.url()).origin;
    expect(watch.errors.filter((e) => !(kind === "not found" && e.startsWith(`${origin}/no/such/page/`)))).toEqual([]);
  });
}

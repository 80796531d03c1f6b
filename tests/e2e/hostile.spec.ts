// Every page of the hostile site in a real browser: no dialog, no console error, no request leaving the site, nothing live in the DOM.
import { expect, test, type Page } from "@playwright/test";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { PROJECT_ROOT } from "../support/corpus.ts";
import { exportedMessages, watchPage } from "./page-watch.ts";

/** Where tests/e2e/prepare.ts builds the hostile corpus; served at /hostile/. */
const SITE = join(PROJECT_ROOT, "tmp", "e2e-www", "hostile");
const BASE = "/hostile/";
/** The pages are shared out among this many tests, so Playwright's workers visit them in parallel. */
const SHARDS = 4;

/** Every HTML page of the built site as a URL, sorted (listed when a test runs: the site is built after collection). */
function pageUrls(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".html")) out.push(BASE + relative(SITE, path).split(sep).map(encodeURIComponent).join("/").replace(/index\.html$/, ""));
    }
  };
  walk(SITE);
  return out.sort();
}

/** What the browser made of the page: anything live that our markup never holds. */
function liveElements(page: Page): Promise<string[]> {
  return page.evaluate((base) => {
    const found: string[] = [];
    const searchPage = location.pathname === `${base}search/`;
    for (const el of Array.from(document.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      for (const a of Array.from(el.attributes)) {
        if (a.name.startsWith("on") || a.name === "srcdoc" || a.name === "formaction" || a.name === "style" && !/^--(depth|n): \d+;?$/.test(a.value)) found.push(`${tag}[${a.name}=${a.value.slice(0, 60)}]`);
      }
      if (["iframe", "frame", "object", "embed", "svg", "math", "img", "video", "audio", "base", "style", "template"].includes(tag)) found.push(`<${tag}>`);
      if (tag === "script" && !(searchPage && (el as HTMLScriptElement).src.endsWith(`${base}search/js/search-page.js`))) found.push(`<script src=${(el as HTMLScriptElement).src}>`);
      if (["form", "input", "button", "select", "textarea"].includes(tag) && !searchPage) found.push(`<${tag}>`);
      if (tag === "meta" && el.hasAttribute("http-equiv")) found.push("<meta http-equiv>");
      if (tag === "a" && el.hasAttribute("href")) {
        const url = new URL((el as HTMLAnchorElement).href);
        if (!["http:", "https:", "ftp:", "mailto:"].includes(url.protocol)) found.push(`a[href=${url.href.slice(0, 60)}]`);
      }
    }
    return found;
  }, BASE);
}

for (let shard = 0; shard < SHARDS; shard++) {
  test(`every page of the hostile site, part ${shard + 1} of ${SHARDS}: no dialog, no console error, no request leaving the site, nothing live in the DOM`, async ({ page }) => {
    test.setTimeout(120_000);
    const urls = pageUrls();
    expect(urls.length).toBeGreaterThan(150);
    const mine = urls.filter((_, k) => k % SHARDS === shard);
    const watch = watchPage(page);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`);
      void d.dismiss();
    });
    const live: string[] = [];
    for (const url of mine) {
      const response = await page.goto(url, { waitUntil: "load" });
      expect(response?.status(), url).toBe(200);
      // Open every fold, so content kept in <details> is laid out too.
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      live.push(...(await liveElements(page)).map((x) => `${url}: ${x}`));
    }
    console.log(`hostile site part ${shard + 1}: ${mine.length} of ${urls.length} pages visited`);
    expect(dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.external).toEqual([]);
    expect(live).toEqual([]);
  });
}

test("attachments that could run in the browser are served as downloads: none comes back as a page, an image or a script", async ({ page }) => {
  const messages = await exportedMessages(page, `${BASE}hostile/messages.jsonl`);
  const attachments = messages.flatMap((m) => m.attachments as { filename: string; url: string }[]);
  expect(attachments.length).toBeGreaterThan(30);
  for (const a of attachments) {
    const response = await page.request.get(BASE + a.url.slice(1));
    expect(response.status(), a.url).toBe(200);
    expect(response.headers()["content-type"], `${a.filename} at ${a.url}`).not.toMatch(/html|svg|javascript|xml/);
  }
});

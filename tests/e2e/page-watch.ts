// What every browser test checks on every page: nothing logged as an error, no request leaving the site.
import type { Page } from "@playwright/test";

export interface PageWatch {
  errors: string[];
  external: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], external: [] };
  page.on("console", (m) => {
    if (m.type() === "error") watch.errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => watch.errors.push(`${page.url()}: ${e.message}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") watch.external.push(r.url());
  });
  return watch;
}

/** A URL of the site from a list's JSON export: the first message matching `pick`. */
export async function exportedMessages(page: Page, exportPath: string): Promise<Record<string, any>[]> {
  const response = await page.request.get(exportPath);
  return (await response.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

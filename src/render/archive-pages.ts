// The archive's own pages (message, thread, month and author pages: all but a handful of the site),
// rendered with the same Nunjucks templates and filters Eleventy uses, straight into the output.
// Each page's key hashes everything it is made from, so a rebuild renders only pages that changed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import type { SiteModel } from "../indexes/index.ts";
import type { OutputWriter } from "../output/output-writer.ts";
import { formatMonth } from "./dates.ts";
import type { TemplateFilter } from "./template-filters.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INCLUDES = join(PROJECT_ROOT, "templates", "_includes");

interface PageKind<T> {
  kind: string;
  /** The name the template reads the page's data by. */
  alias: string;
  items: (model: SiteModel) => readonly T[];
  url: (item: T) => string;
  title: (item: T) => string;
}

const kind = <T,>(k: PageKind<T>) => k as PageKind<unknown>;
export const ARCHIVE_PAGE_KINDS: PageKind<unknown>[] = [
  kind({ kind: "message", alias: "mp", items: (m) => m.messagePages, url: (p) => p.record.url, title: (p) => p.record.subject || "(no subject)" }),
  kind({ kind: "thread", alias: "tp", items: (m) => m.threadPages, url: (p) => p.thread.url, title: (p) => p.thread.subject || "(no subject)" }),
  kind({ kind: "month", alias: "pager", items: (m) => m.monthPages, url: (p) => p.url, title: (p) => `${formatMonth(p.monthKey)} · ${p.listTitle}` }),
  kind({ kind: "author", alias: "author", items: (m) => m.authorPages, url: (p) => p.url, title: (p) => `${p.name} · ${p.listTitle}` }),
];

export interface ArchivePagesOptions {
  model: SiteModel;
  filters: Record<string, TemplateFilter>;
  /** What base.njk reads besides the page: `archive.site`, `archive.about`. */
  archive: { site: unknown; about: unknown[] };
  writer: OutputWriter;
  /** Everything all pages depend on besides their own data: code, templates, site and list settings. */
  version: string;
}

export interface ArchivePagesCounts {
  pages: number;
  rendered: number;
}

export function renderArchivePages(options: ArchivePagesOptions): ArchivePagesCounts {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES), { autoescape: true });
  for (const [name, fn] of Object.entries(options.filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  const layout = env.getTemplate("base.njk", true);
  const counts: ArchivePagesCounts = { pages: 0, rendered: 0 };
  for (const k of ARCHIVE_PAGE_KINDS) {
    const template = env.getTemplate(`pages/${k.kind}.njk`, true);
    for (const item of k.items(options.model)) {
      const path = `${k.url(item)}index.html`;
      counts.pages++;
      const key = createHash("sha1").update(options.version).update("\0").update(k.kind).update("\0").update(JSON.stringify(item)).digest("base64url");
      if (options.writer.keep(path, key)) continue;
      const context = { [k.alias]: item, archive: options.archive, title: k.title(item), pageKind: k.kind };
      const content = template.render(context);
      options.writer.write(path, layout.render({ ...context, content }), key);
      counts.rendered++;
    }
  }
  return counts;
}

/** A hash of the code and templates that make pages, and of the settings given: a change to any renders every page again. */
export function pagesVersion(settings: unknown): string {
  const hash = createHash("sha1");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        hash.update(path.slice(PROJECT_ROOT.length)).update("\0");
        hash.update(readFileSync(path)).update("\0");
      }
    }
  };
  walk(join(PROJECT_ROOT, "src"));
  walk(join(PROJECT_ROOT, "templates"));
  hash.update(JSON.stringify(settings));
  return hash.digest("base64url");
}

// The archive's own pages (message, thread, month and author pages: all but a handful of the site),
// rendered with the same Nunjucks templates and filters Eleventy uses, straight into the output.
// Each page's key hashes everything it is made from, so a rebuild renders only pages that changed.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import type { MessagePage, SiteModel } from "../indexes/index.ts";
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
  kind({ kind: "removed", alias: "notice", items: (m) => m.removedPages, url: (p) => p.url, title: () => "Message removed" }),
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

export async function renderArchivePages(options: ArchivePagesOptions): Promise<ArchivePagesCounts> {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES), { autoescape: true });
  // A body shows on its thread page and on its permalink page: rendered once for both, as each
  // thread's pages are rendered together and the cache holds one thread's bodies at a time.
  const bodies = new Map<string, unknown>();
  const messageBody = options.filters.messageBody as (url: string, listId: string) => unknown;
  const filters: Record<string, TemplateFilter> = {
    ...options.filters,
    messageBody: ((url: string, listId: string) => {
      let html = bodies.get(url);
      if (html === undefined) bodies.set(url, (html = messageBody(url, listId)));
      return html;
    }) as TemplateFilter,
  };
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  const layout = env.getTemplate("base.njk", true);
  const templates = new Map(ARCHIVE_PAGE_KINDS.map((k) => [k.kind, env.getTemplate(`pages/${k.kind}.njk`, true)]));
  const kinds = new Map(ARCHIVE_PAGE_KINDS.map((k) => [k.kind, k]));
  const counts: ArchivePagesCounts = { pages: 0, rendered: 0 };
  const keyOf = pageKeys(options.model, options.version);
  const render = async (kindName: string, item: unknown) => {
    const k = kinds.get(kindName)!;
    const path = `${k.url(item)}index.html`;
    counts.pages++;
    const key = keyOf(k.kind, item);
    if (options.writer.keep(path, key)) return;
    const context = { [k.alias]: item, archive: options.archive, title: k.title(item), pageKind: k.kind };
    const content = templates.get(k.kind)!.render(context);
    await options.writer.write(path, layout.render({ ...context, content }), key);
    counts.rendered++;
  };
  const messagesOf = new Map<string, MessagePage[]>();
  for (const mp of options.model.messagePages) {
    const group = messagesOf.get(mp.threadPageUrl);
    if (group) group.push(mp);
    else messagesOf.set(mp.threadPageUrl, [mp]);
  }
  for (const tp of options.model.threadPages) {
    await render("thread", tp);
    for (const mp of messagesOf.get(tp.thread.url) ?? []) await render("message", mp);
    messagesOf.delete(tp.thread.url);
    bodies.clear();
  }
  // Every message is on a thread page; should one not be, its page is still made.
  for (const group of messagesOf.values()) for (const mp of group) await render("message", mp);
  for (const page of options.model.monthPages) await render("month", page);
  for (const page of options.model.authorPages) await render("author", page);
  for (const page of options.model.removedPages) await render("removed", page);
  await options.writer.flush();
  return counts;
}

/**
 * A page's key: a hash of the version and of its data. Thread and message records stand in by a
 * digest made once each (a thread's record is in every page of its messages, a message's in many
 * index pages), so a key costs what the page's own shape does, and JSON.stringify runs natively.
 */
function pageKeys(model: SiteModel, version: string): (kind: string, item: unknown) => string {
  const digest = (value: string) => createHash("sha1").update(value).digest("base64url");
  const digests = new Map<object, string>();
  for (const page of model.threadPages) {
    for (const e of page.thread.entries) if (e.record && !digests.has(e.record)) digests.set(e.record, digest(JSON.stringify(e.record)));
    digests.set(page.thread, digest(JSON.stringify(page.thread)));
  }
  for (const page of model.messagePages) if (!digests.has(page.record)) digests.set(page.record, digest(JSON.stringify(page.record)));
  const skeleton = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const d = digests.get(value);
    if (d !== undefined) return { "#": d };
    if (Array.isArray(value)) return value.map(skeleton);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = skeleton(v);
    return out;
  };
  return (kind, item) => digest(`${version}\0${kind}\0${JSON.stringify(skeleton(item))}`);
}

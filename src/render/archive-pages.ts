// The archive's own pages (message, thread, month and author pages: all but a handful of the site),
// rendered with the same Nunjucks templates and filters Eleventy uses, straight into the output.
// Each page's key hashes everything it is made from, so a rebuild renders only pages that changed.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import type { MessagePage, MonthViewPage, RemovedPage, SiteModel, ThreadPage, ThreadPageGroup } from "../indexes/index.ts";
import type { OutputWriter } from "../output/output-writer.ts";
import { formatMonth } from "./dates.ts";
import type { TemplateFilter } from "./template-filters.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INCLUDES = join(PROJECT_ROOT, "templates", "_includes");

type AuthorPage = SiteModel["authorPages"][number];

interface PageKind<T> {
  kind: string;
  /** The name the template reads the page's data by. */
  alias: string;
  url: (item: T) => string;
  title: (item: T) => string;
}

const kind = <T,>(k: PageKind<T>) => k as PageKind<unknown>;
export const ARCHIVE_PAGE_KINDS: PageKind<unknown>[] = [
  kind<MessagePage>({ kind: "message", alias: "mp", url: (p) => p.record.url, title: (p) => p.record.subject || "(no subject)" }),
  kind<ThreadPage>({ kind: "thread", alias: "tp", url: (p) => p.thread.url, title: (p) => p.thread.subject || "(no subject)" }),
  kind<MonthViewPage>({ kind: "month", alias: "pager", url: (p) => p.url, title: (p) => `${formatMonth(p.monthKey)} · ${p.listTitle}` }),
  kind<AuthorPage>({ kind: "author", alias: "author", url: (p) => p.url, title: (p) => `${p.name} · ${p.listTitle}` }),
  kind<RemovedPage>({ kind: "removed", alias: "notice", url: (p) => p.url, title: () => "Message removed" }),
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
  const keys = pageKeys(options.version);
  const render = async (kindName: string, item: unknown) => {
    const k = kinds.get(kindName)!;
    const path = `${k.url(item)}index.html`;
    counts.pages++;
    const key = keys.of(k.kind, item);
    if (options.writer.keep(path, key)) return;
    const context = { [k.alias]: item, archive: options.archive, title: k.title(item), pageKind: k.kind };
    const content = templates.get(k.kind)!.render(context);
    await options.writer.write(path, layout.render({ ...context, content }), key);
    counts.rendered++;
  };
  for (const group of options.model.threadGroups) {
    keys.digest(group);
    await render("thread", group.thread);
    for (const mp of group.messages) await render("message", mp);
    bodies.clear();
  }
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
 * A thread's digests are made as its pages come (`digest`), before any page showing them.
 */
function pageKeys(version: string): { digest(group: ThreadPageGroup): void; of(kind: string, item: unknown): string } {
  const hash = (value: string) => createHash("sha1").update(value).digest("base64url");
  const digests = new Map<object, string>();
  // Digested objects stand in by their digest as the page is serialised (no copy of the page is made).
  const standIn = (_key: string, value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const d = digests.get(value);
    return d === undefined ? value : { "#": d };
  };
  return {
    digest({ thread }) {
      for (const e of thread.thread.entries) if (e.record && !digests.has(e.record)) digests.set(e.record, hash(JSON.stringify(e.record)));
      digests.set(thread.thread, hash(JSON.stringify(thread.thread, standIn)));
    },
    of: (kind, item) => hash(`${version}\0${kind}\0${JSON.stringify(item, standIn)}`),
  };
}

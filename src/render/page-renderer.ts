// One archive page (message, thread, month, author, removed notice) to HTML: the Nunjucks templates
// Eleventy uses, with the same filters, on whichever thread renders it (archive-pages.ts, render-worker.ts).
import { join } from "node:path";
import nunjucks from "nunjucks";
import { PROJECT_ROOT } from "../archive/code-version.ts";
import type { AuthorPage, MessagePage, MonthViewPage, RemovedPage, ThreadPage } from "../indexes/index.ts";
import { formatMonth } from "./dates.ts";
import type { TemplateFilter } from "./template-filters.ts";

const INCLUDES = join(PROJECT_ROOT, "templates", "_includes");

export interface PageKind<T> {
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
  kind<MonthViewPage>({ kind: "month", alias: "pager", url: (p) => p.url, title: (p) => `${formatMonth(p.monthKey)}${p.view === "threads" ? "" : `, by ${p.view}`}${p.pageNumber > 1 ? `, page ${p.pageNumber}` : ""} · ${p.listTitle}` }),
  kind<AuthorPage>({ kind: "author", alias: "author", url: (p) => p.url, title: (p) => `${p.name}${p.pageNumber > 1 ? `, page ${p.pageNumber}` : ""} · ${p.listTitle}` }),
  kind<RemovedPage>({ kind: "removed", alias: "notice", url: (p) => p.url, title: () => "Message removed" }),
];

/** What base.njk reads besides the page: `archive.site`, `archive.about`. */
export interface PageFrame {
  site: unknown;
  about: unknown[];
}

export interface PageRenderer {
  /** The whole HTML page of `item`, a page of kind `kind`. */
  render(kind: string, item: unknown): string;
  /** Forgets the bodies rendered so far: call between threads (a body shows on its thread page and its permalink page). */
  nextThread(): void;
}

export function createPageRenderer(filters: Record<string, TemplateFilter>, frame: PageFrame): PageRenderer {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES), { autoescape: true });
  // A body is read once for its thread page and its permalink page: a thread's pages are rendered
  // together, and this holds one thread's bodies at a time.
  const bodies = new Map<string, unknown>();
  const messageBody = filters.messageBody as (url: string) => unknown;
  const withCache: Record<string, TemplateFilter> = {
    ...filters,
    messageBody: ((url: string) => {
      let html = bodies.get(url);
      if (html === undefined) bodies.set(url, (html = messageBody(url)));
      return html;
    }) as TemplateFilter,
  };
  for (const [name, fn] of Object.entries(withCache)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  const layout = env.getTemplate("base.njk", true);
  const kinds = new Map(ARCHIVE_PAGE_KINDS.map((k) => [k.kind, { ...k, template: env.getTemplate(`pages/${k.kind}.njk`, true) }]));
  return {
    render(kindName, item) {
      const k = kinds.get(kindName);
      if (!k) throw new Error(`internal error: no page kind ${JSON.stringify(kindName)}; the kinds are ${[...kinds.keys()].join(", ")}`);
      const context = { [k.alias]: item, archive: frame, title: k.title(item), pageKind: k.kind };
      const content = k.template.render(context);
      return layout.render({ ...context, content });
    },
    nextThread: () => bodies.clear(),
  };
}

// The archive's own pages (message, thread, month and author pages: all but a handful of the site),
// rendered with the same Nunjucks templates and filters Eleventy uses, straight into the output.
// Each page's key hashes everything it is made from, so a rebuild renders only pages that changed.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import type { MessagePage, MessageRecord, MonthViewPage, PendingPage, RemovedPage, SiteModel, ThreadPage, ThreadRecord } from "../indexes/index.ts";
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
  const write = async (k: PageKind<unknown>, path: string, key: string, item: unknown) => {
    const context = { [k.alias]: item, archive: options.archive, title: k.title(item), pageKind: k.kind };
    const content = templates.get(k.kind)!.render(context);
    await options.writer.write(path, layout.render({ ...context, content }), key);
    counts.rendered++;
  };
  const render = async (kindName: string, item: unknown) => {
    const k = kinds.get(kindName)!;
    const path = `${k.url(item)}index.html`;
    counts.pages++;
    const key = keys.of(k.kind, item);
    if (!options.writer.keep(path, key)) await write(k, path, key, item);
  };
  // Thread and message pages are keyed by what they are made of, and made only when not kept.
  const renderPending = async (kindName: string, pending: PendingPage<unknown>) => {
    const k = kinds.get(kindName)!;
    const path = `${pending.url}index.html`;
    counts.pages++;
    const key = keys.ofInputs(k.kind, pending.inputs);
    if (!options.writer.keep(path, key)) await write(k, path, key, pending.make());
  };
  for (const group of options.model.threadGroups) {
    await renderPending("thread", group.threadPage);
    for (const mp of group.messagePages) await renderPending("message", mp);
    bodies.clear();
  }
  for (const page of options.model.monthPages) await render("month", page);
  for (const page of options.model.authorPages) await render("author", page);
  for (const page of options.model.removedPages) await render("removed", page);
  await options.writer.flush();
  return counts;
}

/**
 * A page's key: a hash of the version and of its data. Records and threads stand in by a digest
 * made once each (a thread is in every page of its messages, a record in many pages), so a key
 * costs what the page's own shape does. Thread and message pages are keyed by the digests of what
 * they are made of (`ofInputs`), before they are made; other pages by their data with records and
 * threads in it digested (`of`; every record and thread is digested by then, with its thread's pages).
 */
function pageKeys(version: string): { of(kind: string, item: unknown): string; ofInputs(kind: string, inputs: PendingPage<unknown>["inputs"]): string } {
  const hash = (value: string) => createHash("sha1").update(value).digest("base64url");
  /** Each digested object's stand-in in a page's serialisation. */
  const standIns = new Map<object, { "#": string }>();
  const standIn = (_key: string, value: unknown): unknown => (value !== null && typeof value === "object" ? (standIns.get(value) ?? value) : value);
  const digestOf = (input: MessageRecord | ThreadRecord): string => {
    let d = standIns.get(input);
    if (d === undefined) {
      // A thread's records are digested first, so that the thread's digest names them by theirs. A
      // record holds no record or thread: serialised without the replacer, whose call per key is
      // most of the cost, the string is the same.
      let json: string;
      if ("entries" in input) {
        for (const e of input.entries) if (e.record) digestOf(e.record);
        json = JSON.stringify(input, standIn);
      } else json = JSON.stringify(input);
      standIns.set(input, (d = { "#": hash(json) }));
    }
    return d["#"];
  };
  return {
    of: (kind, item) => hash(`${version}\0${kind}\0${JSON.stringify(item, standIn)}`),
    ofInputs: (kind, inputs) => hash(`${version}\0${kind}\0${inputs.map((input) => (input ? digestOf(input) : "-")).join(",")}`),
  };
}

// The archive's own pages (message, thread, month and author pages: all but a handful of the site),
// rendered with the same Nunjucks templates and filters Eleventy uses, straight into the output.
// Each page's key hashes everything it is made from, so a rebuild renders only pages that changed.
import { hashOf } from "../archive/hash.ts";
import { Digests, type MessagePage, type MessageRecord, type PageGroup, type PendingPage, type RemovedPage, type SiteModel, type ThreadPage, type ThreadPageGroup } from "../indexes/index.ts";
import type { OutputWriter } from "../output/output-writer.ts";
import type { StoredText } from "../archive/stored-parts.ts";
import { ARCHIVE_PAGE_KINDS, createPageRenderer, type PageFrame, type PageRenderer } from "./page-renderer.ts";
import { RenderPool } from "./render-pool.ts";
import { renderClaimed } from "./render-claimed.ts";
import type { RenderedPage, RenderSetup } from "./render-worker.ts";
import type { TemplateFilter } from "./template-filters.ts";

export { ARCHIVE_PAGE_KINDS } from "./page-renderer.ts";

export interface RenderingOptions {
  filters: Record<string, TemplateFilter>;
  /** What base.njk reads besides the page: `archive.site`, `archive.about`. */
  archive: PageFrame;
  writer: OutputWriter;
  /**
   * Worker threads rendering pages beside this one (0: none), with what they need to: where a
   * message's body as HTML lies in the parse cache, and the filters' settings.
   */
  workers?: { count: number; setup: Omit<RenderSetup, "frame">; htmlAt(url: string): StoredText | undefined };
}

/** Where pages are rendered: here, and on the workers (startRendering). */
export interface Rendering {
  here: PageRenderer;
  pool: RenderPool | null;
  htmlAt(url: string): StoredText | undefined;
  /** Stops the workers. */
  close(): void;
}

/**
 * Starts the render workers, as soon as the archive is read: a worker takes some 0.3 s to start,
 * time the site model and the pages' keys then leave it (a rebuild's new pages are the first it
 * gets). Close it (renderArchivePages does) should the pages not be rendered.
 */
export function startRendering(options: RenderingOptions): Rendering {
  const here = createPageRenderer(options.filters, options.archive);
  const { writer, workers } = options;
  const pool = workers && workers.count > 0 ? new RenderPool(workers.count, { ...workers.setup, frame: options.archive }, here, (n) => writer.written(n)) : null;
  return { here, pool, htmlAt: (url) => workers?.htmlAt(url), close: () => pool?.close() };
}

export interface ArchivePagesOptions {
  model: SiteModel;
  /** Where they are rendered (startRendering, with the same writer); closed once they are. */
  rendering: Rendering;
  writer: OutputWriter;
  /** Everything all pages depend on besides their own data: code, templates, site and list settings. */
  version: string;
  /** The build's digests of records and threads (shared with the export and the search index); default: whole records hashed. */
  digests?: Digests;
}

export interface ArchivePagesCounts {
  pages: number;
  rendered: number;
  /** Of those rendered, how many on worker threads. */
  renderedOnWorkers: number;
}

/** Batches of pages (a thread's, or a few other pages) made between two turns of the event loop, at most. */
const YIELD_EVERY = 32;
/** Month, author and notice pages handed on together: each takes about what a thread's pages do. */
const OTHERS_AT_ONCE = 4;
/**
 * Pages claimed and waiting for room in a worker's queue, past which this thread renders the oldest
 * batch itself. Until then it goes on keying pages, which only it can do: a rebuild's new pages
 * come first (thread groups latest first) and are rendered on a worker meanwhile. A few hundred KB.
 */
const WAITING = 4096;
/** Pages (or thread groups) kept between two turns of the event loop while pages wait for a worker: its answers come in there. */
const FEED_EVERY = 256;

/** A page to write: its kind, its path, its key, and its data. */
type Todo = [kind: string, path: string, key: string, item: unknown];

export async function renderArchivePages(options: ArchivePagesOptions): Promise<ArchivePagesCounts> {
  const kinds = new Map(ARCHIVE_PAGE_KINDS.map((k) => [k.kind, k]));
  const keys = pageKeys(options.version, options.digests ?? new Digests());
  const counts: ArchivePagesCounts = { pages: 0, rendered: 0, renderedOnWorkers: 0 };
  const { writer, rendering } = options;
  const { pool } = rendering;
  const renderHere = (pages: RenderedPage[]) => renderClaimed(rendering.here, pages, (n) => writer.written(n));
  // Thread and message pages are keyed by what they are made of, and made only when not kept.
  const todo: Todo[] = [];
  /** Batches claimed while every worker had enough queued, oldest first, and their pages. */
  const waiting: RenderedPage[][] = [];
  let waitingPages = 0;
  const nextWaiting = () => {
    const pages = waiting.shift()!;
    waitingPages -= pages.length;
    return pages;
  };
  /** Hands waiting batches to the workers while they have room. */
  const feed = () => {
    while (waiting.length > 0 && pool!.hasRoom()) {
      const pages = nextWaiting();
      pool!.send(pages, bodiesOf(pages, rendering.htmlAt));
    }
  };
  const turn = () => new Promise<void>((next) => setImmediate(next));
  let sinceYield = 0;
  /** A page made unless kept; `key`: its own (ofInputs) unless given; `sameAs`: as keepPage's. */
  const pending = (kind: string, page: PendingPage<unknown>, key = keys.ofInputs(kind, page.inputs), sameAs?: string) => {
    if (!writer.keepPage(page.url, key, sameAs)) todo.push([kind, `${page.url}index.html`, key, page.make()]);
  };
  /**
   * A thread's pages. The thread page's key is the group's (a hash of its text, the same for every
   * page of the group) and its own, one after the other: when the previous build's began with the
   * group's, every page of it is as that build left it, and each is kept under its previous key
   * without being keyed again (its pages are not even made, unless one is gone since). Otherwise
   * each page is keyed by its own inputs; the thread page is kept, under the new key, when its own
   * part is the same.
   */
  const threadGroup = (group: ThreadPageGroup) => {
    counts.pages += group.urls.length;
    const groupKey = keys.ofText("thread group", group.text());
    const threadUrl = group.urls[0]!;
    const previous = writer.previousPageKey(threadUrl);
    const paired = previous !== undefined && previous.length === 2 * groupKey.length;
    if (paired && previous.startsWith(groupKey)) {
      if (!writer.keepPage(threadUrl, previous)) pending("thread", group.threadPage, previous);
      for (let i = 1; i < group.urls.length; i++) if (!writer.keepPage(group.urls[i]!, null)) pending("message", group.messagePages[i - 1]!);
      return;
    }
    const own = keys.ofInputs("thread", group.threadPage.inputs);
    pending("thread", group.threadPage, groupKey + own, paired && previous.endsWith(own) ? previous : undefined);
    for (const mp of group.messagePages) pending("message", mp);
  };
  /**
   * Claims the files of `todo` (paths checked; the journal written once, before any of them), then
   * has a worker render and write them while this thread makes the next ones; the batches no worker
   * has room for wait (WAITING), and past that this thread renders the oldest. Keying, rendering and
   * writing never reach the event loop, where the workers' answers (room in their queues) and the
   * search worker's files arrive: they are let in before choosing where pages are rendered, and
   * every few batches (search files would pile up in memory otherwise).
   */
  const dispatch = async () => {
    if ((pool && !pool.hasRoom()) || ++sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await turn();
    }
    const pages: RenderedPage[] = [];
    for (const [kind, path, key, item] of todo) {
      const claimed = writer.claim(path, key);
      if (claimed !== null) pages.push([kind, item, claimed.target, claimed.replaces]);
    }
    todo.length = 0;
    writer.writeJournal();
    counts.rendered += pages.length;
    if (!pool) return renderHere(pages);
    if (pages.length > 0) {
      waiting.push(pages);
      waitingPages += pages.length;
    }
    feed();
    while (waitingPages > WAITING) renderHere(nextWaiting());
  };
  /** After a page kept: whether it is time (every FEED_EVERY, while batches wait) to let the workers' answers in and hand them more. */
  let keptInARow = 0;
  const feedDue = () => waiting.length > 0 && ++keptInARow % FEED_EVERY === 0;
  const turnAndFeed = async () => {
    await turn();
    feed();
  };
  try {
    // Month, author and removal-notice pages first, a few at a time: their data is what they show
    // (list-entries.ts), cheap to hand to a worker. Months latest first, as threads: what new mail
    // changes is rendered on a worker while this thread keys the rest. A month's pages, and each
    // author page, are keyed by their text (PageGroup) and made only when one of them is not kept;
    // a notice by its data.
    const notices = options.model.removedPages.map((item): PageGroup<RemovedPage> => ({ urls: [item.url], text: () => JSON.stringify(item), make: () => [item] }));
    const others = [["month", options.model.monthPages.toReversed()], ["author", options.model.authorPages], ["removed", notices]] as const;
    for (const [kindName, groups] of others) {
      const k = kinds.get(kindName)!;
      for (const group of groups) {
        const key = keys.ofText(kindName, group.text());
        const kept = group.urls.map((url) => writer.keepPage(url, key));
        counts.pages += kept.length;
        if (kept.every(Boolean)) {
          if (feedDue()) await turnAndFeed();
          continue;
        }
        const pages: unknown[] = group.make();
        if (pages.length !== group.urls.length) throw new Error(`internal error: ${pages.length} ${kindName} pages made of ${group.urls.length} keyed`);
        for (const [i, page] of pages.entries()) {
          if (k.url(page) !== group.urls[i]) throw new Error(`internal error: ${kindName} page ${k.url(page)} made where ${group.urls[i]} was keyed`);
          if (!kept[i]) todo.push([kindName, `${group.urls[i]}index.html`, key, page]);
        }
        if (todo.length >= OTHERS_AT_ONCE) await dispatch();
      }
    }
    if (todo.length > 0) await dispatch();
    // Then a thread's pages at a time.
    for (const group of options.model.threadGroups) {
      threadGroup(group);
      if (todo.length > 0) await dispatch();
      else if (feedDue()) await turnAndFeed();
    }
    // What still waits: to the workers as they have room, the rest rendered here meanwhile.
    while (waiting.length > 0) {
      await turn();
      feed();
      if (waiting.length > 0) renderHere(nextWaiting());
    }
    await pool?.drain();
    counts.renderedOnWorkers = pool?.renderedOnWorkers ?? 0;
  } finally {
    rendering.close();
  }
  return counts;
}

/** Where the bodies a thread's pages show lie in the parse cache (other pages show none). */
function bodiesOf(pages: RenderedPage[], htmlAt: (url: string) => StoredText | undefined): [string, StoredText][] {
  const out = new Map<string, StoredText>();
  const add = (r: MessageRecord | null) => {
    if (!r || out.has(r.url)) return;
    const at = htmlAt(r.url);
    if (at) out.set(r.url, at);
  };
  for (const [kind, item] of pages) {
    if (kind === "thread") for (const e of (item as ThreadPage).entries) add(e.record);
    else if (kind === "message") add((item as MessagePage).record);
  }
  return [...out];
}

/**
 * A page's key: a hash of the version and of its data. Records and threads stand in by their digest
 * (made once each: a thread is in every page of its messages, a record in many pages), so a key
 * costs what the page's own shape does. Thread and message pages are keyed by the digests of what
 * they are made of (`ofInputs`), month and author pages by the text of what they are made of
 * (`ofText`, PageGroup), both before they are made; a notice by its data as JSON (`ofText` too).
 */
function pageKeys(version: string, digests: Digests): { ofText(kind: string, text: string): string; ofInputs(kind: string, inputs: PendingPage<unknown>["inputs"]): string } {
  const hash = (value: string) => hashOf("sha1", value, "base64url");
  return {
    ofText: (kind, text) => hash(`${version}\0${kind}\0${text}`),
    ofInputs: (kind, inputs) => {
      // Written out, not mapped and joined: a call per page of every rebuild.
      let text = `${version}\0${kind}\0`;
      for (let i = 0; i < inputs.length; i++) text += `${i === 0 ? "" : ","}${inputs[i] ? digests.of(inputs[i]!) : "-"}`;
      return hash(text);
    },
  };
}

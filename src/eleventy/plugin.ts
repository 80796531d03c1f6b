// The archive plugin: runs the pipeline before Eleventy renders, exposes the site model, writes the extras.
import { contentKey } from "../archive/hash.ts";
import { buildArchive, type Archive } from "../archive/build-archive.ts";
import { buildSiteModel, Digests, exportKey, exportLines, type MessageRecord, type SiteModel } from "../indexes/index.ts";
import { buildReport, createProgress, formatSummary } from "../report/index.ts";
import { renderArchivePages, renderWorkerCount, startRendering, templateFilters, type Rendering } from "../render/index.ts";
import { codeVersion } from "../archive/code-version.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { EXTERNAL, OutputWriter } from "../output/output-writer.ts";
import { startSearch, type SearchRun } from "../search/index.ts";
import { relative, resolve, sep } from "node:path";

const REPORT_PATH = "/build-report.json";

export interface ArchivePluginOptions {
  /** The content folder: one subfolder per list. */
  contentDir: string;
  /** Prints the console summary after the build. */
  summary?: boolean;
  /** The parse cache's folder; null for none; default `.cache/` in the project. */
  cacheDir?: string | null;
}

export interface ArchiveData {
  site: Archive["site"];
  /** The about page, as a list of zero or one so a template can paginate over it. */
  about: NonNullable<Archive["about"]>[];
  model: SiteModel;
}

export function archivePlugin(eleventyConfig: EleventyConfig, options: ArchivePluginOptions): void {
  let archive: Archive | null = null;
  let data: ArchiveData | null = null;
  let started = 0;
  let renderStarted = 0;
  let writer: OutputWriter | null = null;
  let work: Record<string, number> = {};
  /** What the archive's pages and export are keyed by besides their inputs, and their records' digests. */
  let version = "";
  let digests: Digests | null = null;
  let search: SearchRun | null = null;
  let searchStarted = 0;
  const filters = templateFilters({
    pathPrefix: () => data?.site.pathPrefix ?? "/",
    bodyHtml: (url) => archive?.messages.bodyHtml(url),
  });

  eleventyConfig.on("eleventy.before", async ({ directories }) => {
    started = performance.now();
    const out = (writer = new OutputWriter(directories.output));
    const opened = performance.now();
    const progress = createProgress();
    // Render workers start once the messages are read and their number is known: by the time the
    // pages are keyed they are ready, having loaded while this thread threads the messages.
    const early: { rendering: Rendering | null } = { rendering: null };
    const startRenderingFor = (messages: number, site: Archive["site"], about: ArchiveData["about"]) =>
      startRendering({
        filters,
        archive: { site, about },
        writer: out,
        workers: { count: renderWorkerCount(messages), setup: { pathPrefix: site.pathPrefix }, htmlAt: (url) => archive!.messages.htmlAt(url) },
      });
    try {
      archive = await buildArchive(options.contentDir, {
        // The output's manifest is read on another thread meanwhile: long done by the first attachment, in a rebuild.
        writeAttachment: async (url, content) => {
          await out.opened();
          out.write(url, content, contentKey(content));
        },
        onProgress: (list, n) => progress.update(list, n),
        onRead: (messages, site, about) => {
          if (early.rendering === null && renderWorkerCount(messages) > 0) early.rendering = startRenderingFor(messages, site, about ? [about] : []);
        },
        cacheDir: options.cacheDir,
      });
    } catch (e) {
      early.rendering?.close();
      throw e;
    }
    progress.done();
    // Before the archive: the process's start (modules, Eleventy's own set-up) and the output
    // folder's opening (its journal; the last build's manifest is read on another thread).
    archive.timings = { start: started, output: opened - started, ...archive.timings };
    const about = archive.about ? [archive.about] : [];
    const rendering = early.rendering ?? startRenderingFor(archive.lists.reduce((n, l) => n + l.messagesRead, 0), archive.site, about);
    // Records and threads stand in by their digests in the keys of the search index, pages and export.
    const built = archive;
    digests = new Digests((url) => built.messages.cacheKey(url));
    let searching: SearchRun | null = null;
    let pages;
    let t = 0;
    try {
      await out.ready();
      // The search index is built on a worker thread while the site model is made and the pages
      // rendered (its files are written as they come).
      searchStarted = t = performance.now();
      // Its plan (which segments are kept) and its job are made on this thread.
      searching = search = startSearch(archive, digests, {
        previous: out.previousFiles("/search/"),
        readPrevious: (path) => out.readPrevious(path),
        put: async (path, content, key) => {
          if (content !== null) return out.write(path, content, key ?? contentKey(content));
          if (!out.keep(path, key!)) throw new Error(`internal error: ${path} of the previous build was to be kept but is not there`);
        },
      });
      archive.timings.searchPlan = performance.now() - t;
      t = performance.now();
      data = { site: archive.site, about, model: buildSiteModel(archive.lists, digests) };
      archive.timings.model = performance.now() - t;
      t = performance.now();
      pages = await renderArchivePages({
        model: data.model,
        rendering,
        writer: out,
        // Pages depend on the code and templates that make them and on the site and list settings.
        version: (version = codeVersion(["src", "templates"], { site: archive.site, about: data.about.length > 0, lists: archive.lists.map((l) => l.config) })),
        digests,
      });
    } catch (e) {
      searching?.cancel();
      rendering.close();
      throw e;
    }
    archive.timings.pages = performance.now() - t;
    work = { messagesParsed: archive.parsed.parsed, messagesFromCache: archive.parsed.hits, messagesNotReread: archive.parsed.unread, pages: pages.pages, pagesRendered: pages.rendered, pagesRenderedOnWorkers: pages.renderedOnWorkers };
    renderStarted = performance.now();
  });

  eleventyConfig.on("eleventy.after", async ({ directories, results }) => {
    if (!archive || !data || !writer) return;
    const out = writer;
    const timings = archive.timings;
    timings.eleventy = performance.now() - renderStarted;
    // Eleventy's own pages are written by Eleventy: tracked, so they go once no build makes them.
    const root = resolve(directories.output);
    for (const r of results ?? []) {
      const path = resolve(r.outputPath);
      if (path.startsWith(root + sep)) out.track(`/${relative(root, path).split(sep).join("/")}`);
    }
    const t = performance.now();
    for (const list of archive.lists) {
      const path = `/${list.config.id}/messages.jsonl`;
      const digestOf = (r: MessageRecord) => digests!.of(r);
      // Lines of records unchanged since the last build, up to the first that changed, stay as written.
      out.writeLines(path, exportKey(list.records, digestOf, version), version, list.records.map(digestOf), (from) => exportLines(list.records, from));
    }
    digests = null;
    timings.write = performance.now() - t;
    const s = performance.now();
    try {
      const summary = await search!.done;
      timings.search = summary.ms;
      work = { ...work, searchSegments: summary.manifest.segments.length, searchSegmentsKept: summary.segmentsKept };
    } catch (e) {
      // The archive is complete without its search index: say so loudly, and keep the pages.
      archive.diagnostics.add({ severity: "error", code: "search-failed", path: "", index: null, message: `the search index could not be built: ${(e as Error).message}` });
      timings.search = performance.now() - searchStarted;
    }
    // The search worker runs beside the pages: how long the build then waited for it.
    timings.searchWait = performance.now() - s;
    search = null;
    archive.close();
    const report = buildReport(
      archive.lists.map((l) => ({
        id: l.config.id,
        inputs: l.inputs,
        messagesRead: l.messagesRead,
        messagesPublished: l.records.length,
        duplicatesMerged: l.duplicatesMerged,
        skipped: l.skipped,
        threads: l.threads.length,
      })),
      archive.diagnostics,
      timings,
      { ...work, filesWritten: out.counts.written + 1, filesUnchanged: out.counts.unchanged, filesRemoved: out.staleCount([REPORT_PATH]) },
    );
    const reportJson = JSON.stringify(report, null, 2) + "\n";
    out.write(REPORT_PATH, reportJson, EXTERNAL);
    out.finish();
    writer = null;
    if (options.summary) console.log(formatSummary(report, directories.output, (performance.now() - started) / 1000));
  });

  // Global data is read lazily, after eleventy.before has built the archive.
  eleventyConfig.addGlobalData("archive", () => {
    if (!data) throw new Error("the archive was not built: eleventy.before did not run");
    return data;
  });

  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);
}

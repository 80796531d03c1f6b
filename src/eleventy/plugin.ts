// The archive plugin: runs the pipeline before Eleventy renders, exposes the site model, writes the extras.
import { buildArchive, type Archive } from "../archive/build-archive.ts";
import { buildSiteModel, renderExport, type SiteModel } from "../indexes/index.ts";
import { buildReport, createProgress, formatSummary } from "../report/index.ts";
import { formatDate, formatMonth, renderMarkdown, renderMessageBody } from "../render/index.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import type { Privacy } from "../ingest/index.ts";
import { writeOutputFile } from "./output-files.ts";
import { buildSearch } from "../search/index.ts";

export interface ArchivePluginOptions {
  /** The content folder: one subfolder per list. */
  contentDir: string;
  /** Prints the console summary after the build. */
  summary?: boolean;
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
  let privacyOf = new Map<string, Privacy>();

  eleventyConfig.on("eleventy.before", async ({ directories }) => {
    started = performance.now();
    const progress = createProgress();
    archive = await buildArchive(options.contentDir, {
      writeAttachment: (url, content) => writeOutputFile(directories.output, url, content),
      onProgress: (list, n) => progress.update(list, n),
    });
    progress.done();
    privacyOf = new Map(archive.lists.map((l) => [l.config.id, l.config.settings.privacy]));
    data = { site: archive.site, about: archive.about ? [archive.about] : [], model: buildSiteModel(archive.lists) };
    renderStarted = performance.now();
  });

  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    if (!archive || !data) return;
    const timings = archive.timings;
    timings.render = performance.now() - renderStarted;
    const t = performance.now();
    for (const list of archive.lists) await writeOutputFile(directories.output, `/${list.config.id}/messages.jsonl`, renderExport(list.records));
    timings.write = performance.now() - t;
    const s = performance.now();
    try {
      const search = buildSearch(archive);
      for (const [path, content] of search.files) await writeOutputFile(directories.output, path, content);
    } catch (e) {
      // The archive is complete without its search index: say so loudly, and keep the pages.
      archive.diagnostics.add({ severity: "error", code: "search-failed", path: "", index: null, message: `the search index could not be built: ${(e as Error).message}` });
    }
    timings.search = performance.now() - s;
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
    );
    await writeOutputFile(directories.output, "/build-report.json", JSON.stringify(report, null, 2) + "\n");
    if (options.summary) console.log(formatSummary(report, directories.output, (performance.now() - started) / 1000));
  });

  // Global data is read lazily, after eleventy.before has built the archive.
  eleventyConfig.addGlobalData("archive", () => {
    if (!data) throw new Error("the archive was not built: eleventy.before did not run");
    return data;
  });

  const prefix = () => data?.site.pathPrefix ?? "/";
  /** A site-relative path with the site's path prefix, for every link. */
  eleventyConfig.addFilter("href", (path: string) => prefix() + String(path).replace(/^\//, ""));
  eleventyConfig.addFilter("displayDate", (iso: string | null, offset?: number | null) => formatDate(iso, offset ?? null));
  eleventyConfig.addFilter("monthName", (key: string) => formatMonth(key));
  eleventyConfig.addFilter("shortDate", (iso: string | null) => (iso ? iso.slice(0, 10) : "undated"));
  eleventyConfig.addFilter("markdown", (text: string) => renderMarkdown(text ?? ""));
  /** A message's body as HTML, under its list's address privacy setting. */
  eleventyConfig.addFilter("messageBody", (url: string, listId: string) => {
    const body = archive?.bodies.get(url);
    return body ? renderMessageBody(body, { privacy: privacyOf.get(listId) ?? "obfuscate" }) : "";
  });
  eleventyConfig.addFilter("fileSize", (bytes: number) =>
    bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  );
}

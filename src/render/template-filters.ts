// The filters every template may use, one set for Eleventy's pages and for the archive's own page renderer.
import { formatDate, formatMonth } from "./dates.ts";
import { renderMarkdown } from "./markdown.ts";

export interface FilterSource {
  /** The site's path prefix ("/" or "/lists/"), put in front of every link. */
  pathPrefix(): string;
  /** The body of the message at `url` as HTML (render/message-body.ts, under its list's privacy setting: made when it was parsed). */
  bodyHtml(url: string): string | undefined;
}

export type TemplateFilter = (...args: never[]) => unknown;

export function templateFilters(source: FilterSource): Record<string, TemplateFilter> {
  return {
    /** A site-relative path with the site's path prefix, for every link. */
    href: (path: string) => source.pathPrefix() + String(path).replace(/^\//, ""),
    displayDate: (iso: string | null, offset?: number | null) => formatDate(iso, offset ?? null),
    monthName: (key: string) => formatMonth(key),
    shortDate: (iso: string | null) => (iso ? iso.slice(0, 10) : "undated"),
    markdown: (text: string) => renderMarkdown(text ?? ""),
    /** A message's body as HTML, under its list's address privacy setting. */
    messageBody: (url: string) => source.bodyHtml(url) ?? "",
    fileSize: (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`),
  };
}

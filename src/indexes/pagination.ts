// Pagination: items cut into pages whose URLs are the base for page 1 and `page/N/` after it.

export interface Page<T> {
  url: string;
  items: T[];
  pageNumber: number;
  pageCount: number;
  prevUrl: string | null;
  nextUrl: string | null;
}

/**
 * Pages made only when asked: their URLs, known before they are made; `text()`, what they are
 * made of (records and threads by their digests, and what is around them), the same text under
 * the same code and settings making the same pages; `make()`, the pages, in the order of `urls`.
 */
export interface PageGroup<T> {
  urls: readonly string[];
  text(): string;
  make(): T[];
}

/** At least one page, also for no items, so every base URL exists. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Page<T>[] {
  const count = pageCount(items.length, size);
  return Array.from({ length: count }, (_, i) => pageOf(items.slice(i * size, (i + 1) * size), i + 1, count, baseUrl));
}

/** How many pages `items` things make, `size` a page: at least one. */
export function pageCount(items: number, size: number): number {
  return Math.max(1, Math.ceil(items / size));
}

/** Page `pageNumber` (from 1) of `pageCount` at `baseUrl`, with `items`. */
export function pageOf<T>(items: T[], pageNumber: number, pageCount: number, baseUrl: string): Page<T> {
  return {
    url: pageUrl(baseUrl, pageNumber),
    items,
    pageNumber,
    pageCount,
    prevUrl: pageNumber > 1 ? pageUrl(baseUrl, pageNumber - 1) : null,
    nextUrl: pageNumber < pageCount ? pageUrl(baseUrl, pageNumber + 1) : null,
  };
}

/** The URL of page `n` (from 1) of pages at `baseUrl`. */
export function pageUrl(baseUrl: string, n: number): string {
  return n === 1 ? baseUrl : `${baseUrl}page/${n}/`;
}

// Pagination: items cut into pages whose URLs are the base for page 1 and `page/N/` after it.

export interface Page<T> {
  url: string;
  items: T[];
  pageNumber: number;
  pageCount: number;
  prevUrl: string | null;
  nextUrl: string | null;
}

/** At least one page, also for no items, so every base URL exists. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Page<T>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const urlOf = (n: number) => (n === 1 ? baseUrl : `${baseUrl}page/${n}/`);
  return Array.from({ length: pageCount }, (_, i) => ({
    url: urlOf(i + 1),
    items: items.slice(i * size, (i + 1) * size),
    pageNumber: i + 1,
    pageCount,
    prevUrl: i > 0 ? urlOf(i) : null,
    nextUrl: i + 1 < pageCount ? urlOf(i + 2) : null,
  }));
}

// Bodies (as HTML for pages) and search words of the published messages, read back from the parse
// cache by permalink URL when a page or the search index needs them: a build keeps no body in memory for long.
import type { MessageBody, MessageHead } from "../parse/index.ts";
import type { ParseCache } from "./parse-cache.ts";
import type { StoredText } from "./stored-parts.ts";

export { readStoredText, readStoredTexts, type StoredText } from "./stored-parts.ts";

export class StoredMessages {
  private readonly refs = new Map<string, { cache: ParseCache; key: string }>();
  private readonly caches = new Set<ParseCache>();

  add(url: string, cache: ParseCache, key: string): void {
    this.refs.set(url, { cache, key });
    this.caches.add(cache);
  }

  /** The body of the message published at `url`. */
  body(url: string): MessageBody | undefined {
    return this.read(url, (cache, key) => cache.body(key));
  }

  /** The parsed head of the message published at `url` (its headers as read: References, In-Reply-To, …), which records leave out. */
  head(url: string): Omit<MessageHead, "locator"> | undefined {
    return this.read(url, (cache, key) => cache.stored(key)?.message);
  }

  /** The body of the message published at `url` as its pages show it (rendered when it was parsed). */
  bodyHtml(url: string): string | undefined {
    return this.read(url, (cache, key) => cache.bodyHtml(key));
  }

  /** Where the message's body as HTML lies, for a render worker to read it itself. */
  htmlAt(url: string): StoredText | undefined {
    return this.read(url, (cache, key) => cache.htmlAt(key));
  }

  /** Where the message's search words lie, for the search worker to read them itself. */
  textAt(url: string): StoredText | undefined {
    return this.read(url, (cache, key) => cache.textAt(key));
  }

  /** Where the counts of the message's search words lie (search/doc-terms.ts), for the search worker. */
  termsAt(url: string): StoredText | undefined {
    return this.read(url, (cache, key) => cache.termsAt(key));
  }

  /** The message's key in its parse cache: a hash of its raw bytes and the options it was parsed under. */
  cacheKey(url: string): string | undefined {
    return this.refs.get(url)?.key;
  }

  /** Closes the caches read from (a build without a cache removes its temporary one). */
  close(): void {
    for (const cache of this.caches) cache.close();
    this.caches.clear();
  }

  /** What `part` reads of the message published at `url` from its cache; undefined for no such message. */
  private read<T>(url: string, part: (cache: ParseCache, key: string) => T | undefined): T | undefined {
    const ref = this.refs.get(url);
    return ref && part(ref.cache, ref.key);
  }
}

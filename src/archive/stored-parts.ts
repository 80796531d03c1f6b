// A message's parts as another thread reads them back from the parse cache: where they lie in an
// open segment file (file descriptors are the process's, so any thread can read them) or the
// text itself (search words and their counts, the body as HTML).
import { readAt } from "./cache-segment.ts";

/** A text part of a message: where it lies in an open segment, or the text itself. Valid until the cache is closed. */
export type StoredText = { fd: number; offset: number; length: number } | { text: string };

/** The text a StoredText names; on any thread of the process, while the cache is open. */
export function readStoredText(stored: StoredText): string {
  return "text" in stored ? stored.text : readAt(stored.fd, stored.offset, stored.length).toString("utf8");
}

/** The texts of two StoredTexts; in one read when the second follows the first in the same file (a message's words and their counts). */
export function readStoredTexts(first: StoredText, second: StoredText): [string, string] {
  if ("text" in first || "text" in second || first.fd !== second.fd || second.offset !== first.offset + first.length) return [readStoredText(first), readStoredText(second)];
  const both = readAt(first.fd, first.offset, first.length + second.length);
  return [both.toString("utf8", 0, first.length), both.toString("utf8", first.length)];
}

// A document's words with how often each occurs: worked out once, where a message is parsed (on the
// parse workers), and cached with it, so the index builder does not tokenize every body on every build.
import { forEachTerm } from "./client/tokenize.js";

/**
 * The words of `text` as the index takes them: the number of words, then each distinct word with
 * its count, in order of first occurrence (`n\nword count\nword count…`; words hold no space or
 * line break: they are runs of letters, digits and marks).
 */
export function encodeDocTerms(text: string): string {
  const counts = new Map<string, number>();
  let length = 0;
  forEachTerm(text, (term: string) => {
    counts.set(term, (counts.get(term) ?? 0) + 1);
    length++;
  });
  let out = String(length);
  for (const [term, n] of counts) out += `\n${term} ${n}`;
  return out;
}

/** Calls `emit` for each word of what encodeDocTerms gave, with its count; returns the number of words. */
export function forEachDocTerm(encoded: string, emit: (term: string, count: number) => void): number {
  let end = encoded.indexOf("\n");
  if (end < 0) end = encoded.length;
  const length = Number(encoded.slice(0, end));
  while (end < encoded.length) {
    const start = end + 1;
    const space = encoded.indexOf(" ", start);
    end = encoded.indexOf("\n", space);
    if (end < 0) end = encoded.length;
    emit(encoded.slice(start, space), Number(encoded.slice(space + 1, end)));
  }
  return length;
}

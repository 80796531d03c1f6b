// Quote depth of each line: `>` prefixes (`>`, `>>`, `> >`), mboxrd's `>From`, and quoted header blocks that open a level without `>`.
import { isListFooterStart, isNextPartMarker } from "./list-stubs.ts";
import { quotedHeadersEnd } from "./quoted-headers.ts";

export interface QuotedLine {
  /** Quote level: 0 for the writer's own text. */
  depth: number;
  /** The line without its `>` prefix (and the one space after it). */
  text: string;
  /** Part of a quoted header block (`-----Original Message-----`, `From:`, `Sent:` ...): the attribution of the level below it. */
  headers: boolean;
}

/** Deeper levels are shown at this one: nobody reads 50 nested quotes, and it bounds the renderer's recursion. */
export const MAX_QUOTE_DEPTH = 24;

/** Depth and text of a line's `>` prefix: `>` markers may be separated by up to two spaces; one space after the last is dropped. */
export function splitQuotePrefix(line: string): { depth: number; text: string } {
  let depth = 0;
  let at = 0;
  while (line.charCodeAt(at) === 0x3e) {
    depth++;
    at++;
    let k = at;
    while (k < at + 2 && line.charCodeAt(k) === 0x20) k++;
    if (k > at && line.charCodeAt(k) === 0x3e) at = k;
  }
  if (depth === 0) return { depth, text: line };
  if (line.charCodeAt(at) === 0x20) at++;
  return { depth: Math.min(depth, MAX_QUOTE_DEPTH), text: line.slice(at) };
}

/**
 * Every line with its quote depth. A quoted header block at depth d pushes the lines after it one level deeper, until the
 * quote it sits in ends (a line shallower than d), a pipermail "next part" stub at depth ≤ d, or the message's last list
 * footer (the footer of the quoted mail, inside it, stays quoted).
 */
export function quoteLines(lines: readonly string[]): QuotedLine[] {
  const n = lines.length;
  const depth: number[] = new Array<number>(n);
  const text: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const q = splitQuotePrefix(lines[i]!);
    depth[i] = q.depth;
    text[i] = q.text;
  }
  // mboxrd escapes a body line "From ..." as ">From ...": a lone one is text, not a quote.
  for (let i = 0; i < n; i++) {
    if (depth[i] === 1 && lines[i]!.startsWith(">From ") && (depth[i - 1] ?? 0) === 0 && (depth[i + 1] ?? 0) === 0) {
      depth[i] = 0;
      text[i] = lines[i]!.slice(1);
    }
  }
  let lastFooter = -1;
  for (let i = n - 1; i >= 0 && lastFooter === -1; i--) if (isListFooterStart(text, i)) lastFooter = i;

  const out: QuotedLine[] = new Array<QuotedLine>(n);
  const shifts: number[] = []; // depths at which a header block opened a level
  for (let i = 0; i < n; ) {
    const d = depth[i]!;
    while (shifts.length > 0 && shifts[shifts.length - 1]! > d) shifts.pop();
    if (i === lastFooter || isNextPartMarker(text[i]!)) while (shifts.length > 0 && shifts[shifts.length - 1]! >= d) shifts.pop();
    const shifted = Math.min(d + shifts.length, MAX_QUOTE_DEPTH);
    const end = shifted < MAX_QUOTE_DEPTH ? quotedHeadersEnd(text, depth, i) : -1;
    if (end > i) {
      for (let k = i; k < end; k++) out[k] = { depth: shifted, text: text[k]!, headers: true };
      shifts.push(d);
      i = end;
      continue;
    }
    out[i] = { depth: shifted, text: text[i]!, headers: false };
    i++;
  }
  return out;
}

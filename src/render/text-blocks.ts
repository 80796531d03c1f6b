// Plain message text as a block tree: text runs, nested quotes with their attributions, signatures, diffs, stubs, footers.
import { attributionAtEnd, attributionAtStart } from "./attribution.ts";
import type { DiffLine } from "./diff-lines.ts";
import { quoteLines, type QuotedLine } from "./quote-lines.ts";
import { segmentRun, splitClosingSignature } from "./text-segments.ts";

export type { DiffLine, DiffLineKind } from "./diff-lines.ts";

export type Block = TextBlock | QuoteBlock | SignatureBlock | DiffBlock | NextPartBlock | ListFooterBlock;

/** Lines of text at one level, as written (indentation kept); never starts or ends with a blank line. */
export interface TextBlock {
  kind: "text";
  lines: string[];
}
export interface QuoteBlock {
  kind: "quote";
  /** 1 for a quote of the writer's text, 2 for a quote inside it ... */
  level: number;
  /** The line(s) introducing this quote; they are shown just before it, in the enclosing level. */
  attribution: Attribution | null;
  blocks: Block[];
}
export interface Attribution {
  lines: string[];
  /** A quoted header block (From:, Sent:, To:, Subject:) rather than a "wrote:" line. */
  headers: boolean;
}
/** From the `-- ` line (kept) to the end of its run, or a closing name at the very end of the message. */
export interface SignatureBlock {
  kind: "signature";
  lines: string[];
}
export interface DiffBlock {
  kind: "diff";
  lines: DiffLine[];
}
/** Pipermail's `-------------- next part --------------` and the scrubbed-attachment lines under it. */
export interface NextPartBlock {
  kind: "next-part";
  lines: string[];
}
/** The list's footer (`____` + "... mailing list" + listinfo URL, or pipermail's "More information about the ..."). */
export interface ListFooterBlock {
  kind: "list-footer";
  lines: string[];
}

/** Above this size the text is one text block: structure is not worth the time on absurd input. */
export const MAX_STRUCTURED_CHARS = 1_000_000;
/**
 * Above this many quotes the text is one text block, `>` kept: each quote costs a blockquote per level, so 40,000 lines
 * `>>>>>>>>>>>>>>>>>>>>a` alternating with text would be 100 MB of markup. Real threads stay far below.
 */
export const MAX_QUOTE_BLOCKS = 5_000;

type DraftItem = { kind: "run"; lines: QuotedLine[] } | { kind: "quote"; level: number; attribution: Attribution | null; items: DraftItem[] };

/** The block tree of a plain text body (already un-flowed). */
export function parseTextBlocks(text: string): Block[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  if (normalized.length > MAX_STRUCTURED_CHARS) return normalized.trim() === "" ? [] : [{ kind: "text", lines }];
  const quoted = quoteLines(lines);
  const budget = { quotes: MAX_QUOTE_BLOCKS };
  const items = buildLevel(quoted, 0, quoted.length, 0, budget);
  if (budget.quotes < 0) return [{ kind: "text", lines }];
  claimAttributions(items, usesInsideAttributions(items));
  const parts = items.map((item) => (item.kind === "quote" ? [toQuote(item)] : segmentRun(texts(item.lines))));
  // The writer's closing is in the last run with text of their own: at the end, or above the quote when top-posting.
  for (let k = items.length - 1; k >= 0; k--) {
    const part = parts[k]!;
    if (items[k]!.kind === "quote" || !part.some((b) => b.kind === "text" || b.kind === "signature")) continue;
    parts[k] = splitClosingSignature(part, items[k - 1]?.kind === "quote");
    break;
  }
  return parts.flat();
}

/** Items of lines [from, to) at `level`: runs of the level's own lines and quotes of deeper ones. Deeper runs of blank lines only are blank lines here. */
function buildLevel(lines: readonly QuotedLine[], from: number, to: number, level: number, budget: { quotes: number }): DraftItem[] {
  const items: DraftItem[] = [];
  let run: QuotedLine[] = [];
  for (let i = from; i < to; ) {
    if (lines[i]!.depth <= level) {
      run.push(lines[i]!);
      i++;
      continue;
    }
    let k = i;
    let blank = true;
    while (k < to && lines[k]!.depth > level) {
      if (blank && lines[k]!.text.trim() !== "") blank = false;
      k++;
    }
    if (blank) {
      for (; i < k; i++) run.push({ depth: level, text: "", headers: false });
      continue;
    }
    if (run.length > 0) items.push({ kind: "run", lines: run });
    run = [];
    if (--budget.quotes < 0) return items;
    items.push({ kind: "quote", level: level + 1, attribution: null, items: buildLevel(lines, i, k, level + 1, budget) });
    i = k;
  }
  if (run.length > 0) items.push({ kind: "run", lines: run });
  return items;
}

const texts = (lines: readonly QuotedLine[]) => lines.map((l) => l.text);
const hasText = (lines: readonly QuotedLine[]) => lines.some((l) => l.text.trim() !== "");

/** A quote's opening attribution followed by more of the quote's own text: Apple Mail's and Outlook's way (not ambiguous). */
function opensWithOwnAttribution(quote: DraftItem & { kind: "quote" }): { start: number; end: number; ambiguous: boolean } | null {
  const first = quote.items[0];
  if (first?.kind !== "run") return null;
  const found = attributionAtStart(texts(first.lines));
  if (found === null) return null;
  const rest = first.lines.slice(found.end);
  const otherText = hasText(rest) || quote.items.slice(1).some((item) => item.kind === "run" && hasText(item.lines));
  if (!otherText) return null;
  // `> On X, Y wrote:` right above `>> text`: Y may have written this quote (Apple/Outlook) or the one inside it (classic).
  return { start: found.start, end: found.end, ambiguous: !hasText(rest) && quote.items[1]?.kind === "quote" };
}

/** Whether the message puts attributions inside the quote they introduce (some quote shows it unambiguously). */
function usesInsideAttributions(items: readonly DraftItem[]): boolean {
  for (const item of items) {
    if (item.kind !== "quote") continue;
    const own = opensWithOwnAttribution(item);
    if ((own && !own.ambiguous) || usesInsideAttributions(item.items)) return true;
  }
  return false;
}

/**
 * Gives each quote its attribution, outer levels first: (1) a header block or attribution line ending the text just before
 * the quote (two blank lines between allowed), else (2) an attribution that is the quote's own first line, when the quote
 * has more text of its own: Apple Mail and Outlook quote the attribution with the text. When (2) could also be read the
 * classic way (the line sits right above a deeper quote), the message's other quotes decide.
 */
function claimAttributions(items: DraftItem[], inside: boolean): void {
  for (let k = 0; k < items.length; k++) {
    const quote = items[k]!;
    if (quote.kind !== "quote") continue;
    const prev = items[k - 1];
    if (prev?.kind === "run") {
      const lines = prev.lines;
      let e = lines.length;
      for (let blank = 0; blank < 2 && e > 0 && lines[e - 1]!.text.trim() === "" && !lines[e - 1]!.headers; blank++) e--;
      let s = e;
      while (s > 0 && lines[s - 1]!.headers) s--;
      if (s < e) {
        quote.attribution = { lines: texts(lines.slice(s, e)), headers: true };
        prev.lines = lines.slice(0, s);
      } else {
        const found = attributionAtEnd(texts(lines));
        if (found) {
          quote.attribution = { lines: texts(lines.slice(found.start, found.end)).map((l) => l.trim()), headers: false };
          prev.lines = lines.slice(0, found.cut);
        }
      }
    }
    if (quote.attribution === null) {
      const own = opensWithOwnAttribution(quote);
      const first = quote.items[0];
      if (own && first?.kind === "run" && (inside || !own.ambiguous)) {
        quote.attribution = { lines: texts(first.lines.slice(own.start, own.end)).map((l) => l.trim()), headers: false };
        first.lines = first.lines.slice(own.end);
      }
    }
    claimAttributions(quote.items, inside);
  }
}

function toQuote(item: DraftItem & { kind: "quote" }): QuoteBlock {
  const blocks: Block[] = [];
  for (const child of item.items) {
    if (child.kind === "quote") blocks.push(toQuote(child));
    else blocks.push(...segmentRun(texts(child.lines)));
  }
  return { kind: "quote", level: item.level, attribution: item.attribution, blocks };
}

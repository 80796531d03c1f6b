// A run of lines at one quote level, cut into text, signature, diff, "next part" stub and list footer blocks.
import type { Block } from "./text-blocks.ts";
import { diffFragment, parseDiffAt } from "./diff-lines.ts";
import { listFooterEnd, nextPartEnd } from "./list-stubs.ts";

/** A line `--` (no trailing space) is a signature separator only this close to the end of its run; mid-text it is a rule. */
const BARE_DASHES_WITHIN = 20;
/** `--Name` on one line is a signature only among the last lines of its run. */
const DASH_NAME_WITHIN = 3;
const DASH_NAME = /^--\s?\p{Lu}[\p{L}\p{N} .,'’()-]{0,40}$/u;

const isBlank = (line: string) => line.trim() === "";

/** Whether line `i` of a run of `n` lines opens a signature: `-- `, `--` near the end, or `--Name` among the last lines. */
function opensSignature(line: string, i: number, n: number): boolean {
  if (line === "-- " || line === "--  ") return true;
  if (line === "--") return n - i <= BARE_DASHES_WITHIN;
  return n - i <= DASH_NAME_WITHIN && DASH_NAME.test(line);
}

function trimBlankLines(lines: string[]): string[] {
  let s = 0;
  let e = lines.length;
  while (s < e && isBlank(lines[s]!)) s++;
  while (e > s && isBlank(lines[e - 1]!)) e--;
  return s === 0 && e === lines.length ? lines : lines.slice(s, e);
}

/**
 * Blocks of one run. Stubs, footers and diffs are found first; in the text between them the signature starts at the last
 * `-- ` line (or the first `--` / `--Name` when there is none) and runs to the next stub, footer or diff.
 */
export function segmentRun(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  const n = lines.length;
  let text: string[] = [];
  let signatureAt = -1;
  const flush = () => {
    pushText(out, trimBlankLines(signatureAt >= 0 ? text.slice(0, signatureAt) : text));
    if (signatureAt >= 0) {
      const signature = trimBlankLines(text.slice(signatureAt));
      if (signature.length > 0) out.push({ kind: "signature", lines: signature });
    }
    text = [];
    signatureAt = -1;
  };
  for (let i = 0; i < n; ) {
    const line = lines[i]!;
    let end = nextPartEnd(lines, i, n);
    if (end > i) {
      flush();
      out.push({ kind: "next-part", lines: lines.slice(i, end) });
      i = end;
      continue;
    }
    end = listFooterEnd(lines, i, n);
    if (end > i) {
      flush();
      const footer = trimBlankLines(lines.slice(i, end));
      out.push({ kind: "list-footer", lines: footer });
      i = end;
      continue;
    }
    const diff = parseDiffAt(lines, i, n);
    if (diff) {
      flush();
      out.push({ kind: "diff", lines: diff.lines });
      i = diff.end;
      continue;
    }
    // The last `-- ` wins (a forwarded text's signature above stays text); a bare `--` or `--Name` only opens one.
    if (line.length <= 60 && opensSignature(line, i, n) && (signatureAt < 0 || line.startsWith("-- ") && line.trim() === "--")) signatureAt = text.length;
    text.push(line);
    i++;
  }
  flush();
  return out;
}

/** Text lines as text blocks, with paragraphs that are pieces of a hunk (see diffFragment) as diff blocks. */
function pushText(out: Block[], lines: string[]): void {
  if (lines.length === 0) return;
  let from = 0;
  let pending = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !isBlank(lines[i]!)) continue;
    const fragment = i - from >= 2 ? diffFragment(lines.slice(from, i)) : null;
    if (fragment) {
      const before = trimBlankLines(lines.slice(pending, from));
      if (before.length > 0) out.push({ kind: "text", lines: before });
      out.push({ kind: "diff", lines: fragment });
      pending = i;
    }
    from = i + 1;
  }
  const rest = trimBlankLines(lines.slice(pending));
  if (rest.length > 0) out.push({ kind: "text", lines: rest });
}

const STOP_WORDS = new Set(
  "ack agreed applied committed correct done fine fixed good great indeed lgtm merged nack no nope ok okay pushed queued right sure thanks thx true wrong yes yep".split(" "),
);
const VALEDICTION =
  /^(?:thanks|thank you|many thanks|thanks again|thx|cheers|regards|best|best regards|kind regards|warm regards|best wishes|greetings|br|cu|ciao|bye|hth|sincerely|yours|cordialement|grüße|gruß|viele grüße|liebe grüße|mit freundlichen grüßen|saludos|un saludo|saluti|groeten|pozdrawiam|с уважением|спасибо)\s*[,.!]?$/iu;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)$/u;
const LOWER_NAME = /^[\p{L}][\p{L}'’.-]{0,20}$/u;

function isValediction(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40) return false;
  if (VALEDICTION.test(t)) return true;
  return t.endsWith(",") && t.split(/\s+/).length <= 4 && /^\p{L}/u.test(t) && !/^(?:hi|hello|dear|hey|hallo|bonjour|hola)\b/iu.test(t);
}

function isNameLine(line: string, afterValediction: boolean): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40) return false;
  const words = t.split(/\s+/);
  if (words.length > 4) return false;
  if (words.length === 1 && STOP_WORDS.has(t.toLowerCase().replace(/[.!,]+$/, ""))) return false;
  if (words.every((w) => NAME_WORD.test(w))) return true;
  return afterValediction && words.length === 1 && LOWER_NAME.test(t);
}

/**
 * A closing without `-- ` at the end of the writer's text: a name line (1-4 capitalised words, "Tim Day") after a blank
 * line, after a quote, or under a valediction ("Thanks," / "Regards", maybe a blank line between), which joins it. The last text block of `blocks`
 * (only stubs and footers may follow it) is split; nothing happens when `blocks` already has a signature.
 */
export function splitClosingSignature(blocks: Block[], afterQuote: boolean): Block[] {
  if (blocks.some((b) => b.kind === "signature")) return blocks;
  let k = blocks.length - 1;
  while (k >= 0 && (blocks[k]!.kind === "next-part" || blocks[k]!.kind === "list-footer")) k--;
  const last = blocks[k];
  if (last === undefined || last.kind !== "text") return blocks;
  const lines = last.lines;
  const e = lines.length - 1;
  const before = e >= 1 ? lines[e - 1]! : null;
  let start: number;
  if (before !== null && isValediction(before) && isNameLine(lines[e]!, true)) start = e - 1;
  else if (e >= 2 && isBlank(before!) && isValediction(lines[e - 2]!) && isNameLine(lines[e]!, true)) start = e - 2;
  else if (isNameLine(lines[e]!, false) && (before === null ? afterQuote || k > 0 : isBlank(before))) start = e;
  else return blocks;
  const head = trimBlankLines(lines.slice(0, start));
  const replaced: Block[] = head.length > 0 ? [{ kind: "text", lines: head }] : [];
  replaced.push({ kind: "signature", lines: lines.slice(start) });
  return [...blocks.slice(0, k), ...replaced, ...blocks.slice(k + 1)];
}

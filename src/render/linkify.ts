// Two-step linkify: URLs and addresses are found in the raw text, replaced by placeholders, the text escaped, the links restored.
import type { Privacy } from "../ingest/settings.ts";
import { escapeHtml } from "./escape.ts";
import { addressAroundAt, obfuscatedAddressAt, publishBodyAddress, type FoundAddress } from "./body-addresses.ts";

/** A link or an address in text; `text.slice(start, end)` is what it replaces. */
export type LinkToken =
  | { kind: "url"; start: number; end: number; href: string; text: string }
  | { kind: "address"; start: number; end: number; address: FoundAddress };

// Where a link or an address may begin. Matched case-insensitively by hand so " at " stays lower case.
const CANDIDATE = /[hH][tT][tT][pP][sS]?:\/\/|[fF][tT][pP]:\/\/|[wW][wW][wW]\.|[mM][aA][iI][lL][tT][oO]:|@| at /g;
// Placeholders use private-use characters; the same characters in the text are replaced first, so a message cannot forge one.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER_CHARS = /[\uE000\uE001]/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
// A URL longer than this is shown as text: no real link is, and it keeps the work per token bounded.
const MAX_URL = 4096;
const LINK_ATTRS = 'rel="nofollow noopener"';

function isUrlChar(c: number): boolean {
  // Anything printable but space, quotes and angle brackets; controls, NBSP and the placeholders end a URL.
  return c > 0x20 && c !== 0x22 && c !== 0x3c && c !== 0x3e && c !== 0x7f && c !== 0xa0 && c !== 0xe000 && c !== 0xe001 && !(c >= 0x2000 && c <= 0x200b) && c !== 0x3000;
}

/** End of the characters a URL may hold from `start`: where a too long "URL" is skipped to. */
function urlRunEnd(text: string, start: number): number {
  let e = start;
  while (e < text.length && isUrlChar(text.charCodeAt(e))) e++;
  return e;
}

/** End of a URL starting at `start`, without trailing punctuation and unbalanced closing brackets; -1 when longer than MAX_URL. */
function urlEnd(text: string, start: number): number {
  let e = start;
  const limit = Math.min(text.length, start + MAX_URL + 1);
  let open = 0;
  let close = 0;
  let openSq = 0;
  let closeSq = 0;
  while (e < limit && isUrlChar(text.charCodeAt(e))) {
    const c = text[e];
    if (c === "(") open++;
    else if (c === ")") close++;
    else if (c === "[") openSq++;
    else if (c === "]") closeSq++;
    e++;
  }
  if (e - start > MAX_URL) return -1;
  for (;;) {
    const c = text[e - 1];
    if (c === "." || c === "," || c === ";" || c === ":" || c === "!" || c === "?" || c === "'" || c === "*" || c === "`") e--;
    else if (c === ")" && close > open) (e--, close--);
    else if (c === "]" && closeSq > openSq) (e--, closeSq--);
    else break;
  }
  return e;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2f || c === 0x40 || c === 0x2d || c === 0x5f;
}

/** Links and addresses of `text`, left to right, not overlapping; a URL and its `<copy>` beside it are one token. */
export function findLinks(text: string, privacy: Privacy): LinkToken[] {
  const tokens: LinkToken[] = [];
  let floor = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const at = m.index;
    const found = m[0];
    if (at < floor) continue;
    const head = found.toLowerCase();
    let token: LinkToken | null = null;
    let tooLong = false;
    if (head === "@") {
      const address = addressAroundAt(text, at, floor);
      if (address) token = { kind: "address", start: address.start, end: address.end, address };
    } else if (head === " at ") {
      const address = obfuscatedAddressAt(text, at, floor);
      if (address) token = { kind: "address", start: address.start, end: address.end, address };
    } else if (head === "mailto:") {
      token = mailtoAt(text, at);
    } else if (head === "www.") {
      const end = at === 0 || !isWordChar(text.charCodeAt(at - 1)) ? urlEnd(text, at) : -2;
      tooLong = end === -1;
      if (end > at + 4 && /[\p{L}\p{N}]/u.test(text[at + 4] ?? "")) token = { kind: "url", start: at, end, href: `http://${text.slice(at, end)}`, text: text.slice(at, end) };
    } else {
      const end = urlEnd(text, at);
      tooLong = end === -1;
      const url = end > 0 ? text.slice(at, end) : "";
      const host = url.slice(found.length).split(/[/?#]/, 1)[0] ?? "";
      // Credentials in a URL are an address in disguise: under obfuscate and hide they are shown as text, found as an address.
      if (host !== "" && !(privacy !== "show" && host.includes("@"))) token = { kind: "url", start: at, end, href: url, text: url };
    }
    if (token === null) {
      // A run of URL characters too long to be one is passed over whole, so its inner "http://"s are not scanned again.
      if (tooLong) CANDIDATE.lastIndex = urlRunEnd(text, at);
      continue;
    }
    tokens.push(token);
    floor = token.end;
    CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, token.end);
  }
  return mergeCopies(text, tokens);
}

/** `mailto:` and the address after it (pipermail writes `mailto:user at host`). */
function mailtoAt(text: string, at: number): LinkToken | null {
  const from = at + 7;
  let k = from;
  const limit = Math.min(text.length, from + 256);
  while (k < limit && text[k] !== "@" && text[k] !== " " && text[k] !== ">" && text[k] !== "<" && text[k] !== "\n") k++;
  let address: FoundAddress | null = null;
  if (text[k] === "@") address = addressAroundAt(text, k, from);
  else if (text.startsWith(" at ", k)) address = obfuscatedAddressAt(text, k, from, true);
  if (address === null || address.start !== from) return null;
  return { kind: "address", start: at, end: address.end, address };
}

function identity(token: LinkToken): string {
  return token.kind === "url" ? token.href : `${token.address.local}@${token.address.domain}`.toLowerCase();
}

/**
 * Outlook's noise: `x@y <mailto:x@y>`, `<mailto:x <mailto:x>>` and `https://u <https://u>` become one token spanning the copy
 * and its closing `>`. A stack folds nested copies from the inside out in one pass.
 */
function mergeCopies(text: string, tokens: LinkToken[]): LinkToken[] {
  const out: LinkToken[] = [];
  for (const token of tokens) {
    out.push(token);
    while (out.length >= 2) {
      const a = out[out.length - 2]!;
      const b = out[out.length - 1]!;
      const gap = text.slice(a.end, b.start);
      if (!(gap.length <= 4 && /^[ \t]*<$/.test(gap) && text[b.end] === ">" && a.kind === b.kind && identity(a) === identity(b))) break;
      out.splice(out.length - 2, 2, { ...a, end: b.end + 1 });
    }
  }
  return out;
}

/** HTML of one token: a link with escaped href and text, or the published address as escaped text. */
function renderToken(token: LinkToken, privacy: Privacy): string {
  if (token.kind === "url") return `<a href="${escapeHtml(token.href)}" ${LINK_ATTRS}>${escapeHtml(token.text)}</a>`;
  const { text, mailto } = publishBodyAddress(token.address, privacy);
  return mailto === null ? escapeHtml(text) : `<a href="mailto:${escapeHtml(mailto)}" ${LINK_ATTRS}>${escapeHtml(text)}</a>`;
}

/** Escaped HTML of plain text with its URLs linked and its addresses published under `privacy`. */
export function renderLinkedText(text: string, privacy: Privacy): string {
  const tokens = findLinks(text, privacy);
  if (tokens.length === 0) return escapeHtml(text.replace(PLACEHOLDER_CHARS, "\uFFFD"));
  let marked = "";
  let at = 0;
  for (const [i, token] of tokens.entries()) {
    marked += text.slice(at, token.start).replace(PLACEHOLDER_CHARS, "\uFFFD") + OPEN + i + CLOSE;
    at = token.end;
  }
  marked += text.slice(at).replace(PLACEHOLDER_CHARS, "\uFFFD");
  return escapeHtml(marked).replace(PLACEHOLDER, (_, i: string) => renderToken(tokens[Number(i)]!, privacy));
}

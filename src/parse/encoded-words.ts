// RFC 2047 encoded words and raw header bytes: from what a header holds to the text it means.
import { decodeBytes, normalizeCharset } from "./charset.ts";

/**
 * One encoded word: `=?charset?Q|B?text?=`. The charset allows an RFC 2231 `*lang` suffix.
 * The pieces are bounded, so matching stays linear on long or hostile input.
 */
const ENCODED_WORD = /=\?([^?\s]{1,75})\?([QqBb])\?([^?\s]{0,4096})\?=/g;

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Characters removed from header text: C0 controls except tab, DEL, and the explicit bidi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which, left open in a
 * name or subject, reverse the page text after it ("Invoice <U+202E>fdp.exe" reads "Invoice
 * exe.pdf"). CR and LF become spaces.
 */
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g;
/** The bidi embeddings, overrides and isolates alone, for body text (see CONTROLS). */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\r\n]/g;

interface Word {
  start: number;
  end: number;
  /** Grouping key: words with the same key are decoded as one byte run. */
  key: string;
  label: string;
  bytes: Buffer;
}

/**
 * Decodes every RFC 2047 encoded word in `text`: Q and B, any case, `_` as space in Q,
 * `charset*lang` labels. Whitespace between adjacent encoded words is dropped, and adjacent
 * words in the same charset are decoded as one byte run, so a character split across two
 * words survives. A charset nobody knows decodes its bytes as UTF-8 when valid, else with
 * `fallback`. Words found inside other text (pipermail's `user at host (=?...?=)`, quoted
 * names) are decoded too. Malformed words are left as written.
 */
export function decodeEncodedWords(text: string, fallback: string): string {
  if (!text.includes("=?")) return text;
  const words: Word[] = [];
  ENCODED_WORD.lastIndex = 0;
  for (let m = ENCODED_WORD.exec(text); m !== null; m = ENCODED_WORD.exec(text)) {
    const label = (m[1] as string).replace(/\*.*$/, "");
    const encoding = (m[2] as string).toUpperCase();
    const bytes = encoding === "Q" ? decodeQ(m[3] as string) : decodeB(m[3] as string);
    if (bytes === null) continue;
    const key = normalizeCharset(label) ?? `?${label.toLowerCase()}`;
    words.push({ start: m.index, end: m.index + m[0].length, key, label, bytes });
  }
  if (words.length === 0) return text;

  let out = "";
  let pos = 0;
  let i = 0;
  while (i < words.length) {
    const first = words[i] as Word;
    out += text.slice(pos, first.start);
    // Gather the run of words separated only by whitespace and sharing a charset.
    const parts: Buffer[] = [first.bytes];
    let last = first;
    let j = i + 1;
    while (j < words.length) {
      const next = words[j] as Word;
      if (next.key !== first.key || !isBlank(text, last.end, next.start)) break;
      parts.push(next.bytes);
      last = next;
      j++;
    }
    out += decodeRun(Buffer.concat(parts), first.label, fallback);
    pos = last.end;
    // Whitespace between this run and a following encoded word in another charset is dropped too.
    const following = words[j];
    if (following !== undefined && isBlank(text, pos, following.start)) pos = following.start;
    i = j;
  }
  return out + text.slice(pos);
}

/**
 * A raw header value (bytes as stored, possibly raw 8-bit) as text: UTF-8 when the bytes are
 * valid UTF-8, else the fallback charset; folded lines joined with one space; encoded words
 * decoded; NUL and other control characters except tab removed; surrounding space trimmed.
 */
export function decodeHeaderBytes(raw: Buffer, fallback: string): string {
  return decodeHeaderWords(headerText(raw, fallback), fallback);
}

/** The first step of decodeHeaderBytes: the bytes as text, unfolded and cleaned, encoded words left as written. */
export function headerText(raw: Buffer, fallback: string): string {
  const { text } = decodeBytes(raw, null, fallback);
  return clean(text.replace(/\r?\n[ \t]+/g, " "));
}

/** The second step: encoded words decoded, what they held cleaned too, surrounding space trimmed. */
export function decodeHeaderWords(text: string, fallback: string): string {
  return clean(decodeEncodedWords(text, fallback)).trim();
}

function clean(s: string): string {
  return s.replace(LINE_BREAKS, " ").replace(CONTROLS, "");
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

function decodeRun(bytes: Buffer, label: string, fallback: string): string {
  return decodeBytes(bytes, label, fallback).text;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Q encoding: `_` is a space, `=XX` a byte; a stray `=` is kept as written. */
function decodeQ(s: string): Buffer {
  const out: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x5f) {
      out.push(0x20);
    } else if (c === 0x3d && k + 2 < s.length && hexValue(s.charCodeAt(k + 1)) >= 0 && hexValue(s.charCodeAt(k + 2)) >= 0) {
      out.push(hexValue(s.charCodeAt(k + 1)) * 16 + hexValue(s.charCodeAt(k + 2)));
      k += 2;
    } else if (c < 0x80) {
      out.push(c);
    } else {
      // Raw non-ASCII inside a word is malformed; keep the character by its UTF-8 bytes.
      const cp = s.codePointAt(k) as number;
      for (const b of Buffer.from(String.fromCodePoint(cp), "utf8")) out.push(b);
      if (cp > 0xffff) k++;
    }
  }
  return Buffer.from(out);
}

/** B encoding; null when the text is not base64 (the word is then left as written). */
function decodeB(s: string): Buffer | null {
  if (!BASE64_TEXT.test(s) || s.length % 4 === 1) return null;
  return Buffer.from(s, "base64");
}

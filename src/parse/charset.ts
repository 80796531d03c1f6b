// Charset labels and byte decoding: which charset a byte run is read with, and why.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { decodeIso2022Jp } from "./iso-2022-jp.ts";

export type CharsetSource = "declared" | "utf-8-valid" | "fallback" | "ascii";

export interface DecodedBytes {
  text: string;
  /** Lower-case charset the text was decoded with ("us-ascii" for pure ASCII). */
  charset: string;
  source: CharsetSource;
}

/** The charset used when a caller's fallback label is itself unusable. */
const DEFAULT_FALLBACK = "windows-1252";

/** Longest label looked at: real labels are short, anything longer is junk. */
const MAX_LABEL_LENGTH = 64;

/** Labels that name no charset at all: the sender did not know. */
const UNKNOWN_LABELS = new Set(["unknown", "x-unknown", "unknown-8bit", "x-user-defined", "default", "8bit", "7bit"]);

/** Labels iconv-lite accepts that are not charsets (Node's buffer encodings): never decode text with them. */
const NOT_CHARSETS = new Set(["base64", "hex", "binary"]);

const ASCII_LABELS = new Set(["us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso-ir-6", "iso646-us", "iso_646.irv:1991", "646", "cp367", "ibm367"]);

/** Common spellings mapped to one canonical name, so reports and comparisons agree. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ["utf8", "utf-8"],
  ["unicode-1-1-utf-8", "utf-8"],
  ["x-utf-8", "utf-8"],
  ["latin1", "iso-8859-1"],
  ["latin-1", "iso-8859-1"],
  ["l1", "iso-8859-1"],
  ["iso8859-1", "iso-8859-1"],
  ["iso_8859-1", "iso-8859-1"],
  ["iso-8859-1:1987", "iso-8859-1"],
  ["iso88591", "iso-8859-1"],
  ["cp819", "iso-8859-1"],
  ["latin9", "iso-8859-15"],
  ["iso-8859-8-i", "iso-8859-8"],
  ["x-gbk", "gbk"],
  ["gb2312", "gbk"],
  ["ks_c_5601-1987", "euc-kr"],
  ["csiso2022jp", "iso-2022-jp"],
  ["x-sjis", "shift_jis"],
  ["sjis", "shift_jis"],
]);

/** Charsets whose ASCII-only byte runs still need the charset (7-bit stateful or wide encodings). */
const ASCII_INCOMPATIBLE = /^(?:utf-16|utf-32|ucs-2|ucs-4|utf-7|unicode-1-1-utf-7|iso-2022-)/;

/**
 * A charset label as written in a header or parameter, normalised: lower case, quotes and
 * spaces trimmed, aliases mapped (`utf8` → `utf-8`, `latin1` → `iso-8859-1`, `cp1252` →
 * `windows-1252`, ASCII spellings → `us-ascii`). null for "unknown" labels and for labels
 * nothing here can decode.
 */
export function normalizeCharset(label: string): string | null {
  let s = label.trim();
  if (s.length === 0 || s.length > MAX_LABEL_LENGTH) return null;
  s = s.replace(/^["']+|["']+$/g, "").trim().toLowerCase();
  // RFC 2231 language suffix (`utf-8*en`) and stray parameter junk (`utf-8;`).
  s = s.replace(/[*;].*$/, "").trim();
  if (s.length === 0) return null;
  if (UNKNOWN_LABELS.has(s) || NOT_CHARSETS.has(s)) return null;
  if (ASCII_LABELS.has(s)) return "us-ascii";
  const alias = ALIASES.get(s);
  if (alias !== undefined) s = alias;
  const iso = /^iso[-_]?8859[-_]?(\d{1,2})$/.exec(s);
  if (iso) s = `iso-8859-${iso[1]}`;
  const win = /^(?:cp|x-cp|windows|win)-?(125\d)$/.exec(s);
  if (win) s = `windows-${win[1]}`;
  if (s === "iso-2022-jp") return s;
  return iconv.encodingExists(s) ? s : null;
}

/** Whether the bytes are well-formed UTF-8 (pure ASCII counts). */
export function isValidUtf8(bytes: Buffer): boolean {
  return isUtf8(bytes);
}

function isAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

/** Whether any byte is a C1 position (0x80-0x9f): windows-1252 text mislabelled as iso-8859-1. */
function hasC1Bytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80 && b <= 0x9f) return true;
  }
  return false;
}

/**
 * Decodes bytes and says how the charset was chosen:
 * - "ascii": only 7-bit bytes (unless the declared charset is 7-bit stateful or wide, like
 *   ISO-2022-JP or UTF-16, which must decode them);
 * - "declared": the declared charset is usable and believable. Declared iso-8859-1 text that
 *   uses 0x80-0x9f is read as windows-1252 (what every mail client and browser does);
 * - "utf-8-valid": nothing usable was declared (absent, unknown, or us-ascii over 8-bit
 *   bytes) and the bytes are valid UTF-8;
 * - "fallback": otherwise, including declared UTF-8 that is not valid UTF-8.
 * Never throws.
 */
export function decodeBytes(bytes: Buffer, declared: string | null, fallback: string): DecodedBytes {
  const charset = declared === null ? null : normalizeCharset(declared);
  if (charset !== null && ASCII_INCOMPATIBLE.test(charset)) {
    const text = decodeWith(bytes, charset);
    if (text !== null) return { text, charset, source: "declared" };
  }
  if (isAscii(bytes)) return { text: bytes.toString("latin1"), charset: "us-ascii", source: "ascii" };
  if (charset !== null && charset !== "us-ascii") {
    if (charset === "utf-8") {
      if (isUtf8(bytes)) return { text: bytes.toString("utf8"), charset, source: "declared" };
    } else {
      const used = charset === "iso-8859-1" && hasC1Bytes(bytes) ? "windows-1252" : charset;
      const text = decodeWith(bytes, used);
      if (text !== null) return { text, charset: used, source: "declared" };
    }
  }
  if (charset !== "utf-8" && isUtf8(bytes)) return { text: bytes.toString("utf8"), charset: "utf-8", source: "utf-8-valid" };
  const fb = normalizeCharset(fallback) ?? DEFAULT_FALLBACK;
  const usable = fb === "us-ascii" || fb === "utf-8" ? DEFAULT_FALLBACK : fb;
  const text = decodeWith(bytes, usable) ?? bytes.toString("latin1");
  return { text, charset: usable, source: "fallback" };
}

function decodeWith(bytes: Buffer, charset: string): string | null {
  try {
    if (charset === "iso-2022-jp") return decodeIso2022Jp(bytes);
    if (charset === "utf-8") return bytes.toString("utf8");
    return iconv.decode(bytes, charset);
  } catch {
    return null;
  }
}

// HTML tokenizer: untrusted markup split into tags, text and comments, tolerantly and in linear time.
// It returns syntax only (the caller owns meaning) and follows the HTML tokenizer where it matters:
// raw-text elements, `<!-->`, bogus comments, unquoted and duplicate attributes, EOF inside a tag.
// One deliberate difference: a CDATA section is skipped to its "]]>" in HTML too (it ends at ">" there).

export interface StartTagToken {
  kind: "start";
  /** ASCII-lowercased; may hold odd characters (`scr<script` is one name, as in browsers). */
  name: string;
  /** Lowercased names, entity-decoded values; the first of duplicate attributes wins. */
  attrs: Map<string, string>;
  selfClosing: boolean;
}

export type HtmlToken =
  | StartTagToken
  | { kind: "end"; name: string }
  | { kind: "text"; text: string }
  /** Comments, doctypes, CDATA, processing instructions and other bogus markup. */
  | { kind: "comment"; text: string };

/** Elements whose content is text up to their end tag (script data is treated as raw text). */
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]);
/** Elements whose content is text with entities, up to their end tag. */
const ESCAPABLE_RAW_TEXT = new Set(["textarea", "title"]);
const FOREIGN = new Set(["svg", "math"]);

/** Tokens of `html`, lazily. CR LF becomes LF; NUL bytes are removed. */
export function* tokenizeHtml(html: string): Generator<HtmlToken> {
  const s = html.replace(/\r\n?/g, "\n").replace(/\0/g, "");
  const n = s.length;
  let i = 0;
  let foreign = 0; // open svg/math: raw-text rules do not apply inside them
  while (i < n) {
    const lt = s.indexOf("<", i);
    if (lt === -1) {
      yield { kind: "text", text: decodeHtmlEntities(s.slice(i)) };
      return;
    }
    if (lt > i) yield { kind: "text", text: decodeHtmlEntities(s.slice(i, lt)) };
    const c = s.charCodeAt(lt + 1);
    if (isAlpha(c)) {
      const tag = readTag(s, lt + 1);
      if (tag === null) return; // EOF inside a tag: the tag is dropped, as browsers do
      i = tag.end;
      yield { kind: "start", name: tag.name, attrs: tag.attrs, selfClosing: tag.selfClosing };
      if (FOREIGN.has(tag.name)) {
        if (!tag.selfClosing) foreign++;
      } else if (foreign === 0 && tag.name === "plaintext") {
        if (i < n) yield { kind: "text", text: s.slice(i) };
        return;
      } else if (foreign === 0 && (RAW_TEXT.has(tag.name) || ESCAPABLE_RAW_TEXT.has(tag.name))) {
        const close = findEndTag(s, i, tag.name);
        if (close > i) {
          const raw = s.slice(i, close);
          yield { kind: "text", text: RAW_TEXT.has(tag.name) ? raw : decodeHtmlEntities(raw) };
        }
        i = close;
      }
    } else if (c === 47 /* / */) {
      const c2 = s.charCodeAt(lt + 2);
      if (isAlpha(c2)) {
        const tag = readTag(s, lt + 2);
        if (tag === null) return;
        i = tag.end;
        if (FOREIGN.has(tag.name) && foreign > 0) foreign--;
        yield { kind: "end", name: tag.name };
      } else if (c2 === 62 /* > */) {
        i = lt + 3; // "</>" is ignored
      } else if (Number.isNaN(c2)) {
        yield { kind: "text", text: "</" };
        return;
      } else {
        i = yield* bogusComment(s, lt + 2);
      }
    } else if (c === 33 /* ! */) {
      if (s.startsWith("<!--", lt)) {
        const { text, end } = readComment(s, lt + 4);
        yield { kind: "comment", text };
        i = end;
      } else if (s.startsWith("<![CDATA[", lt)) {
        // dropped to its "]]>" everywhere (browsers end it at the first ">" outside SVG/MathML)
        const close = s.indexOf("]]>", lt + 9);
        yield { kind: "comment", text: s.slice(lt + 9, close === -1 ? n : close) };
        i = close === -1 ? n : close + 3;
      } else {
        i = yield* bogusComment(s, lt + 2); // doctype, <![if !mso]>, <![endif]>
      }
    } else if (c === 63 /* ? */) {
      i = yield* bogusComment(s, lt + 1);
    } else {
      yield { kind: "text", text: "<" };
      i = lt + 1;
    }
  }
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  return c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

interface Tag {
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
  end: number;
}

/** Reads a tag from its name at `start` to its `>`; null when the input ends first. */
function readTag(s: string, start: number): Tag | null {
  const n = s.length;
  let j = start;
  while (j < n && !isNameEnd(s.charCodeAt(j))) j++;
  const name = asciiLower(s.slice(start, j));
  const attrs = new Map<string, string>();
  let selfClosing = false;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 62) return { name, attrs, selfClosing, end: j + 1 };
    if (c === 47) {
      j++;
      selfClosing = s.charCodeAt(j) === 62;
      continue;
    }
    if (isSpace(c)) {
      j++;
      continue;
    }
    let k = j + 1; // an attribute name may start with "="
    while (k < n && !isNameEnd(s.charCodeAt(k)) && s.charCodeAt(k) !== 61) k++;
    const attrName = asciiLower(s.slice(j, k));
    j = k;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    let value = "";
    if (s.charCodeAt(j) === 61 /* = */) {
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q === 34 || q === 39) {
        const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
        if (close === -1) return null;
        value = s.slice(j + 1, close);
        j = close + 1;
      } else {
        const from = j;
        while (j < n && !isSpace(s.charCodeAt(j)) && s.charCodeAt(j) !== 62) j++;
        value = s.slice(from, j);
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeHtmlEntities(value, true));
  }
  return null;
}

function isNameEnd(c: number): boolean {
  return isSpace(c) || c === 47 || c === 62;
}

/** Index of the `</name` that ends a raw-text element, or the end of input. */
function findEndTag(s: string, from: number, name: string): number {
  let k = s.indexOf("</", from);
  while (k !== -1) {
    const after = k + 2 + name.length;
    if (asciiLower(s.slice(k + 2, after)) === name && (after >= s.length || isNameEnd(s.charCodeAt(after)))) return k;
    k = s.indexOf("</", k + 2);
  }
  return s.length;
}

/** A comment body from `from` (just after `<!--`): ends at `-->` or `--!>`; `<!-->` and `<!--->` are empty comments. */
function readComment(s: string, from: number): { text: string; end: number } {
  if (s.startsWith(">", from)) return { text: "", end: from + 1 };
  if (s.startsWith("->", from)) return { text: "", end: from + 2 };
  let k = s.indexOf("--", from);
  while (k !== -1) {
    if (s.charCodeAt(k + 2) === 62) return { text: s.slice(from, k), end: k + 3 };
    if (s.charCodeAt(k + 2) === 33 && s.charCodeAt(k + 3) === 62) return { text: s.slice(from, k), end: k + 4 };
    k = s.indexOf("--", k + 1);
  }
  return { text: s.slice(from), end: s.length };
}

function* bogusComment(s: string, from: number): Generator<HtmlToken, number> {
  const close = s.indexOf(">", from);
  const end = close === -1 ? s.length : close;
  yield { kind: "comment", text: s.slice(from, end) };
  return close === -1 ? s.length : close + 1;
}

// Character references. Latin-1 names are listed in code-point order from U+00A0; they and the
// basic five are the "legacy" names that browsers also decode without the closing semicolon.
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot " +
  "cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml " +
  "Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig " +
  "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute " +
  "ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
const BASIC = "quot:34 amp:38 lt:60 gt:62 QUOT:34 AMP:38 LT:60 GT:62 COPY:169 REG:174";
const GREEK_RUNS: [number, string][] = [
  [913, "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho"],
  [931, "Sigma Tau Upsilon Phi Chi Psi Omega"],
  [945, "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega"],
];
const OTHER =
  "Tab:9 NewLine:10 excl:33 num:35 dollar:36 percnt:37 apos:39 lpar:40 rpar:41 ast:42 plus:43 comma:44 period:46 sol:47 colon:58 " +
  "semi:59 equals:61 quest:63 commat:64 lsqb:91 bsol:92 rsqb:93 Hat:94 lowbar:95 grave:96 lcub:123 verbar:124 rcub:125 " +
  "OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 circ:710 tilde:732 thetasym:977 upsih:978 piv:982 ensp:8194 " +
  "emsp:8195 thinsp:8201 ZeroWidthSpace:8203 zwnj:8204 zwj:8205 lrm:8206 rlm:8207 hyphen:8208 ndash:8211 mdash:8212 lsquo:8216 " +
  "rsquo:8217 sbquo:8218 ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 hellip:8230 permil:8240 prime:8242 " +
  "Prime:8243 lsaquo:8249 rsaquo:8250 oline:8254 frasl:8260 euro:8364 image:8465 weierp:8472 real:8476 trade:8482 alefsym:8501 " +
  "larr:8592 uarr:8593 rarr:8594 darr:8595 harr:8596 crarr:8629 lArr:8656 uArr:8657 rArr:8658 dArr:8659 hArr:8660 forall:8704 " +
  "part:8706 exist:8707 empty:8709 nabla:8711 isin:8712 notin:8713 ni:8715 prod:8719 sum:8721 minus:8722 lowast:8727 radic:8730 " +
  "prop:8733 infin:8734 ang:8736 and:8743 or:8744 cap:8745 cup:8746 int:8747 there4:8756 sim:8764 cong:8773 asymp:8776 ne:8800 " +
  "equiv:8801 le:8804 ge:8805 sub:8834 sup:8835 nsub:8836 sube:8838 supe:8839 oplus:8853 otimes:8855 perp:8869 sdot:8901 " +
  "lceil:8968 rceil:8969 lfloor:8970 rfloor:8971 lang:10216 rang:10217 loz:9674 spades:9824 clubs:9827 hearts:9829 diams:9830 check:10003";

const NAMED = new Map<string, string>();
const LEGACY = new Map<string, string>();
LATIN1.split(" ").forEach((name, k) => LEGACY.set(name, String.fromCodePoint(0xa0 + k)));
for (const pair of BASIC.split(" ")) {
  const [name, code] = pair.split(":");
  LEGACY.set(name!, String.fromCodePoint(Number(code)));
}
for (const [start, names] of GREEK_RUNS) names.split(" ").forEach((name, k) => NAMED.set(name, String.fromCodePoint(start + k)));
for (const pair of OTHER.split(" ")) {
  const [name, code] = pair.split(":");
  NAMED.set(name!, String.fromCodePoint(Number(code)));
}
for (const [name, value] of LEGACY) NAMED.set(name, value);

/** What browsers make of numeric references to C1 controls: the windows-1252 characters (0 = no mapping). */
const WINDOWS_1252 = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
];

/**
 * Decodes character references as browsers do: numeric ones with or without `;` (invalid ones become
 * U+FFFD), named ones with `;`, legacy names also without it (in attribute values only when not
 * followed by a letter, digit or `=`, so `?a=1&copy=2` stays a query string). Unknown names stay literal.
 */
export function decodeHtmlEntities(text: string, inAttribute = false): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#([xX][0-9a-fA-F]+|[0-9]+)(;?)|([A-Za-z][A-Za-z0-9]*)(;?))/g, (m, num?: string, _s?: string, name?: string, semi?: string, offset?: number) => {
    if (num !== undefined) return numericReference(num[0] === "x" || num[0] === "X" ? parseInt(num.slice(1), 16) : parseInt(num, 10));
    if (name === undefined) return m;
    if (semi === ";") {
      const value = NAMED.get(name);
      if (value !== undefined) return value;
    }
    for (let k = Math.min(name.length, 6); k >= 2; k--) {
      const value = LEGACY.get(name.slice(0, k));
      if (value === undefined) continue;
      if (inAttribute && (k < name.length || (semi === "" && text[(offset ?? 0) + m.length] === "="))) return m;
      return value + m.slice(k + 1);
    }
    return m;
  });
}

function numericReference(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || Number.isNaN(code)) return "\ufffd";
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(WINDOWS_1252[code - 0x80] || code);
  return String.fromCodePoint(code);
}

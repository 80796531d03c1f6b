// Message-IDs in header values: the ids in References / In-Reply-To free text, and the Message-ID itself.

/** Longest header value scanned (linear work); References of huge threads stay below this. */
const MAX_VALUE_LENGTH = 262_144;

/** Longest id kept (RFC 5322's line limit); longer bracketed runs are text, not ids. */
const MAX_ID_LENGTH = 998;

interface Bracketed {
  start: number;
  end: number;
  /** The id between the brackets, whitespace (folding) removed. */
  inner: string;
}

/**
 * Every Message-ID in a References, In-Reply-To or Message-ID value, in order, without
 * duplicates, each as `<id>` with any whitespace inside removed. Case is kept.
 *
 * Free text around ids is common in In-Reply-To (`<id> (Name's message of "date")`,
 * `Your message of "date" <id>`, MH's `Message from Name <addr> of "date" <id>`). Rules:
 * - an id is `<...>` closed by `>`; a `<` met before the `>` restarts the id, so a truncated
 *   `<abc@ho <def@host>` yields only `<def@host>`; an unclosed `<...` at the end is dropped;
 * - junk is dropped: `<>`, URLs (`<http://...>`, `<mailto:...>`), and ids without `@` unless
 *   they look like generated ids (8+ characters with a digit): git send-email's `<yes>` goes;
 * - a bracketed address of a person is not an id. When the value has free text, a token is an
 *   address if (a) the text before it (since the previous token) contains the word `from`
 *   followed by a name and no time of day (`Message from "Bob" <bob@x> of ...`), or (b) it is
 *   followed by a possessive `'s` (`<bob@x>'s message`), or (c) it equals, ignoring case, a
 *   bare address written elsewhere in the text (`bob@x's message of "..." <bob@x>`);
 * - without any brackets, a value that is one token containing `@` (`1234@host`) is an id.
 */
export function extractMessageIds(value: string): string[] {
  const text = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
  const tokens = findBracketed(text);
  if (tokens.length === 0) {
    const bare = bareId(text);
    return bare !== null && isPlausibleId(bare) ? [`<${bare}>`] : [];
  }
  const hasFreeText = freeText(text, tokens).trim().length > 0;
  const bareAddresses = hasFreeText ? findBareAddresses(text, tokens) : new Set<string>();
  const seen = new Set<string>();
  const ids: string[] = [];
  let prevEnd = 0;
  for (const t of tokens) {
    const before = text.slice(prevEnd, t.start);
    prevEnd = t.end;
    if (!isPlausibleId(t.inner)) continue;
    if (hasFreeText && isPersonAddress(t, before, text, bareAddresses)) continue;
    const id = `<${t.inner}>`;
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

/**
 * The Message-ID header value: the first non-empty `<id>` as written (case kept, folding
 * whitespace inside removed), or brackets added when the value is a single token without
 * them (`1234@host`, also a token missing one bracket). null when empty or not an id.
 * Idempotent.
 */
export function normalizeMessageId(value: string): string | null {
  const text = (value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value).trim();
  if (text.length === 0) return null;
  for (const t of findBracketed(text)) {
    if (t.inner.length > 0) return `<${t.inner}>`;
  }
  const bare = bareId(text.replace(/^<+|>+$/g, ""));
  return bare === null ? null : `<${bare}>`;
}

function findBracketed(text: string): Bracketed[] {
  const out: Bracketed[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c /* < */) {
      open = i;
    } else if (c === 0x3e /* > */ && open >= 0) {
      if (i - open - 1 <= MAX_ID_LENGTH) {
        out.push({ start: open, end: i + 1, inner: text.slice(open + 1, i).replace(/\s+/g, "") });
      }
      open = -1;
    }
  }
  return out;
}

/** A whole value that is one token: the id without brackets, or null. */
function bareId(text: string): string | null {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_ID_LENGTH || /[\s<>()"]/.test(t) || !t.includes("@")) return null;
  return t;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

function isPlausibleId(inner: string): boolean {
  if (inner.length === 0 || URL_LIKE.test(inner)) return false;
  if (inner.includes("@")) return inner.length >= 3;
  return inner.length >= 8 && /\d/.test(inner);
}

function freeText(text: string, tokens: Bracketed[]): string {
  let out = "";
  let pos = 0;
  for (const t of tokens) {
    out += text.slice(pos, t.start) + " ";
    pos = t.end;
  }
  return out + text.slice(pos);
}

/** Addresses written outside brackets (`bob@x's message of ...`), lower case. */
function findBareAddresses(text: string, tokens: Bracketed[]): Set<string> {
  const found = new Set<string>();
  for (const m of freeText(text, tokens).matchAll(/[^\s<>()"',;]+@[^\s<>()"',;]+/g)) {
    found.add(m[0].replace(/[.:]+$/, "").toLowerCase());
  }
  return found;
}

const FROM_NAME = /\bfrom\s+([^<>]*)$/i;
const TIME_OF_DAY = /\d{1,2}:\d{2}/;

function isPersonAddress(t: Bracketed, before: string, text: string, bareAddresses: Set<string>): boolean {
  if (!t.inner.includes("@")) return false;
  const from = FROM_NAME.exec(before);
  if (from !== null && !TIME_OF_DAY.test(from[1] as string)) return true;
  if (/^'s\b/i.test(text.slice(t.end, t.end + 3))) return true;
  return bareAddresses.has(t.inner.toLowerCase());
}

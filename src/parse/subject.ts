// Subjects: the text as written, its list tags, and the base subject used for threading and display.

export interface ParsedSubject {
  /** The decoded subject, whitespace collapsed and trimmed. */
  subject: string;
  /** Without list tags, reply/forward prefixes and a trailing "(fwd)". */
  baseSubject: string;
  /** List tags without brackets, in order, no duplicates (ignoring case). */
  listTags: string[];
  /** A reply or forward prefix (`Re:`, `AW:`, `Fwd:` ...) stood before the real text. */
  isReply: boolean;
}

/** Longest subject kept: anything longer is junk (seen: 200 KB), and the work stays bounded. */
const MAX_SUBJECT_LENGTH = 4096;
/** How many prefixes (tags, Re:, other brackets) are looked at before the real text. */
const MAX_PREFIXES = 64;
/** Longest bracketed prefix looked at. */
const MAX_BRACKET_LENGTH = 100;

/**
 * Reply and forward prefixes in many languages, each with an optional counter (`Re[2]:`,
 * `Re^2:`, `Re(2):`) and optional spaces before the colon: Re, Fwd, Fw, AW/Antw/Antwort/WG
 * (German), SV/VS (Nordic), Odp/PD (Polish), Ynt (Turkish), RIF/R (Italian), TR (French),
 * RES/ENC (Portuguese), RV (Spanish).
 */
const REPLY_PREFIX =
  /(?:re|fwd|fw|aw|antw|antwort|wg|sv|vs|odp|pd|ynt|rif|r|tr|res|enc|rv)(?:\s?\[\d{1,4}\]|\s?\(\d{1,4}\)|\^\d{1,4})?[ \t]*[:：][ \t]*/iy;

/**
 * Bracketed words that name a kind of message, not a list. All-upper-case words (PATCH, RFC,
 * ANN, VOTE, DRAFT, BUG, JIRA keys like DOXIA-534) are excluded by the shape rule already;
 * this list catches them written in other cases.
 */
const NOT_TAGS = new Set([
  "patch", "patches", "rfc", "ann", "announce", "announcement", "vote", "result", "results",
  "draft", "bug", "fyi", "wip", "ot", "offtopic", "off-topic", "resend", "solved", "fixed",
  "spam", "question", "help", "info", "update", "urgent", "important", "reminder", "discuss",
  "proposal", "poll", "repost", "release", "security", "fwd", "fw", "test", "summary", "closed",
]);

const TAG_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A git commit id (`[87ea161] Fix ...`): hex with a digit, not a list name. */
const COMMIT_HASH = /^(?=.*\d)[0-9a-f]{7,40}$/;
/** Mailman's numbered prefixes: `[list 123]`, `[list:123]`. */
const NUMBERED_TAG = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})[ :]\d{1,9}$/;

/**
 * A list tag is a bracketed token before the real text (after any reply prefixes, other list
 * tags and other bracketed prefixes) that either is in `knownTags` (any case) or has the
 * list-name shape: letters, digits, `.`, `_`, `-` only (no spaces, no `/`), at least one
 * lower-case letter (so PATCH, RFC, ANN, DRAFT, DOXIA-534 are not tags), not a word from
 * NOT_TAGS (`[patch]`, `[Solved]`) and not a commit hash (`[87ea161]`). Mailman's numbered form `[list 123]` / `[list:123]` counts
 * and yields the list name. Other brackets (`[PATCH 2/3]`, `[LSF/MM/BPF TOPIC]`) stay in the
 * base subject; reply prefixes anywhere in that leading run are removed.
 */
export function parseSubject(decoded: string, knownTags: readonly string[] = []): ParsedSubject {
  const subject = decoded.slice(0, MAX_SUBJECT_LENGTH).replace(/\s+/g, " ").trim();
  if (subject.length === 0) return { subject: "", baseSubject: "", listTags: [], isReply: false };
  const known = new Set(knownTags.map((t) => t.toLowerCase()));
  const listTags: string[] = [];
  const seenTags = new Set<string>();
  let base = "";
  let pos = 0;
  let isReply = false;
  for (let n = 0; n < MAX_PREFIXES && pos < subject.length; n++) {
    while (subject[pos] === " ") pos++;
    REPLY_PREFIX.lastIndex = pos;
    if (REPLY_PREFIX.test(subject)) {
      pos = REPLY_PREFIX.lastIndex;
      isReply = true;
      continue;
    }
    if (subject[pos] !== "[") break;
    const close = subject.indexOf("]", pos + 1);
    if (close < 0 || close - pos > MAX_BRACKET_LENGTH) break;
    const content = subject.slice(pos + 1, close);
    if (content.includes("[")) break;
    const tag = tagName(content.trim(), known);
    if (tag === null) {
      base += subject.slice(pos, close + 1);
      if (subject[close + 1] === " ") base += " ";
    } else if (!seenTags.has(tag.toLowerCase())) {
      seenTags.add(tag.toLowerCase());
      listTags.push(tag);
    }
    pos = close + 1;
  }
  base += subject.slice(pos);
  const baseSubject = base.replace(/(?:\s*\((?:fwd|fw)\))+\s*$/i, "").replace(/\s+/g, " ").trim();
  return { subject, baseSubject, listTags, isReply };
}

function tagName(content: string, known: Set<string>): string | null {
  if (content.length === 0) return null;
  if (known.has(content.toLowerCase())) return content;
  const numbered = NUMBERED_TAG.exec(content);
  const name = numbered === null ? content : (numbered[1] as string);
  if (numbered !== null && known.has(name.toLowerCase())) return name;
  if (!TAG_SHAPE.test(name) || !/[a-z]/.test(name) || NOT_TAGS.has(name.toLowerCase())) return null;
  if (COMMIT_HASH.test(name)) return null;
  return name;
}

/** The subject for display in a list's own pages: its list tags removed, reply prefixes kept. */
export function stripListTags(subject: string, listTags: readonly string[]): string {
  if (listTags.length === 0) return subject;
  const tags = new Set(listTags.map((t) => t.toLowerCase()));
  const out = subject.replace(/\[([^\][]{1,100})\]\s*/g, (whole, inner: string) => {
    const name = inner.trim().replace(/[ :]\d{1,9}$/, "").toLowerCase();
    return tags.has(name) ? "" : whole;
  });
  return out.replace(/\s+/g, " ").trim() || subject;
}

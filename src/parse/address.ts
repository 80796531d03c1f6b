// The From header as a name and an address, including pipermail's obfuscated `user at host`.
import type { Address } from "./types.ts";

/** Longest From value looked at; real ones are far shorter. */
const MAX_FROM_LENGTH = 2000;

/**
 * The words Mailman 2's pipermail puts between user and host (its translation of " at "):
 * "at" (English, and the German, French and Swedish catalogues, which keep or leave it
 * untranslated), "en" (Spanish), "a" (Italian), "em" (Portuguese, Brazilian). "bei", "på"
 * and "w" are accepted for other locales' catalogues. These are ordinary words too, so the
 * host must look like a domain (contain a dot, or be "localhost") and, inside a longer From
 * value, the three words must be the whole phrase.
 */
const OBFUSCATION_WORDS = new Set(["at", "en", "a", "em", "bei", "på", "w"]);

const LOCAL_PART = /^[^\s<>()[\]",;:@\\]+$/u;
const DOMAIN = /^[\p{L}\p{N}](?:[\p{L}\p{N}._-]*[\p{L}\p{N}])?$/u;
const PLAIN_ADDRESS = /^[^\s<>()[\]",;:@\\]+@[^\s<>()[\]",;:@\\]+$/u;

/**
 * A single address token: `user at host` (or a localised word, see OBFUSCATION_WORDS)
 * becomes `user@host`; `user@host` stays. The domain is lower-cased, the local part never.
 * Text that is not an address comes back trimmed and otherwise unchanged.
 */
export function deobfuscateAddress(text: string): string {
  const t = text.trim().replace(/^mailto:/i, "");
  if (PLAIN_ADDRESS.test(t)) return lowerDomain(t);
  const parts = t.split(/\s+/);
  if (parts.length === 3) {
    const [local, word, host] = parts as [string, string, string];
    const w = word.toLowerCase();
    if (OBFUSCATION_WORDS.has(w) && LOCAL_PART.test(local) && DOMAIN.test(host) && (host.includes(".") || host === "localhost")) {
      return `${local}@${host.toLowerCase()}`;
    }
  }
  return text.trim();
}

function lowerDomain(address: string): string {
  const at = address.lastIndexOf("@");
  return address.slice(0, at + 1) + address.slice(at + 1).toLowerCase();
}

function isAddress(s: string): boolean {
  return PLAIN_ADDRESS.test(s);
}

interface Pieces {
  /** Text outside quotes, comments and angle brackets, with quoted strings unquoted in place. */
  phrase: string;
  comments: string[];
  angle: string | null;
}

/** One pass over the value: quoted strings (with `\` escapes), nested comments, `<...>`. */
function split(value: string): Pieces {
  let phrase = "";
  const comments: string[] = [];
  let angle: string | null = null;
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value[i] as string;
    if (c === '"') {
      i++;
      while (i < n && value[i] !== '"') {
        if (value[i] === "\\" && i + 1 < n) i++;
        phrase += value[i];
        i++;
      }
      i++;
    } else if (c === "(") {
      let depth = 1;
      let comment = "";
      i++;
      while (i < n && depth > 0) {
        const d = value[i] as string;
        if (d === "\\" && i + 1 < n) {
          comment += value[i + 1];
          i += 2;
          continue;
        }
        if (d === "(") depth++;
        else if (d === ")" && --depth === 0) break;
        comment += d;
        i++;
      }
      i++;
      comments.push(comment);
      phrase += " ";
    } else if (c === "<" && angle === null) {
      const close = value.indexOf(">", i + 1);
      angle = value.slice(i + 1, close < 0 ? n : close); // an unclosed `<` runs to the end
      phrase += " ";
      i = close < 0 ? n : close + 1;
    } else {
      phrase += c;
      i++;
    }
  }
  return { phrase, comments, angle };
}

function tidy(s: string): string {
  let t = s.replace(/\s+/g, " ").trim();
  // Outlook's 'Name' <addr>: single quotes around the whole name are not part of it.
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) t = t.slice(1, -1).trim();
  return t;
}

/**
 * A decoded From value as name and address. Handles `Name <user@host>`, `"Last, First" <...>`,
 * `user@host (Name)`, bare `user@host`, pipermail's `user at host (Name)` and `user at host`,
 * the localised words (see OBFUSCATION_WORDS) and `Name <user at host>`. The address is
 * de-obfuscated, its domain lower-cased; the name is unquoted, escapes resolved, whitespace
 * collapsed, "" when absent. When no address is found, the whole value becomes the name.
 * Never throws.
 */
export function parseFrom(value: string): Address {
  const text = value.slice(0, MAX_FROM_LENGTH).replace(/\s+/g, " ").trim();
  if (text.length === 0) return { name: "", address: "" };
  const p = split(text);
  const commentName = tidy(p.comments.find((c) => c.trim().length > 0) ?? "");

  if (p.angle !== null) {
    const inner = deobfuscateAddress(p.angle);
    if (isAddress(inner)) return { name: tidy(p.phrase) || commentName, address: inner };
  }

  // No usable <...>: find the address in the phrase, plain or obfuscated.
  const words = p.phrase.split(" ").filter((w) => w.length > 0);
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as string;
    if (isAddress(word)) {
      const rest = tidy([...words.slice(0, k), ...words.slice(k + 1)].join(" "));
      return { name: commentName || rest, address: lowerDomain(word) };
    }
  }
  // Pipermail writes the obfuscated address as the whole phrase: `user at host (Name)`.
  if (words.length === 3) {
    const candidate = deobfuscateAddress(words.join(" "));
    if (isAddress(candidate)) return { name: commentName, address: candidate };
  }
  return { name: tidy(p.phrase) || commentName || tidy(p.angle ?? ""), address: "" };
}

/**
 * A From value read in the order RFC 2047 prescribes: the structure (name, `<address>`) from the
 * text with its encoded words still encoded, then the words decoded in the name only. An encoded
 * word can hold `<`, `>` and `@`, and decoded first it can pose as the address
 * (`=?utf-8?q?=3Cx=3E?= <ana@example.org>` would lose Ana's address and show it as her name).
 * Values whose address only appears once decoded (a whole `Name <address>` in one word, as
 * broken mailers write it) are read decoded.
 */
export function parseFromHeader(text: string, decodeWords: (text: string) => string): Address {
  const structural = parseFrom(text);
  if (structural.address !== "") return { name: tidy(decodeWords(structural.name)), address: structural.address };
  return parseFrom(decodeWords(text));
}

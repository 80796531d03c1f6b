// E-mail addresses inside message text: finding them (`user@host`, pipermail's `user at host`) and publishing them under a list's privacy.
import type { Privacy } from "../ingest/settings.ts";
import { publishAddress } from "../indexes/privacy.ts";

/** An address found in text: `text.slice(start, end)` is exactly what was written. */
export interface FoundAddress {
  start: number;
  end: number;
  local: string;
  domain: string;
  /** Written pipermail's way, `user at host`. */
  obfuscated: boolean;
  /** Obfuscated but surely an address: inside `<...>` or after `mailto:`. */
  certain: boolean;
}

/** What hide shows instead of an address. */
export const HIDDEN_ADDRESS = "…";

// Scans never run further than this from the `@` or ` at `: real local parts and domains are short.
const MAX_PART = 256;

// Words that often stand before " at <domain>" in prose ("look at lwn.net"): not the local part of an obfuscated address.
const PROSE_BEFORE_AT = new Set(
  (
    "a an and are arrive arrived as available based be been being both but check checked code directed docs download downloads even " +
    "everyone files find found go hosted is it its just list located look looked looking looks me mirror mirrored more now online only " +
    "or page people point pointed posted project published read repo repository run running runs see seen server site something started " +
    "stay stop stopped that them there these this those up us was website went were work worked working works you"
  ).split(" "),
);

function isLocalChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x3d || c === 0x2d || (c > 0x7f && isLetter(c))
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || (c > 0x7f && isLetter(c));
}

const LETTER = /\p{L}/u;
function isLetter(c: number): boolean {
  return c !== 0xfffd && LETTER.test(String.fromCharCode(c));
}

/** Start of the local part ending just before `end` (not before `floor`), with leading dots dropped. */
function localStart(text: string, end: number, floor: number): number {
  let s = end;
  const limit = Math.max(floor, end - MAX_PART);
  while (s > limit && isLocalChar(text.charCodeAt(s - 1))) s--;
  while (s < end && text.charCodeAt(s) === 0x2e) s++;
  return s;
}

/** End of the domain starting at `start`, without trailing dots and hyphens. */
function domainEnd(text: string, start: number): number {
  let e = start;
  const limit = Math.min(text.length, start + MAX_PART);
  while (e < limit && isDomainChar(text.charCodeAt(e))) e++;
  while (e > start && (text.charCodeAt(e - 1) === 0x2e || text.charCodeAt(e - 1) === 0x2d)) e--;
  return e;
}

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TLD = /^\p{L}{2,24}$/u;

/** A domain of labels; `dotted` asks for two labels or more and a top-level domain of letters. */
function validDomain(domain: string, dotted: boolean): boolean {
  const labels = domain.split(".");
  if (labels.some((l) => !LABEL.test(l))) return false;
  return !dotted || (labels.length >= 2 && TLD.test(labels[labels.length - 1]!));
}

/** The address around the `@` at index `at`; it does not start before `floor`. null when there is none. */
export function addressAroundAt(text: string, at: number, floor: number): FoundAddress | null {
  const start = localStart(text, at, floor);
  if (start === at) return null;
  const end = domainEnd(text, at + 1);
  if (end === at + 1) return null;
  const local = text.slice(start, at);
  const domain = text.slice(at + 1, end);
  if (local.endsWith(".") || !validDomain(domain, false)) return null;
  return { start, end, local, domain, obfuscated: false, certain: true };
}

/**
 * The obfuscated address around the ` at ` that starts (with its space) at index `space`; not before `floor`.
 * `mailto` says the local part must start right at `floor` (after `mailto:`), which also makes it certain.
 */
export function obfuscatedAddressAt(text: string, space: number, floor: number, mailto = false): FoundAddress | null {
  const start = localStart(text, space, floor);
  if (start === space || (mailto && start !== floor)) return null;
  const end = domainEnd(text, space + 4);
  if (end === space + 4) return null;
  const local = text.slice(start, space);
  const domain = text.slice(space + 4, end);
  if (local.endsWith(".") || !validDomain(domain, true)) return null;
  const certain = mailto || text.charCodeAt(start - 1) === 0x3c /* < */ || text.charCodeAt(end) === 0x3e /* > */ || text.startsWith("mailto:", start - 7);
  if (!certain && PROSE_BEFORE_AT.has(local.toLowerCase())) return null;
  return { start, end, local, domain, obfuscated: true, certain };
}

/** How an address found in a body is shown: plain text (never HTML), and whether a mailto link may carry it. */
export function publishBodyAddress(found: FoundAddress, privacy: Privacy): { text: string; mailto: string | null } {
  const address = `${found.local}@${found.domain}`;
  if (privacy === "hide") return { text: HIDDEN_ADDRESS, mailto: null };
  if (found.obfuscated) {
    // Pipermail already obfuscated it: keep it so, unless the list shows addresses and this surely is one.
    if (privacy === "show" && found.certain) return { text: address, mailto: address };
    return { text: `${found.local} at ${found.domain}`, mailto: null };
  }
  if (privacy === "show") return { text: address, mailto: address };
  return { text: publishAddress(address, privacy), mailto: null };
}

/** Plain text with every `local@domain` address in it shown as `privacy` says (HTML-only mail's text nodes). */
export function maskAddresses(text: string, privacy: Privacy): string {
  if (privacy === "show" || !text.includes("@")) return text;
  let out = "";
  let last = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    const found = addressAroundAt(text, at, last);
    if (!found) continue;
    out += text.slice(last, found.start) + publishBodyAddress(found, privacy).text;
    last = found.end;
    at = found.end - 1;
  }
  return out + text.slice(last);
}

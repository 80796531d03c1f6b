// Content hash: one value for every copy of a mail, whatever archive exported it.
import { createHash } from "node:crypto";

/**
 * SHA-256 over what copies of one mail share: sender address, Date header, subject and decoded body.
 * What exports of one mail differ in is left out: envelope lines and Received headers (so a date
 * that only they gave), trailing blanks, CRLF vs LF, and `>From ` escaping (mboxo escapes one
 * level, mboxrd every level, some exporters none).
 */
export function computeContentHash(parts: { address: string; date: string | null; subject: string; body: string }): string {
  const body = parts.body
    .split("\n")
    // The escape test only where a line can have one (62 is ">"): a regex per line costs more than the rest.
    .map((line) => (line.charCodeAt(0) === 62 ? line.trimEnd().replace(/^>+From /, "From ") : line.trimEnd()))
    .join("\n")
    .trim();
  return createHash("sha256")
    .update(JSON.stringify([parts.address.toLowerCase(), parts.date ?? "", parts.subject.replace(/\s+/g, " ").trim(), body]))
    .digest("hex");
}

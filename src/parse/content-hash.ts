// Content hash: one value for every copy of a mail, whatever archive exported it.
import { createHash } from "node:crypto";

/**
 * SHA-256 over what copies of one mail share: sender address, date, subject and decoded body.
 * Envelope lines, Received headers, trailing blanks and CRLF vs LF differ between exports and are left out.
 */
export function computeContentHash(parts: { address: string; date: string | null; subject: string; body: string }): string {
  const body = parts.body
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
  return createHash("sha256")
    .update(JSON.stringify([parts.address.toLowerCase(), parts.date ?? "", parts.subject.replace(/\s+/g, " ").trim(), body]))
    .digest("hex");
}

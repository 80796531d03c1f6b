// Attachment file names: whatever a sender wrote becomes one safe, portable path segment.

/** Windows reserves these names with any extension; a file called `CON.txt` cannot be created there. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)(\.|$)/i;
/** Longest name kept, in UTF-16 code units; the extension survives a cut. */
const MAX_NAME = 100;

const EXTENSIONS: Record<string, string> = {
  "text/plain": "txt", "text/html": "html", "text/x-diff": "diff", "text/x-patch": "patch",
  "application/pdf": "pdf", "application/pgp-signature": "asc", "application/pkcs7-signature": "p7s",
  "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "application/zip": "zip",
  "application/gzip": "gz", "message/rfc822": "eml", "text/calendar": "ics",
};

/**
 * The last path segment of `name`, without control characters, characters Windows forbids,
 * leading dots, trailing dots and spaces; reserved device names prefixed with `_`. Falls back
 * to `part-<partNumber>.<ext>` when nothing is left.
 */
export function sanitizeAttachmentName(name: string | null, contentType: string, partNumber: string): string {
  let s = (name ?? "").normalize("NFC");
  s = s.split(/[/\\]/).pop() ?? "";
  s = s.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  s = s.replace(/\s+/g, " ").trim().replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (RESERVED.test(s)) s = "_" + s;
  if (s.length > MAX_NAME) {
    const dot = s.lastIndexOf(".");
    const ext = dot > 0 && s.length - dot <= 12 ? s.slice(dot) : "";
    s = s.slice(0, MAX_NAME - ext.length) + ext;
  }
  if (s === "") s = `part-${partNumber}.${EXTENSIONS[contentType] ?? "bin"}`;
  return s;
}

// Content sniffing: is a file gzip, and does a byte block look like the start of an RFC 5322 message.

/** How many decompressed bytes the readers' sniff() sees. */
export const SNIFF_BYTES = 8192;

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Headers whose presence marks a block of `Name: value` lines as mail rather than, say, a YAML file. */
const MAIL_HEADERS = new Set([
  "from", "date", "subject", "message-id", "received", "return-path", "to", "cc", "mime-version",
  "delivered-to", "in-reply-to", "references", "content-type", "x-mailer", "user-agent", "sender",
  "list-id", "reply-to", "x-original-to", "envelope-to", "content-transfer-encoding",
]);
/** A header field line: a name of printable ASCII but colon, then a colon. */
export const HEADER_FIELD = /^([!-9;-~]+)[ \t]*:/;

/**
 * Whether `head` starts with a header block: every line up to the first blank line is a header
 * field or a continuation, the block ends with a blank line (or fills the sample), and it holds
 * at least one header mail has (From, Date, Content-Type, ...): a bare MIME part is mail too.
 */
export function looksLikeHeaderBlock(head: Buffer): boolean {
  const text = head.toString("latin1");
  const lines = text.split(/\r?\n/);
  const cut = head.length >= SNIFF_BYTES;
  if (cut) lines.pop(); // possibly cut in the middle by the sample size
  let mailHeaders = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") return mailHeaders > 0;
    if (line[0] === " " || line[0] === "\t") {
      if (i === 0) return false;
      continue;
    }
    const m = HEADER_FIELD.exec(line);
    if (!m) return false;
    if (MAIL_HEADERS.has(m[1]!.toLowerCase())) mailHeaders++;
  }
  return cut && mailHeaders > 0;
}

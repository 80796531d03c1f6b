// Envelope lines: the `From sender date` separators of mbox files and pipermail text archives.
import type { Envelope } from "./types.ts";

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
/** asctime as pipermail writes it: `Tue Mar  1 21:02:27 2005`. */
const ASCTIME = `${DAY} ${MONTH} [ \\d]?\\d \\d\\d:\\d\\d:\\d\\d \\d{4}`;

/** Pipermail separator: obfuscated (or plain) sender, two spaces, asctime; nothing after. */
const PIPERMAIL_SEPARATOR = new RegExp(`^From (\\S+(?: \\S+ \\S+)?)  (${ASCTIME})\\s*$`);
/** git format-patch's fixed header line, which pipermail bodies contain and which is no separator. */
const GIT_PATCH_LINE = /^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\s*$/;

/** A pipermail separator line (the caller checks that a `From:` header follows). */
export function parsePipermailSeparator(line: string): Envelope | null {
  if (GIT_PATCH_LINE.test(line)) return null;
  const m = PIPERMAIL_SEPARATOR.exec(line);
  return m ? { sender: m[1]!, date: m[2]! } : null;
}

/**
 * An mbox `From ` line: Python mailbox.mbox's rule (any line starting `From `), less git
 * format-patch's fixed `From <sha> Mon Sep 17 00:00:00 2001`, which starts a patch, not a message.
 */
export function isMboxFromLine(bytes: Buffer): boolean {
  if (bytes.length < 5 || bytes[0] !== 0x46 || bytes.toString("latin1", 0, 5) !== "From ") return false;
  return !(bytes.length >= 70 && GIT_PATCH_LINE.test(bytes.toString("latin1", 0, 80)));
}

/** Sender and date of an mbox `From ` line: `From sender date...` (the date is free-form). */
export function parseMboxFromLine(line: string): Envelope {
  const rest = line.slice(5).trim();
  const space = rest.indexOf(" ");
  if (space === -1) return { sender: rest, date: "" };
  return { sender: rest.slice(0, space), date: rest.slice(space + 1).trim() };
}

/** Whether a line is a `From:` header line (what follows a pipermail separator). */
export function isFromHeaderLine(line: string): boolean {
  return /^From:/i.test(line);
}

// The one URL scheme: every page and file path of the site is decided here (see ARCHITECTURE.md).
import { hashOf } from "../archive/hash.ts";

/** A Message-ID (without brackets) that can stand in a URL and a file name as written. */
const READABLE = /^[A-Za-z0-9][A-Za-z0-9._+=@-]*$/;
const MAX_READABLE = 100;
/** Windows device names, reserved whatever follows the first dot. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

function sha256Hex(text: string): string {
  return hashOf("sha256", text, "hex");
}

/**
 * The URL segment of a Message-ID (angle brackets included, as in the header):
 * - readable ids (letters, digits, `. _ + = @ -`, at most 100 characters, not ending in `.`,
 *   no Windows device name) stand as written; if they contain a capital letter they get
 *   `~` + 8 hex digits of the id's SHA-256, so ids that differ only in case never share a
 *   path on a case-insensitive file system;
 * - every other id becomes `h-` + 32 hex digits of its SHA-256.
 * Never lowercased; depends on nothing but the id.
 */
export function messageIdSegment(messageId: string): string {
  const id = messageId.replace(/^<|>$/g, "");
  const readable = READABLE.test(id) && id.length <= MAX_READABLE && !id.endsWith(".") && !RESERVED.test(id);
  if (!readable) return "h-" + sha256Hex(messageId).slice(0, 32);
  return /[A-Z]/.test(id) ? `${id}~${sha256Hex(messageId).slice(0, 8)}` : id;
}

/**
 * A message's permalink path (site-relative, without the site's path prefix). Another message
 * with the same Message-ID but different content gets `~` + 12 hex digits of its content hash.
 */
export function messagePath(listId: string, messageId: string, contentVariant: string | null): string {
  const segment = messageIdSegment(messageId) + (contentVariant ? `~${contentVariant.slice(0, 12)}` : "");
  return `/${listId}/m/${segment}/`;
}

/** A thread's page: named after the Message-ID at the top of its tree. */
export function threadPath(listId: string, rootMessageId: string): string {
  return `/${listId}/t/${messageIdSegment(rootMessageId)}/`;
}

/** The anchor of a message on its thread page: stable, and a valid HTML id. */
export function messageAnchor(messagePermalink: string): string {
  return "m-" + sha256Hex(messagePermalink).slice(0, 12);
}

export function listPath(listId: string): string {
  return `/${listId}/`;
}

/** A month's page in one of its views (`threads` is the month's own page). */
export function monthPath(listId: string, key: string, view: "threads" | "date" | "subject" | "author" = "threads"): string {
  const base = `/${listId}/${key.slice(0, 4)}/${key.slice(5, 7)}/`;
  return view === "threads" ? base : `${base}${view}/`;
}

/** URL-safe slug of a name: ASCII letters and digits joined by `-`, at most 40 characters. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "author";
}

/**
 * An author's page: the slug of the name on their earliest message, then 8 hex digits of a hash
 * of list and identity. The address itself never appears; appending newer mail never moves it.
 */
export function authorPath(listId: string, identity: string, earliestName: string): string {
  const hash = hashOf("sha256", `${listId}\n${identity}`, "hex").slice(0, 8);
  return `/${listId}/a/${slugify(earliestName)}-${hash}/`;
}


/** Extensions a browser shows without running anything: served under their own name. */
const INERT_EXTENSIONS = new Set([
  "txt", "text", "log", "patch", "diff", "csv", "tsv", "md", "rst", "c", "h", "cc", "cpp", "py", "java", "rs", "go", "rb", "pl", "sh",
  "pdf", "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "tif", "tiff",
  "zip", "gz", "tgz", "bz2", "xz", "zst", "tar", "7z", "rar",
  "asc", "sig", "gpg", "p7s", "ics", "vcf", "eml", "mbox",
  "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf",
  "mp3", "ogg", "wav", "mp4", "webm",
]);

/**
 * The stored file name of an attachment (already sanitised by parse/): names whose extension
 * could run in the site's origin (.html, .svg, .xml, .js, anything unknown) get `.bin` added,
 * so a static host serves them as a download instead of a page.
 */
export function storedAttachmentName(filename: string): string {
  const dot = filename.lastIndexOf(".");
  const ext = dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
  return INERT_EXTENSIONS.has(ext) ? filename : `${filename}.bin`;
}

/** Attachment path: content-addressed folder, so equal files share one copy and names never clash. */
export function attachmentPath(listId: string, sha256: string, filename: string): string {
  return `/${listId}/att/${sha256.slice(0, 16)}/${encodeURIComponent(storedAttachmentName(filename))}`;
}

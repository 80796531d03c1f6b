// Attributes of sanitised HTML mail: the allowlisted presentational ones, safe link targets, image labels.
import { escapeHtml } from "./escape.ts";
import { maskAddresses } from "./body-addresses.ts";
import type { Privacy } from "../ingest/settings.ts";

const words = (list: string): string[] => list.split(" ");
/** Longer hrefs are dropped (the link text stays): they are payloads or tracking blobs, not addresses to follow. */
const MAX_HREF_CHARS = 4096;
/** Titles and image labels are cut to this many characters. */
const MAX_LABEL_CHARS = 200;
const ALIGN = new Set(words("left right center justify"));
const VALIGN = new Set(words("top middle bottom baseline"));
const ALIGN_ON = new Set(words("p div table thead tbody tfoot tr td th caption"));
const VALIGN_ON = new Set(words("thead tbody tfoot tr td th"));
const SAFE_URL = /^(?:https?|mailto|ftp):/i;
/** colspan/rowspan above this are clamped: huge spans make browsers lay out enormous tables. */
const MAX_SPAN = 100;

/** The allowlisted presentational attributes of an emitted element, each with a fixed or checked value. */
export function attributes(tag: string, attrs: Map<string, string>, privacy: Privacy): string {
  let out = "";
  const title = label(attrs.get("title") ?? "");
  if (title !== "") out += ` title="${escapeHtml(maskAddresses(title, privacy))}"`;
  const [dir = "", align = "", valign = ""] = ["dir", "align", "valign"].map((name) => attrs.get(name)?.trim().toLowerCase() ?? "");
  if (dir === "ltr" || dir === "rtl") out += ` dir="${dir}"`;
  if (ALIGN_ON.has(tag) && ALIGN.has(align)) out += ` align="${align}"`;
  if (VALIGN_ON.has(tag) && VALIGN.has(valign)) out += ` valign="${valign}"`;
  if (tag === "td" || tag === "th") {
    for (const name of ["colspan", "rowspan"]) {
      const value = attrs.get(name)?.trim() ?? "";
      if (/^\d{1,9}$/.test(value) && Number(value) >= 1) out += ` ${name}="${Math.min(Number(value), MAX_SPAN)}"`;
    }
  }
  return out;
}

/** Whitespace collapsed, cut to MAX_LABEL_CHARS. */
function label(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_LABEL_CHARS ? `${flat.slice(0, MAX_LABEL_CHARS - 1)}…` : flat;
}

/**
 * The href to emit, or null. Browsers ignore tabs and newlines anywhere in a URL and controls and spaces
 * around it, so those are removed before the scheme is checked, and the checked string is what is emitted.
 */
export function safeHref(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const url = raw.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (url.length > MAX_HREF_CHARS || !SAFE_URL.test(url)) return null;
  return url;
}

/** The alt text, else the file name from a cid: or remote URL (never loaded), else nothing. */
export function imageLabel(attrs: Map<string, string>): string {
  const alt = label(attrs.get("alt") ?? "");
  if (alt !== "") return alt;
  const src = (attrs.get("src") ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  const cid = /^cid:([^@>]*)/i.exec(src);
  const path = cid !== null ? cid[1]! : /^(?:https?|ftp):/i.test(src) ? src.replace(/[?#].*$/s, "").replace(/\/+$/, "") : "";
  const file = path.slice(path.lastIndexOf("/") + 1);
  if (cid === null && !path.slice(path.indexOf("//") + 2).includes("/")) return ""; // bare host: no file name
  try {
    return label(decodeURIComponent(file));
  } catch {
    return label(file);
  }
}

// What a built page may hold: an allowlist of our own tags, attributes and values. Anything else is live markup from a message.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./corpus.ts";

/** Every element our templates and src/render/ write. */
const TAGS = new Set(
  (
    "html head meta title link body header nav main footer article section h1 h2 h3 p ul ol li dl dt dd div span pre code " +
    "blockquote details summary br hr b strong i em u s small sub sup kbd samp table thead tbody tfoot tr th td caption abbr " +
    "cite q del ins mark address figure figcaption wbr time a script noscript form fieldset legend label input select option " +
    "datalist button"
  ).split(" "),
);
/** Elements only the search page has (its form and its one script). */
const SEARCH_PAGE_ONLY = new Set("script noscript form fieldset legend label input select option datalist button".split(" "));
/** Attributes with free text values, escaped: no check beyond the tag syntax. */
const TEXT_ATTRIBUTES = new Set(["title", "aria-label", "content", "value", "datetime"]);
/** Attributes whose value is checked by a rule of its own. */
const CHECKED: Record<string, RegExp> = {
  id: /^[a-z][a-z0-9-]*$/,
  "aria-labelledby": /^[a-z][a-z0-9-]*$/,
  "aria-current": /^page$/,
  "aria-hidden": /^true$/,
  "aria-live": /^polite$/,
  role: /^(search|status)$/,
  tabindex: /^-1$/,
  dir: /^(ltr|rtl)$/,
  lang: /^en$/,
  align: /^(left|right|center|justify)$/,
  valign: /^(top|middle|bottom|baseline)$/,
  colspan: /^\d{1,3}$/,
  rowspan: /^\d{1,3}$/,
  start: /^\d+$/,
  scope: /^(col|row)$/,
  "data-level": /^\d+$/,
  style: /^--(depth|n): \d+;?$/,
  rel: /^(nofollow noopener|nofollow noopener noreferrer|prev|next|stylesheet|icon)$/,
  download: /^$/,
  charset: /^utf-8$/,
  name: /^(viewport|q|list|year|author|sort)$/,
  type: /^(image\/svg\+xml|module|search|submit)$/,
  method: /^get$/,
  for: /^[a-z]+$/,
  list: /^authors$/,
  autocomplete: /^off$/,
  spellcheck: /^false$/,
};

/** Class names written in templates/ and src/render/ (a token in a template expression stands for any such word). */
function ownClassNames(): { names: Set<string>; prefixes: string[] } {
  const names = new Set<string>();
  const prefixes: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of [...walk(join(PROJECT_ROOT, "templates")), ...walk(join(PROJECT_ROOT, "src", "render"))]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/class="([^"]*)"/g)) {
      for (const word of m[1]!.split(/\s+/)) {
        const dynamic = /^([a-z][a-z0-9-]*-)(?:\{\{|\$\{)/.exec(word);
        if (dynamic) prefixes.push(dynamic[1]!);
        else if (/^[a-z][a-z0-9-]*$/.test(word)) names.add(word);
      }
    }
    // Class names kept in string tables (e.g. the diff line kinds) rather than written in class="...".
    if (file.endsWith(".ts")) for (const m of text.matchAll(/"((?:diff|quote|msg|img|list|next)-[a-z-]+)"/g)) names.add(m[1]!);
  }
  return { names, prefixes };
}

const CLASSES = ownClassNames();

function decodeAttribute(value: string): string {
  return value
    .replace(/&#(\d+);?/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);?/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export interface InertOptions {
  /** The site's path prefix (`/` or `/archives/`): site links start with it. */
  pathPrefix: string;
  /** Whether this page is the search page (the only one with a form and a script). */
  searchPage: boolean;
}

/** Problems of one attribute, by its name and (entity-decoded) value. */
function attributeProblem(tag: string, name: string, raw: string, options: InertOptions): string | null {
  const value = decodeAttribute(raw);
  if (name.startsWith("on")) return `event handler ${name}`;
  if (name === "href") {
    if (tag !== "a" && tag !== "link") return `href on <${tag}>`;
    if (tag === "link") return value.startsWith(options.pathPrefix) ? null : `link to ${value}`;
    if (value.startsWith(options.pathPrefix) || value.startsWith("#")) return null;
    if (/^(https?|ftp):\/\/[^\s\u0000-\u001f]+$/i.test(value) || /^mailto:[^\s\u0000-\u001f]+$/i.test(value)) return null;
    return `href ${JSON.stringify(value.slice(0, 80))}`;
  }
  if (name === "src") return tag === "script" && value === `${options.pathPrefix}search/js/search-page.js` ? null : `src ${JSON.stringify(value.slice(0, 80))} on <${tag}>`;
  if (name === "action" || name === "data-search-root") return value.startsWith(options.pathPrefix) ? null : `${name} ${JSON.stringify(value)}`;
  if (name === "class") {
    for (const word of value.split(" ")) {
      if (!CLASSES.names.has(word) && !CLASSES.prefixes.some((p) => word.startsWith(p) && /^[a-z0-9-]+$/.test(word))) return `class ${JSON.stringify(word)} is not ours`;
    }
    return null;
  }
  if (TEXT_ATTRIBUTES.has(name)) return null;
  const rule = CHECKED[name];
  if (!rule) return `attribute ${name} is not ours`;
  return rule.test(value) ? null : `${name}=${JSON.stringify(value.slice(0, 80))}`;
}

const TAG = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*>/;
const ATTRIBUTE = /\s+([a-z][a-z0-9-]*)(?:="([^"<>]*)")?/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * Every piece of an HTML page that is not our own markup: tags and attributes outside the
 * allowlist, unsafe link targets, comments, raw `<`, and bidi controls. Empty when the page is inert.
 */
export function findLiveMarkup(html: string, options: InertOptions): string[] {
  const problems: string[] = [];
  const excerpt = (at: number) => JSON.stringify(html.slice(Math.max(0, at - 40), at + 80));
  let from = 0;
  if (html.startsWith("<!doctype html>")) from = "<!doctype html>".length;
  for (let at = html.indexOf("<", from); at !== -1; at = html.indexOf("<", at + 1)) {
    const m = TAG.exec(html.slice(at, at + 4096));
    if (!m) {
      problems.push(`not one of our tags at ${at}: ${excerpt(at)}`);
      continue;
    }
    const [, close, tag, attrs] = m;
    if (!TAGS.has(tag!)) problems.push(`element <${tag}> at ${at}: ${excerpt(at)}`);
    else if (SEARCH_PAGE_ONLY.has(tag!) && !options.searchPage) problems.push(`element <${tag}> outside the search page at ${at}: ${excerpt(at)}`);
    if (close && attrs!.trim() !== "") problems.push(`attributes on an end tag at ${at}: ${excerpt(at)}`);
    for (const a of attrs!.matchAll(ATTRIBUTE)) {
      const problem = attributeProblem(tag!, a[1]!, a[2] ?? "", options);
      if (problem) problems.push(`${problem} at ${at}: ${excerpt(at)}`);
    }
  }
  const bidi = BIDI_CONTROLS.exec(html);
  if (bidi) problems.push(`bidi control U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase()} at ${bidi.index}: ${excerpt(bidi.index)}`);
  return problems;
}

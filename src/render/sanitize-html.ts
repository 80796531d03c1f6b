// HTML sanitiser: hostile mail HTML rebuilt from an allowlist of elements and attributes; nothing passes through.
// Every tag in the output is written here, every text and attribute value goes through escapeHtml, and the
// open elements are tracked so the output is well nested and a browser parses it into the tree we meant.
import { escapeHtml } from "./escape.ts";
import { maskAddresses } from "./body-addresses.ts";
import type { Privacy } from "../ingest/settings.ts";
import { tokenizeHtml, type HtmlToken, type StartTagToken } from "./html-tokens.ts";
import { attributes, imageLabel, safeHref } from "./html-attributes.ts";

/** Characters of input read (2 MiB): a 5 MB HTML mail must not stall the build; real mail bodies stay far below. */
const MAX_INPUT_CHARS = 2 * 1024 * 1024;
/** Open elements at most: deeper start tags are dropped (their text kept), so 10,000-deep nesting stays flat. */
const MAX_DEPTH = 100;
const REL = "nofollow noopener noreferrer";

const words = (list: string): string[] => list.split(" ");
const HEADINGS = new Set(words("h1 h2 h3 h4 h5 h6"));
/** Mail element → emitted element. Headings become `<p class="h">`: the page owns the heading outline. */
const ELEMENTS = new Map<string, string>([
  ...words("p br div span b strong i em u s small sub sup blockquote pre code kbd samp hr ul ol li dl dt dd").map((t) => [t, t] as const),
  ...words("table thead tbody tfoot tr th td caption a abbr cite q del ins mark address figure figcaption wbr").map((t) => [t, t] as const),
  ...[...HEADINGS].map((t) => [t, "p"] as const),
  ...Object.entries({ font: "span", center: "div", strike: "s", tt: "code" }),
]);
const VOID = new Set(words("br hr wbr"));
/** Elements dropped with everything inside them. */
const DROP_CONTENT = new Set(
  words("script style noscript template iframe frameset object applet svg math form button select textarea option optgroup datalist head title audio video canvas noembed noframes"),
);
/** Void elements of the input that are never emitted (img and image become a text placeholder). */
const DROP_VOID = new Set(words("img image input meta link base source track embed frame param area col keygen basefont bgsound"));
/** Start tags that keep an implied head open; any other start tag or text ends it, as in browsers. */
const HEAD_CONTENT = new Set(words("meta link title style script base noscript template basefont bgsound"));
const FOREIGN = new Set(words("svg math"));
/** Start tags that close an open `<p>` (by emitted tag). */
const CLOSES_P = new Set(words("p div blockquote pre hr ul ol li dl dt dd table address figure figcaption"));
/** Emitted elements that stop the search for an open li/dt/dd to close (HTML's "special" minus address, div, p). */
const LIST_ITEM_STOP = new Set(words("blockquote caption dd dl dt figcaption figure li ol pre table tbody td tfoot th thead tr ul"));
const TABLE_SCOPE = new Set(words("table thead tbody tfoot tr td th caption"));
const CELLS = new Set(words("td th caption"));

/** Where text would land inside a table: nowhere (none), between rows (table, section, row) or in a cell. */
type TableContext = { kind: "none" | "table" | "section" | "row" | "cell"; index: number };
const RANK = { none: -1, table: 0, section: 1, row: 2, cell: 3 } as const;

type OpenElement = { src: string; tag: string };

/**
 * Renders an HTML-only mail as safe, well-formed HTML to embed in a page: allowlisted elements and
 * attributes only, links limited to http(s)/mailto/ftp with rel="nofollow noopener noreferrer", images as
 * text placeholders (no request leaves the site), scripts, styles, forms, media and comments dropped.
 */
export function sanitizeHtml(html: string, options: { privacy?: Privacy } = {}): string {
  let input = html;
  const truncated = input.length > MAX_INPUT_CHARS;
  if (truncated) input = input.slice(0, /[\ud800-\udbff]/.test(input[MAX_INPUT_CHARS - 1] ?? "") ? MAX_INPUT_CHARS - 1 : MAX_INPUT_CHARS);
  const builder = new Builder(options.privacy ?? "show");
  for (const token of tokenizeHtml(input)) builder.add(token);
  return builder.finish(truncated);
}

class Builder {
  /** Addresses in text, titles and image labels are shown as the list's privacy setting says; mailto links only under "show". */
  constructor(private readonly privacy: Privacy) {}

  private readonly out: string[] = [];
  private readonly stack: OpenElement[] = [];
  /** Dropped elements whose content is being skipped, innermost last. */
  private readonly skip: string[] = [];
  /** End tags still to swallow for start tags dropped at the depth cap. */
  private readonly suppressed = new Map<string, number>();
  /** Browsers drop a newline right after `<pre>`: in the mail, and again in our output (which always has one). */
  private afterPre = false;

  add(token: HtmlToken): void {
    if (this.afterPre) {
      this.afterPre = false;
      if (token.kind === "text" && token.text.startsWith("\n")) token = { kind: "text", text: token.text.slice(1) };
    }
    if (this.skip.length > 0) this.skipToken(token);
    else if (token.kind === "text") this.text(token.text);
    else if (token.kind === "start") this.start(token);
    else if (token.kind === "end") this.end(token.name);
  }

  finish(truncated: boolean): string {
    this.closeTo(0);
    if (truncated) this.out.push('<p class="truncated">[message truncated]</p>');
    return this.out.join("");
  }

  private skipToken(token: HtmlToken): void {
    const inHead = this.skip.length === 1 && this.skip[0] === "head";
    if (token.kind === "start") {
      if (inHead && !HEAD_CONTENT.has(token.name)) {
        this.skip.length = 0;
        this.add(token);
      } else if (DROP_CONTENT.has(token.name) && !this.selfClosed(token) && this.skip.length < MAX_DEPTH) {
        this.skip.push(token.name);
      }
    } else if (token.kind === "end") {
      const k = this.skip.lastIndexOf(token.name);
      if (k >= 0) this.skip.length = k;
      else if (inHead && (token.name === "body" || token.name === "html")) this.skip.length = 0;
    } else if (token.kind === "text" && inHead && /[^\t\n\f\r ]/.test(token.text)) {
      this.skip.length = 0;
      this.text(token.text);
    }
  }

  /** A self-closing tag closes only in SVG and MathML; `<script/>` still opens a script. */
  private selfClosed(token: StartTagToken): boolean {
    return token.selfClosing && (FOREIGN.has(token.name) || this.skip.some((name) => FOREIGN.has(name)));
  }

  private start(token: StartTagToken): void {
    const name = token.name;
    if (name === "img" || name === "image") return this.placeholder(token.attrs);
    if (DROP_VOID.has(name)) return;
    if (DROP_CONTENT.has(name)) {
      if (!this.selfClosed(token)) this.skip.push(name);
      return;
    }
    const tag = ELEMENTS.get(name);
    if (tag === undefined) return; // unknown element: the tag goes, its content stays
    if (TABLE_SCOPE.has(name)) return this.startTablePart(name, token.attrs);
    const ctx = this.tableContext();
    if (ctx.kind !== "none" && ctx.kind !== "cell") return; // stray markup between table rows: tag dropped
    if (!VOID.has(tag) && this.stack.length >= MAX_DEPTH) return this.suppress(name);
    if (name === "li") this.closeListItem(["li"]);
    if (name === "dt" || name === "dd") this.closeListItem(["dt", "dd"]);
    if (CLOSES_P.has(tag)) this.closeInCell("p");
    if (name === "a") this.closeInCell("a");
    this.open(name, tag, token.attrs);
  }

  private end(name: string): void {
    if (name === "br") return this.start({ kind: "start", name, attrs: new Map(), selfClosing: false });
    if (!ELEMENTS.has(name)) return;
    const pending = this.suppressed.get(name) ?? 0;
    if (pending > 0) return void this.suppressed.set(name, pending - 1);
    const k = this.findOpen(name);
    if (k >= 0) this.closeTo(k);
  }

  private text(text: string): void {
    if (/[^\t\n\f\r ]/.test(text)) this.openImplicitCell();
    this.out.push(escapeHtml(maskAddresses(text, this.privacy)));
  }

  private placeholder(attrs: Map<string, string>): void {
    this.openImplicitCell();
    const label = imageLabel(attrs);
    this.out.push(`<span class="img-placeholder">[${label === "" ? "image" : `image: ${escapeHtml(maskAddresses(label, this.privacy))}`}]</span>`);
  }

  private startTablePart(name: string, attrs: Map<string, string>): void {
    let ctx = this.tableContext();
    if (name === "table") {
      if (ctx.kind !== "cell") this.closeTo(this.stack.map((e) => e.tag).lastIndexOf("table"));
      this.closeInCell("p");
    } else {
      if (ctx.kind === "none") return; // a cell or row outside any table: tag dropped, content kept
      const target = name === "td" || name === "th" ? "row" : name === "tr" ? "section" : "table";
      while (RANK[ctx.kind] > RANK[target]) {
        this.closeTo(ctx.index);
        ctx = this.tableContext();
      }
      if (ctx.kind === "none") return;
      if (target === "row" && ctx.kind !== "row") {
        if (this.stack.length >= MAX_DEPTH) return this.suppress(name);
        this.open("tr", "tr", new Map());
      }
    }
    if (this.stack.length >= MAX_DEPTH) return this.suppress(name);
    this.open(name, name, attrs);
  }

  /** Text or an image between table rows gets a row and a cell of its own, instead of being moved before the table. */
  private openImplicitCell(): void {
    const kind = this.tableContext().kind;
    if (kind === "none" || kind === "cell" || this.stack.length >= MAX_DEPTH - 1) return;
    if (kind !== "row") this.open("tr", "tr", new Map());
    this.open("td", "td", new Map());
  }

  private tableContext(): TableContext {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const tag = this.stack[k]!.tag;
      if (!TABLE_SCOPE.has(tag)) continue;
      const kind = tag === "table" ? "table" : tag === "tr" ? "row" : CELLS.has(tag) ? "cell" : "section";
      return { kind, index: k };
    }
    return { kind: "none", index: -1 };
  }

  private open(src: string, tag: string, attrs: Map<string, string>): void {
    let href = src === "a" ? safeHref(attrs.get("href")) : null;
    if (href !== null && this.privacy !== "show" && /^mailto:/i.test(href)) href = null;
    const emitted = src === "a" && href === null ? "span" : tag; // a link without a safe target is just text
    let out = `<${emitted}`;
    if (HEADINGS.has(src)) out += ' class="h"';
    if (href !== null) out += ` href="${escapeHtml(href)}" rel="${REL}"`;
    out += attributes(emitted, attrs, this.privacy);
    this.out.push(emitted === "pre" ? `${out}>\n` : `${out}>`);
    this.afterPre = emitted === "pre";
    if (!VOID.has(emitted)) this.stack.push({ src, tag: emitted });
  }

  private suppress(name: string): void {
    this.suppressed.set(name, (this.suppressed.get(name) ?? 0) + 1);
  }

  /** Closes the open elements from the top of the stack down to index `k`, inclusive. */
  private closeTo(k: number): void {
    if (k < 0) return;
    for (let j = this.stack.length - 1; j >= k; j--) this.out.push(`</${this.stack[j]!.tag}>`);
    this.stack.length = k;
  }

  /** Index of the open element an end tag closes, or -1: ordinary end tags do not reach out of a cell or table. */
  private findOpen(name: string): number {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const src = this.stack[k]!.src;
      if (src === name || (HEADINGS.has(name) && HEADINGS.has(src))) return k;
      if (name === "table") continue;
      if (src === "table" || (CELLS.has(src) && !TABLE_SCOPE.has(name))) return -1;
      if (name === "li" && (src === "ul" || src === "ol")) return -1;
    }
    return -1;
  }

  /** Closes the nearest open `tag` unless a table or cell lies between (a block closes `<p>`; links do not nest). */
  private closeInCell(tag: string): void {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const open = this.stack[k]!.tag;
      if (open === tag) return this.closeTo(k);
      if (open === "table" || CELLS.has(open)) return;
    }
  }

  private closeListItem(items: string[]): void {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const tag = this.stack[k]!.tag;
      if (items.includes(tag)) return this.closeTo(k);
      if (LIST_ITEM_STOP.has(tag)) return;
    }
  }
}

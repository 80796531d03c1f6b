// The reading view of a message body: the block tree of its text as HTML, every piece of message text escaped and linked by linkify.ts.
//
// Markup and its one class vocabulary (for public/style.css):
//   div.msg                          the body; div.msg.msg-html for HTML-only mail
//   pre.msg-text                     a run of text lines as written (CSS: white-space: pre-wrap; no breaks are inserted)
//   p.attribution                    "On <date>, <name> wrote:", just before the quote it introduces, in the enclosing level
//   p.attribution.quoted-headers     a quoted header block (-----Original Message----- / From: / Sent: ...), lines split by <br>
//   blockquote.quote[data-level=N]   a quote level (N = 1, 2, ...), nested; the `>` markers are gone from its lines
//   span.quote-level[aria-hidden]    the visible level number, first child of each blockquote.quote
//   details.quote-fold > summary     a folded quote (inside its blockquote): summary text "N quoted lines"; no JavaScript needed
//   div.signature > pre.msg-text     the signature, its `-- ` line included
//   pre.diff                         a patch; lines in span.diff-file (diff --git, index, ---, +++), span.diff-hunk (@@),
//                                    span.diff-add (+), span.diff-del (-); context lines are bare text
//   p.next-part                      pipermail's "-------------- next part --------------" stub, lines split by <br>
//   div.list-footer > pre.msg-text   the list's footer
//   details.msg-text-alternative     HTML-only mail: its text, under summary "Show as plain text"
//   p.empty-body                     "(no text)"
//   a[href][rel="nofollow noopener"] links: http, https, ftp and (privacy "show" only) mailto
//
// Fold rule: a quote's visible lines are its own non-blank lines (attributions of quotes inside it included) plus, per quote
// inside it, that quote's visible lines, or 1 when that quote is folded. Quotes at level 1 fold above 12 visible lines, deeper
// ones above 4: a reply's first short quote stays open, long history folds, and an open quote can hold folded older ones.
import type { Privacy } from "../ingest/settings.ts";
import type { MessageBody } from "../parse/index.ts";
import { htmlToText } from "./html-text.ts";
import { renderLinkedText } from "./linkify.ts";
import { sanitizeHtml as defaultSanitizeHtml } from "./sanitize-html.ts";
import { parseTextBlocks, type Attribution, type Block, type DiffLineKind, type QuoteBlock } from "./text-blocks.ts";

export interface MessageBodyOptions {
  /** How addresses in the text are shown: `user at example.com`, as written, or `…`. */
  privacy: Privacy;
  /** Sanitiser for HTML-only mail; the default is sanitize-html.ts. */
  sanitizeHtml?: (html: string) => string;
  /** The body's text blocks when already parsed (bodyBlocks). */
  blocks?: BodyBlocks;
}

/** A body's text (the plain text, or that of HTML-only mail) and its blocks, parsed once for the reading view and search. */
export interface BodyBlocks {
  /** Whether the text was made from the HTML of HTML-only mail. */
  fromHtml: boolean;
  text: string;
  blocks: Block[];
}

/** Whether the body is shown as sanitised HTML: HTML-only mail. */
const isHtmlOnly = (body: MessageBody) => body.text.trim() === "" && body.html !== null;

export function bodyBlocks(body: MessageBody): BodyBlocks {
  const fromHtml = isHtmlOnly(body);
  const text = fromHtml ? htmlToText(body.html!) : body.text;
  return { fromHtml, text, blocks: parseTextBlocks(text) };
}

/** Level-1 quotes fold above this many visible lines. */
export const FOLD_LEVEL_1_LINES = 12;
/** Quotes at level 2 and deeper fold above this many visible lines. */
export const FOLD_DEEPER_LINES = 4;

export function shouldFold(level: number, visibleLines: number): boolean {
  return visibleLines > (level >= 2 ? FOLD_DEEPER_LINES : FOLD_LEVEL_1_LINES);
}

export function renderMessageBody(body: MessageBody, options: MessageBodyOptions): string {
  const { privacy } = options;
  if (isHtmlOnly(body)) {
    const text = options.blocks ? options.blocks.text : htmlToText(body.html!);
    if (text === "") return '<p class="empty-body">(no text)</p>';
    const sanitized = options.sanitizeHtml ? options.sanitizeHtml(body.html!) : defaultSanitizeHtml(body.html!, { privacy: options.privacy });
    return (
      `<div class="msg msg-html">${sanitized}` +
      `<details class="msg-text-alternative"><summary>Show as plain text</summary><pre class="msg-text">${renderLinkedText(text, privacy)}</pre></details></div>`
    );
  }
  const blocks = options.blocks ? options.blocks.blocks : parseTextBlocks(body.text);
  if (blocks.length === 0) return '<p class="empty-body">(no text)</p>';
  return `<div class="msg">${renderBlocks(blocks, privacy).html}</div>`;
}

interface Rendered {
  html: string;
  /** Non-blank lines, quotes inside counted in full: the "N quoted lines" of a fold. */
  lines: number;
  /** Lines a reader sees with this level open (folded quotes inside count 1). */
  visible: number;
}

const nonBlank = (lines: readonly string[]) => lines.reduce((n, l) => (l.trim() === "" ? n : n + 1), 0);
const DIFF_CLASS: Record<DiffLineKind, string | null> = { file: "diff-file", hunk: "diff-hunk", add: "diff-add", del: "diff-del", context: null };

function renderBlocks(blocks: readonly Block[], privacy: Privacy): Rendered {
  let html = "";
  let lines = 0;
  let visible = 0;
  const text = (t: string) => renderLinkedText(t, privacy);
  for (const block of blocks) {
    switch (block.kind) {
      case "text": {
        html += `<pre class="msg-text">${text(block.lines.join("\n"))}</pre>`;
        const n = nonBlank(block.lines);
        lines += n;
        visible += n;
        break;
      }
      case "signature":
        html += `<div class="signature"><pre class="msg-text">${text(block.lines.join("\n"))}</pre></div>`;
        lines += nonBlank(block.lines);
        visible += nonBlank(block.lines);
        break;
      case "list-footer":
        html += `<div class="list-footer"><pre class="msg-text">${text(block.lines.join("\n"))}</pre></div>`;
        lines += nonBlank(block.lines);
        visible += nonBlank(block.lines);
        break;
      case "next-part":
        html += `<p class="next-part">${block.lines.map(text).join("<br>")}</p>`;
        lines += block.lines.length;
        visible += block.lines.length;
        break;
      case "diff":
        html += `<pre class="diff">${block.lines.map((l) => (DIFF_CLASS[l.kind] === null ? text(l.text) : `<span class="${DIFF_CLASS[l.kind]}">${text(l.text)}</span>`)).join("\n")}</pre>`;
        lines += block.lines.length;
        visible += block.lines.length;
        break;
      case "quote": {
        const quote = renderQuote(block, privacy);
        html += quote.html;
        lines += quote.lines;
        visible += quote.visible;
        break;
      }
    }
  }
  return { html, lines, visible };
}

function renderAttribution(attribution: Attribution, privacy: Privacy): string {
  if (attribution.headers) return `<p class="attribution quoted-headers">${attribution.lines.map((l) => renderLinkedText(l, privacy)).join("<br>")}</p>`;
  return `<p class="attribution">${renderLinkedText(attribution.lines.join(" "), privacy)}</p>`;
}

/** The attribution (in the enclosing level) and the blockquote; its line counts include the attribution. */
function renderQuote(quote: QuoteBlock, privacy: Privacy): Rendered {
  const inner = renderBlocks(quote.blocks, privacy);
  const folded = shouldFold(quote.level, inner.visible);
  const marker = `<span class="quote-level" aria-hidden="true">${quote.level}</span>`;
  const content = folded
    ? `<details class="quote-fold"><summary>${inner.lines} quoted line${inner.lines === 1 ? "" : "s"}</summary>${inner.html}</details>`
    : inner.html;
  const attribution = quote.attribution === null ? "" : renderAttribution(quote.attribution, privacy);
  const own = quote.attribution === null ? 0 : quote.attribution.lines.length;
  return {
    html: `${attribution}<blockquote class="quote" data-level="${quote.level}">${marker}${content}</blockquote>`,
    lines: own + inner.lines,
    visible: own + (folded ? 1 : inner.visible),
  };
}

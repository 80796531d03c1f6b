// HTML-only mail as text: the tokenizer's text, hidden elements dropped, blocks as line breaks.
import { tokenizeHtml } from "./html-tokens.ts";
import { BIDI_CONTROLS } from "./escape.ts";

/** Elements whose content is never shown as text. */
const HIDDEN = new Set(["script", "style", "head", "title", "template", "noscript", "textarea", "select", "option", "svg", "math", "object"]);
const BLOCK = new Set(["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr", "ul", "ol", "dt", "dd"]);

/**
 * Text of an HTML document, entities decoded by the tokenizer: hidden elements' content dropped,
 * block elements become line breaks. Nothing of the markup survives, so the output is plain text
 * for escapeHtml.
 */
export function htmlToText(html: string): string {
  let out = "";
  let hidden = 0;
  for (const token of tokenizeHtml(html)) {
    if (token.kind === "text") {
      if (hidden === 0) out += token.text;
    } else if (token.kind === "start") {
      if (HIDDEN.has(token.name) && !token.selfClosing) hidden++;
      else if (hidden === 0 && BLOCK.has(token.name)) out += "\n";
    } else if (token.kind === "end") {
      if (HIDDEN.has(token.name)) hidden = Math.max(0, hidden - 1);
      else if (hidden === 0 && BLOCK.has(token.name)) out += "\n";
    }
  }
  return out
    .replace(BIDI_CONTROLS, "") // decoded from entities (&#x202E;): as in escapeHtml, they never reorder text
    .replace(/[ \t\u00a0]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

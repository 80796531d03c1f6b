// HTML-only mail as text: tags dropped, entities decoded; the result is plain text for escapeHtml.

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const BLOCK = /^(p|div|br|tr|li|h[1-6]|table|blockquote|pre|hr|ul|ol|dt|dd)$/i;

/**
 * Text of an HTML document: script, style and head contents dropped, block elements become line
 * breaks, entities decoded. Nothing of the markup survives, so the output is safe once escaped.
 */
export function htmlToText(html: string): string {
  const withoutHidden = html.replace(/<(script|style|head|title|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, "").replace(/<!--[\s\S]*?(-->|$)/g, "");
  const text = withoutHidden.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_, tag: string) => (BLOCK.test(tag) ? "\n" : "")).replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .replace(/[ \t\u00a0]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

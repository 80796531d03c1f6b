// Markdown of list.md and about.md: markdown-it with raw HTML off, so descriptions cannot inject markup.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(text: string): string {
  return md.render(text);
}

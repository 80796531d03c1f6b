// Render stage: strings of HTML from message data; escaping happens here and nowhere else.
export { escapeHtml } from "./escape.ts";
export { renderMessageBody, type MessageBodyOptions } from "./message-body.ts";
export { sanitizeHtml } from "./sanitize-html.ts";
export { renderMarkdown } from "./markdown.ts";
export { formatDate, formatMonth } from "./dates.ts";
export { htmlToText } from "./html-text.ts";
export { templateFilters, type FilterSource, type TemplateFilter } from "./template-filters.ts";
export { renderArchivePages, startRendering, ARCHIVE_PAGE_KINDS, type Rendering } from "./archive-pages.ts";
export { renderWorkerCount } from "./render-pool.ts";

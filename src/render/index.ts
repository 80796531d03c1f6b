// Render stage: strings of HTML from message data; escaping happens here and nowhere else.
export { escapeHtml } from "./escape.ts";
export { renderMessageBody } from "./message-body.ts";
export { renderMarkdown } from "./markdown.ts";
export { formatDate, formatMonth } from "./dates.ts";
export { htmlToText } from "./html-text.ts";

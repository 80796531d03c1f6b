// Message bodies as HTML: escaped plain text (HTML-only mail shown as its text), never the sender's markup.
import type { MessageBody } from "../parse/index.ts";
import { escapeHtml } from "./escape.ts";
import { htmlToText } from "./html-text.ts";

export function renderMessageBody(body: MessageBody): string {
  const text = body.text !== "" ? body.text : body.html !== null ? htmlToText(body.html) : "";
  if (text.trim() === "") return '<p class="empty-body">(no text)</p>';
  const note = body.text === "" && body.html !== null ? '<p class="html-note">This message was sent as HTML only; shown here as text.</p>\n' : "";
  return `${note}<pre class="message-text">${escapeHtml(text)}</pre>`;
}

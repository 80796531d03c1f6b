// HTML escaping: the one place message-derived text becomes HTML-safe.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Characters message text never brings into a page: NUL and the other C0 controls but tab and
 * newline, DEL, and the explicit bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which reorder the text after them (a link text `https://x.example/<U+202E>fdp.exe`
 * reads as ending in ".pdf"). The implicit marks (U+200E, U+200F) stay: they cannot reorder.
 */
const STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
/** The bidi embeddings, overrides and isolates alone, for text that is not escaped yet (see STRIPPED). */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Escapes text for HTML element content and quoted attribute values; strips the STRIPPED characters. */
export function escapeHtml(text: string): string {
  return text.replace(STRIPPED, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

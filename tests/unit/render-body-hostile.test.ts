// Hostile and absurd bodies: nothing in message text becomes markup or a dangerous link, and no input stalls the renderer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderMessageBody } from "../../src/render/message-body.ts";
import type { Privacy } from "../../src/ingest/settings.ts";

const render = (text: string, privacy: Privacy = "obfuscate") =>
  renderMessageBody({ text, rawText: text, flowed: false, html: null, charset: "utf-8", charsetSource: "declared" }, { privacy });

/** Every tag and attribute the renderer writes; whatever is left after removing them must be text. */
const KNOWN_TAG = /<\/?(?:div|pre|p|blockquote|span|details|summary|a|br)(?:\s+(?:class|data-level|aria-hidden|href|rel)(?:="[^"<>]*")?)*\s*>/g;

function assertNoMarkupFromText(html: string): void {
  const rest = html.replace(KNOWN_TAG, "");
  const at = rest.search(/[<>]/);
  assert.equal(at, -1, `markup left after removing known tags: ${rest.slice(Math.max(0, at - 60), at + 60)}`);
  for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1]!, /^(?:https?:\/\/|ftp:\/\/|mailto:)/i);
}

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1) JaVaScRiPt:alert(1) <a href=\"javascript:alert(1)\">x</a>",
  'https://x.example/"><script>alert(1)</script>',
  "https://x.example/a<b>c https://x.example/'onmouseover='alert(1)'",
  "www.x.example/\"style=x <mailto:\"><svg onload=alert(1)>@x.example>",
  "> On Mon, <script>x</script> wrote:\n>> <iframe src=javascript:alert(1)>\n-- \n<style>*{}</style>",
  "diff --git a/<x> b/<x>\n--- a/<x>\n+++ b/<x>\n@@ -1 +1 @@\n-<b>\n+</pre><script>",
  "-------------- next part --------------\nUrl : javascript:alert(1)\nName: <img src=x onerror=alert(1)>",
  "\uE0000\uE001 \uE000 text https://x.example \uE0001\uE001",
];

test("hostile text cannot produce markup: tags, attribute breakouts, javascript: URLs, quotes and angle brackets in URLs", () => {
  for (const privacy of ["obfuscate", "show", "hide"] as const) {
    for (const text of HOSTILE) assertNoMarkupFromText(render(text, privacy));
    assertNoMarkupFromText(render(HOSTILE.join("\n"), privacy));
  }
});

test("placeholder characters in the text cannot forge or duplicate a link", () => {
  const html = render("\uE0000\uE001 and https://x.example and \uE0000\uE001", "show");
  assert.equal(html.match(/<a /g)?.length, 1);
  assert.doesNotMatch(html, /\uE000|\uE001/);
});

test("absurd input stays fast: a 5 MB line, 100,000 quote markers, 200,000 addresses and 50,000 nested quotes", () => {
  const started = performance.now();
  const cases = [
    "x".repeat(5_000_000),
    "a@".repeat(500_000),
    " at a".repeat(200_000),
    "https://".repeat(300_000),
    ">".repeat(100_000) + " deep",
    Array.from({ length: 50_000 }, (_, i) => ">".repeat(i % 40) + " line").join("\n"),
    "ana@example.org ".repeat(200_000),
    "@@ -1,100000000 +1,100000000 @@\n".repeat(20_000),
    "(".repeat(100_000) + "https://x.example/" + ")".repeat(100_000),
  ];
  for (const text of cases) {
    const html = render(text);
    assert.ok(html.startsWith('<div class="msg">'));
  }
  assert.ok(performance.now() - started < 8000, `took ${Math.round(performance.now() - started)} ms`);
  assert.match(render(">".repeat(100_000) + " deep"), /data-level="24"[^>]*><span class="quote-level" aria-hidden="true">24<\/span>/);
});

test("bidi embeddings, overrides and isolates in text, links and HTML mail never reach the page; the implicit marks stay", async () => {
  const { sanitizeHtml } = await import("../../src/render/sanitize-html.ts");
  const { escapeHtml } = await import("../../src/render/escape.ts");
  const { htmlToText } = await import("../../src/render/html-text.ts");
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
  const text = render("Download https://x.example/\u202efdp.exe now \u2067left open\n> quoted \u202aembedded");
  assert.doesNotMatch(text, BIDI);
  assert.match(text, /href="https:\/\/x\.example\/fdp\.exe"/);
  const html = sanitizeHtml('<p title="\u202etitle">a &#x202E;b</p><a href="https://x.example/&#x2066;y">c\u2069</a><img alt="\u202dalt">');
  assert.doesNotMatch(html, BIDI);
  assert.equal(htmlToText("<p>a &#x202E;b\u2066c</p>"), "a bc");
  assert.equal(escapeHtml("a\u200fb\u200ec"), "a\u200fb\u200ec");
});

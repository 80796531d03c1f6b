// Two-step linkify: which URLs and addresses become links, where they end, Outlook's duplicates, and what can never be linked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findLinks, renderLinkedText } from "../../src/render/linkify.ts";

const show = (text: string) => renderLinkedText(text, "show");
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

test("http, https, ftp and www URLs become links with rel nofollow noopener, and www ones get http://", () => {
  const html = show("see http://a.example/x https://b.example/y ftp://c.example/z and www.d.example/w");
  assert.deepEqual(hrefs(html), ["http://a.example/x", "https://b.example/y", "ftp://c.example/z", "http://www.d.example/w"]);
  assert.match(html, /<a href="https:\/\/b\.example\/y" rel="nofollow noopener">https:\/\/b\.example\/y<\/a>/);
  assert.match(html, />www\.d\.example\/w<\/a>/);
});

test("trailing punctuation, a closing > and an unbalanced closing parenthesis are not part of a URL", () => {
  assert.deepEqual(hrefs(show("Read https://x.example/a. Then https://x.example/b, or (https://x.example/c) <https://x.example/d>")), [
    "https://x.example/a",
    "https://x.example/b",
    "https://x.example/c",
    "https://x.example/d",
  ]);
  assert.deepEqual(hrefs(show("https://en.wikipedia.org/wiki/Foo_(bar)!")), ["https://en.wikipedia.org/wiki/Foo_(bar)"]);
});

test("a URL stops at quotes and angle brackets, which stay escaped text", () => {
  const html = show('https://x.example/a"onmouseover="alert(1) https://x.example/b<script>');
  assert.deepEqual(hrefs(html), ["https://x.example/a", "https://x.example/b"]);
  assert.match(html, /&quot;onmouseover=&quot;alert\(1\)/);
  assert.match(html, /&lt;script&gt;/);
});

test("Outlook's `x@y <mailto:x@y>` and `<mailto:x <mailto:x>>` collapse to one address", () => {
  assert.equal(renderLinkedText("Ana <ana@example.org <mailto:ana@example.org>>", "obfuscate"), "Ana &lt;ana at example.org&gt;");
  assert.equal(renderLinkedText("<mailto:ana@example.org <mailto:ana@example.org>>", "obfuscate"), "&lt;ana at example.org&gt;");
  const nested = "<ana at example.org <mailto:ana at example.org> <mailto:ana at example.org <mailto:ana at example.org>>>";
  assert.equal(renderLinkedText(nested, "obfuscate"), "&lt;ana at example.org&gt;");
  assert.equal(show("ana@example.org <mailto:ana@example.org>"), '<a href="mailto:ana@example.org" rel="nofollow noopener">ana@example.org</a>');
});

test("a URL followed by its own copy in angle brackets is one link", () => {
  const html = show("[2] https://lwn.net/Articles/760045/ <https://lwn.net/Articles/760045/>");
  assert.deepEqual(hrefs(html), ["https://lwn.net/Articles/760045/"]);
  assert.equal(html, '[2] <a href="https://lwn.net/Articles/760045/" rel="nofollow noopener">https://lwn.net/Articles/760045/</a>');
});

test("footnote links like [1] https://... stay linked", () => {
  assert.deepEqual(hrefs(show("[1] https://github.com/kdave/xfstests\n[2]: <http://x.example/p?q=1&r=2>")), [
    "https://github.com/kdave/xfstests",
    "http://x.example/p?q=1&amp;r=2",
  ]);
});

test("only http, https, ftp and mailto hrefs are ever written", () => {
  const html = show("javascript:alert(1) data:text/html,<b>x</b> vbscript:msgbox file:///etc/passwd JAVASCRIPT://%0aalert(1) mailto:ana@example.org");
  assert.deepEqual(hrefs(html), ["mailto:ana@example.org"]);
  for (const token of findLinks("javascript:alert('http://x.example')", "show")) assert.equal(token.kind === "url" && token.href, "http://x.example");
});

test("prose like 'look at lwn.net' is not taken for an obfuscated address, but 'timday at amazon.com' is", () => {
  assert.equal(renderLinkedText("look at lwn.net for it", "hide"), "look at lwn.net for it");
  assert.equal(renderLinkedText("write to timday at amazon.com", "hide"), "write to …");
});

test("credentials in a URL are not published under obfuscate, and the rest of the text is unchanged", () => {
  const html = renderLinkedText("ftp://ana@ftp.example.org/pub", "obfuscate");
  assert.doesNotMatch(html, /ana@/);
  assert.match(html, /ana at ftp\.example\.org/);
});

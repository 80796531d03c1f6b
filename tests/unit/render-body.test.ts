// The reading view of a body: quotes and attributions, signatures, diffs, stubs, folds, HTML-only mail, privacy, hostile input, the seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderMessageBody, type MessageBodyOptions } from "../../src/render/message-body.ts";
import type { MessageBody } from "../../src/parse/index.ts";
import type { Privacy } from "../../src/ingest/settings.ts";
import { CORPUS } from "../support/corpus.ts";

const body = (text: string, html: string | null = null): MessageBody => ({ text, rawText: text, flowed: false, html, charset: "utf-8", charsetSource: "declared" });
const render = (text: string, privacy: Privacy = "obfuscate", options: Partial<MessageBodyOptions> = {}) => renderMessageBody(body(text), { privacy, ...options });

/** Every tag and attribute the renderer writes; whatever is left after removing them must be text. */
const KNOWN_TAG = /<\/?(?:div|pre|p|blockquote|span|details|summary|a|br)(?:\s+(?:class|data-level|aria-hidden|href|rel)(?:="[^"<>]*")?)*\s*>/g;

function assertNoMarkupFromText(html: string): void {
  const rest = html.replace(KNOWN_TAG, "");
  assert.ok(!rest.includes("<") && !rest.includes(">"), `markup left after removing known tags: ${rest.slice(Math.max(0, rest.search(/[<>]/) - 60), rest.search(/[<>]/) + 60)}`);
  for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1]!, /^(?:https?:\/\/|ftp:\/\/|mailto:)/i);
}

/** The quotes of the output: level, the level of the quote around it (0 at the top) and the attribution just before it. */
function quotes(html: string): { level: number; parent: number; attribution: string | null }[] {
  const out: { level: number; parent: number; attribution: string | null }[] = [];
  const stack: number[] = [];
  for (const m of html.matchAll(/<(\/?)blockquote\b([^>]*)>/g)) {
    if (m[1] === "/") {
      stack.pop();
      continue;
    }
    const level = Number(/data-level="(\d+)"/.exec(m[2]!)?.[1]);
    const before = html.slice(0, m.index);
    const p = before.lastIndexOf('<p class="attribution');
    const attribution = p >= 0 && before.endsWith("</p>") && !before.slice(p).includes("</p><") ? before.slice(before.indexOf(">", p) + 1, -4) : null;
    out.push({ level, parent: stack[stack.length - 1] ?? 0, attribution });
    stack.push(level);
  }
  return out;
}

test("plain text is one pre.msg-text inside div.msg, escaped, with its line breaks and indentation kept", () => {
  assert.equal(render("Hi <all> & \"you\",\n\n    indented code\n  ascii   art\n"), '<div class="msg"><pre class="msg-text">Hi &lt;all&gt; &amp; &quot;you&quot;,\n\n    indented code\n  ascii   art</pre></div>');
});

test("an empty body, or one of blank lines, renders as (no text)", () => {
  assert.equal(render(""), '<p class="empty-body">(no text)</p>');
  assert.equal(render("\n  \n"), '<p class="empty-body">(no text)</p>');
});

test("quoted lines lose their > markers and nest as blockquotes with data-level and a visible level marker", () => {
  const html = render("Reply\n> one\n>> two\n> one again\nend");
  assert.match(html, /<blockquote class="quote" data-level="1"><span class="quote-level" aria-hidden="true">1<\/span><pre class="msg-text">one<\/pre><blockquote class="quote" data-level="2"/);
  assert.deepEqual(quotes(html).map((q) => [q.level, q.parent]), [[1, 0], [2, 1]]);
  assert.doesNotMatch(html, /&gt;/);
});

test("`> >`, `>>` and `>  >` give the same level, and one space after the markers is dropped, more is kept", () => {
  for (const prefix of [">>", "> >", ">  >", ">> "]) {
    const html = render(`${prefix}x`);
    assert.deepEqual(quotes(html).map((q) => q.level), [1, 2], prefix);
    assert.match(html, /<pre class="msg-text">x<\/pre>/, prefix);
  }
  assert.match(render(">   indented"), /<pre class="msg-text">  indented<\/pre>/);
});

test("blank quoted lines keep the paragraphs of a quote, and a blank deeper line between quoted lines is a blank line", () => {
  assert.match(render("> para one\n>\n> para two"), /<pre class="msg-text">para one\n\npara two<\/pre>/);
  assert.match(render("> para one\n>>\n> para two"), /<pre class="msg-text">para one\n\npara two<\/pre>/);
});

test("a lone >From line (mboxrd's escape) is text, not a quote", () => {
  assert.equal(render("Hello\n>From here on, it works\nBye"), '<div class="msg"><pre class="msg-text">Hello\nFrom here on, it works\nBye</pre></div>');
});

test("an attribution line is rendered just before the quote it introduces, inside the enclosing level", () => {
  const html = render("On Tue, 4 Mar 2025, Ana wrote:\n> On Mon, Bo wrote:\n>> old\n> newer\n\nnewest");
  assert.deepEqual(quotes(html), [
    { level: 1, parent: 0, attribution: "On Tue, 4 Mar 2025, Ana wrote:" },
    { level: 2, parent: 1, attribution: "On Mon, Bo wrote:" },
  ]);
});

test("an attribution with a blank line under it still introduces the quote, and one wrapped onto two lines is joined", () => {
  assert.equal(quotes(render("Ana Souza <ana@example.org> writes:\n\n> text"))[0]!.attribution, "Ana Souza &lt;ana at example.org&gt; writes:");
  assert.equal(
    quotes(render("On Tue, Mar 4, 2025 at 10:12 AM Ana Souza <\nana@example.org> wrote:\n> text"))[0]!.attribution,
    "On Tue, Mar 4, 2025 at 10:12 AM Ana Souza &lt; ana at example.org&gt; wrote:",
  );
});

test("an attribution that opens its own quote (Apple Mail, Outlook) is lifted before that quote", () => {
  const html = render("reply\n> On 1/22/25, 6:14 AM, \"Bo\" <bo@example.org> wrote:\n>\n> Ana,\n>> 22 янв. 2025 г., в 09:35, Ana <ana@example.org> написал(а):\n>>\n>> draft\n> answer");
  assert.deepEqual(quotes(html), [
    { level: 1, parent: 0, attribution: 'On 1/22/25, 6:14 AM, &quot;Bo&quot; &lt;bo at example.org&gt; wrote:' },
    { level: 2, parent: 1, attribution: "22 янв. 2025 г., в 09:35, Ana &lt;ana at example.org&gt; написал(а):" },
  ]);
  assert.match(html, /<pre class="msg-text">Ana,<\/pre><p class="attribution">22 янв/);
});

test("attribution lines in other mailers' forms and languages introduce the quote under them", () => {
  for (const line of ["Ana Souza <ana at example.org> writes:", "Am 04.03.2025 um 10:12 schrieb Ana Souza:", "* Rob Funk <rfunk at funknet.net> [2004-11-10 13:20]:"]) {
    assert.notEqual(quotes(render(`${line}\n> quoted\n\nreply`))[0]!.attribution, null, line);
  }
  for (const line of ["Here is the log:", "Steps to reproduce:"]) assert.equal(quotes(render(`${line}\n> quoted`))[0]!.attribution, null, line);
});

test("the signature after `-- ` is a div.signature with the separator kept; a bare `--` opens one only near the end", () => {
  assert.match(render("text\n-- \nAna Souza\nExample Org"), /<pre class="msg-text">text<\/pre><div class="signature"><pre class="msg-text">-- \nAna Souza\nExample Org<\/pre><\/div>/);
  assert.match(render("text\n--\nAna"), /<div class="signature"><pre class="msg-text">--\nAna<\/pre>/);
  assert.match(render("text\n--Ana"), /<div class="signature"><pre class="msg-text">--Ana<\/pre>/);
  const long = `part one\n--\n${"more text\n".repeat(30)}`;
  assert.doesNotMatch(render(long), /signature/);
});

test("a signature ends where a next-part stub or an Outlook-quoted original begins", () => {
  const html = render("reply\n-- \nAna\n-----Original Message-----\nFrom: Bo\nSent: Monday\nTo: list\nSubject: x\n\nthe original");
  assert.match(html, /<div class="signature"><pre class="msg-text">-- \nAna<\/pre><\/div><p class="attribution quoted-headers">/);
});

test("a closing name after the last quote, or under a valediction, is the signature", () => {
  assert.match(render("> question\nanswer\n> more\nTim Day"), /<div class="signature"><pre class="msg-text">Tim Day<\/pre><\/div><\/div>$/);
  assert.match(render("The fix is in.\n\nThanks,\nAna"), /<pre class="msg-text">The fix is in.<\/pre><div class="signature"><pre class="msg-text">Thanks,\nAna<\/pre>/);
  assert.match(render("Looks fine.\n\nBest regards\nana"), /<pre class="msg-text">Best regards\nana<\/pre>/);
});

test("a top-posted reply keeps its signature and closing above the attribution of the mail it quotes", () => {
  const html = render("Sounds good.\n\n-- \nAna\n\nOn Mon, Bo <bo@example.org> wrote:\n> question\n> more");
  assert.match(html, /<pre class="msg-text">Sounds good\.<\/pre><div class="signature"><pre class="msg-text">-- \nAna<\/pre><\/div><p class="attribution">On Mon, Bo/);
  const closing = render("Fine by me.\n\nRegards,\n\nHervé\n\nLe jeudi 9 novembre 2017, Manfred a écrit :\n> Hi all");
  assert.match(closing, /<div class="signature"><pre class="msg-text">Regards,\n\nHervé<\/pre><\/div><p class="attribution">Le jeudi/);
});

test("a short reply after a quote is not taken for a signature", () => {
  for (const reply of ["Sure", "Applied, thanks.", "Agreed.", "ok", "I will look at it tomorrow"]) assert.doesNotMatch(render(`> question\n${reply}`), /signature/, reply);
  assert.doesNotMatch(render("One sentence of text\nAna Souza"), /signature/);
});

test("a git diff is a pre.diff with file, hunk, add and del lines, also inside a quote", () => {
  const patch = "diff --git a/x.c b/x.c\nindex 1234567..89abcde 100644\n--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n int a;\n-int b;\n+long b;\n int c;";
  const html = render(`Please review:\n\n${patch}\n\nThanks`);
  assert.match(
    html,
    /<pre class="diff"><span class="diff-file">diff --git a\/x\.c b\/x\.c<\/span>\n<span class="diff-file">index 1234567\.\.89abcde 100644<\/span>\n<span class="diff-file">--- a\/x\.c<\/span>\n<span class="diff-file">\+\+\+ b\/x\.c<\/span>\n<span class="diff-hunk">@@ -1,3 \+1,3 @@<\/span>\n int a;\n<span class="diff-del">-int b;<\/span>\n<span class="diff-add">\+long b;<\/span>\n int c;<\/pre><pre class="msg-text">Thanks<\/pre>/,
  );
  const quoted = render(`On Mon, Bo wrote:\n${patch.split("\n").map((l) => `> ${l}`).join("\n")}\n\nWhy long?`);
  assert.match(quoted, /<blockquote class="quote" data-level="1"[^>]*><span class="quote-level" aria-hidden="true">1<\/span><pre class="diff">/);
});

test("a removed line `-- ` inside a hunk is part of the diff, not a signature", () => {
  const html = render("@@ -1,2 +1,1 @@\n-- \n old\nafter");
  assert.match(html, /<span class="diff-del">-- <\/span>/);
  assert.doesNotMatch(html, /signature/);
});

test("a quoted piece of a hunk without its @@ header is shown as a diff, but a list of - and + bullets is not", () => {
  assert.match(render("> \tlock = alloc();\n> -\tsprintf(lock, x);\n> +\tstrcpy(lock, x);\n\nWhy?"), /<pre class="diff">\tlock = alloc\(\);\n<span class="diff-del">/);
  assert.doesNotMatch(render("Pros and cons:\n\n+ fast\n- big\n+ simple"), /class="diff"/);
});

test("an Outlook -----Original Message----- block opens a quote level with its headers as the attribution", () => {
  const html = render("Top reply.\n\n-----Original Message-----\nFrom: Ana Souza [mailto:ana@example.org]\nSent: Tuesday, March 4, 2025 10:12 AM\nTo: list@example.org\nSubject: RE: x\n\nThe original text.\n> and what it quoted");
  assert.deepEqual(quotes(html).map((q) => [q.level, q.parent]), [[1, 0], [2, 1]]);
  assert.match(
    html,
    /<p class="attribution quoted-headers">-----Original Message-----<br>From: Ana Souza \[ana at example\.org\]<br>Sent: Tuesday, March 4, 2025 10:12 AM<br>To: list at example\.org<br>Subject: RE: x<\/p><blockquote class="quote" data-level="1"[^>]*><span class="quote-level" aria-hidden="true">1<\/span><pre class="msg-text">The original text\.<\/pre>/,
  );
});

test("Outlook's From/Sent/To/Subject block under a line of underscores, without a separator, is a quote too; a lone From: line is not", () => {
  const html = render("Yes.\n\n________________________________\nFrom: Ana Souza <ana@example.org>\nSent: Tuesday\nTo: Bo\nSubject: x\n\nOriginal.");
  assert.deepEqual(quotes(html).map((q) => q.level), [1]);
  assert.match(html, /<p class="attribution quoted-headers">_{32}<br>From: Ana Souza/);
  assert.deepEqual(quotes(render("From: Ana\nTo: Bo\nSubject: a bug report\n\ntext")), []);
});

test("pipermail's next-part stub is a p.next-part with its lines and its URL linked", () => {
  const html = render("text\n-------------- next part --------------\nA non-text attachment was scrubbed...\nName: signature.asc\nType: application/pgp-signature\nSize: 189 bytes\nDesc: Digital signature\nUrl : http://lists.example.org/pipermail/x/attachments/2007/a.bin");
  assert.match(
    html,
    /<p class="next-part">-------------- next part --------------<br>A non-text attachment was scrubbed\.\.\.<br>Name: signature\.asc<br>.*<br>Url : <a href="http:\/\/lists\.example\.org\/pipermail\/x\/attachments\/2007\/a\.bin" rel="nofollow noopener">/,
  );
});

test("the list footer is a div.list-footer and stays outside an Outlook-quoted original", () => {
  const footer = "_______________________________________________\nx-devel mailing list\nhttp://lists.example.org/listinfo/x-devel";
  const html = render(`Reply.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\nSubject: y\n\nOriginal.\n${footer}\n${footer}`);
  assert.match(html, /<\/blockquote><div class="list-footer"><pre class="msg-text">_{47}\nx-devel mailing list\n<a href/);
  assert.equal(html.match(/list-footer/g)?.length, 2);
  assert.ok(html.indexOf("list-footer") < html.lastIndexOf("</blockquote>"), "the quoted original's own footer stays in the quote");
});

test("ezmlm's dashed footer (Apache lists) is a list footer too, quoted or not", () => {
  const footer = `${"-".repeat(69)}\nTo unsubscribe, e-mail: dev-unsubscribe@maven.apache.org\nFor additional commands, e-mail: dev-help@maven.apache.org`;
  const html = render(`Reply.\n\n> Hi all\n${footer.replace(/^/gm, "> ")}\n\n${footer}`);
  assert.equal(html.match(/<div class="list-footer"><pre class="msg-text">-{69}\nTo unsubscribe, e-mail: dev-unsubscribe at maven\.apache\.org/g)?.length, 2);
});

test("quotes fold above 12 visible lines at level 1 and above 4 deeper, a short first quote stays open, and the summary counts lines", () => {
  const lines = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}line ${i}`).join("\n");
  assert.doesNotMatch(render(`${lines(12, "> ")}\nreply`), /quote-fold/);
  assert.match(render(`${lines(13, "> ")}\nreply`), /<details class="quote-fold"><summary>13 quoted lines<\/summary>/);
  const nested = render(`${lines(3, "> ")}\n${lines(5, ">> ")}\n${lines(2, "> ")}\nreply`);
  assert.match(nested, /data-level="1"[^>]*><span class="quote-level" aria-hidden="true">1<\/span><pre/, "level 1 stays open: 5 own lines + 1 folded");
  assert.match(nested, /data-level="2"[^>]*><span class="quote-level" aria-hidden="true">2<\/span><details class="quote-fold"><summary>5 quoted lines<\/summary>/);
  assert.doesNotMatch(render(`> a\n${lines(4, ">> ")}\nreply`), /quote-fold/);
});

test("an HTML-only message shows the sanitiser's output and its text under Show as plain text", () => {
  const html = renderMessageBody(body("", "<p>Hi <b>all</b> ana@example.org</p>"), { privacy: "obfuscate", sanitizeHtml: () => "<p>SANITISED</p>" });
  assert.equal(
    html,
    '<div class="msg msg-html"><p>SANITISED</p><details class="msg-text-alternative"><summary>Show as plain text</summary><pre class="msg-text">Hi all ana at example.org</pre></details></div>',
  );
});

test("an HTML-only message goes through sanitize-html.ts when no sanitiser is given", () => {
  const html = renderMessageBody(body("", '<p onclick="x()">hi<script>alert(1)</script><img src=x onerror=alert(1)></p>'), { privacy: "obfuscate" });
  assert.match(html, /^<div class="msg msg-html">/);
  assert.doesNotMatch(html, /<script|onerror|onclick/i);
});

const PRIVACY_TEXT = [
  "On Tue, Ana Souza <ana@example.org> wrote:",
  "> -----Original Message-----",
  "> From: Bo <bo@example.org>",
  "> Sent: Monday",
  "> To: list <list@example.org>",
  "> Subject: x",
  ">",
  ">> Write to <mailto:cy@example.org> or dee@example.org <mailto:dee@example.org>.",
  "",
  "Mail me at ed@example.org",
  "-- ",
  "Ed <ed@example.org>",
].join("\n");

test("under obfuscate every address (attribution, quoted headers, mailto, signature) reads user at host and no mailto link is written", () => {
  const html = render(PRIVACY_TEXT, "obfuscate");
  assert.doesNotMatch(html, /@|mailto/);
  for (const user of ["ana", "bo", "list", "cy", "dee", "ed"]) assert.match(html, new RegExp(`${user} at example\\.org`));
  assert.equal(quotes(html)[0]!.attribution, "On Tue, Ana Souza &lt;ana at example.org&gt; wrote:");
  assert.match(html, /dee at example\.org\./);
});

test("under hide addresses become … and the names stay", () => {
  const html = render(PRIVACY_TEXT, "hide");
  assert.doesNotMatch(html, /@|mailto|example\.org/);
  assert.equal(quotes(html)[0]!.attribution, "On Tue, Ana Souza &lt;…&gt; wrote:");
  assert.match(html, /Ed &lt;…&gt;/);
  assert.equal(render("From pipermail: timday at amazon.com", "hide"), '<div class="msg"><pre class="msg-text">From pipermail: …</pre></div>');
});

test("under show addresses are written out and linked with mailto, and pipermail's <user at host> is de-obfuscated", () => {
  const html = render(PRIVACY_TEXT, "show");
  assert.match(html, /<a href="mailto:ana@example\.org" rel="nofollow noopener">ana@example\.org<\/a>/);
  assert.equal(html.match(/href="mailto:dee@example\.org"/g)?.length, 1);
  assert.match(render("Tim <timday at amazon.com> wrote:\n> x", "show"), /<a href="mailto:timday@amazon\.com" rel="nofollow noopener">timday@amazon\.com<\/a>/);
  assert.match(render("write timday at amazon.com", "show"), /write timday at amazon\.com/);
});

test("pipermail's obfuscated addresses stay as written under obfuscate", () => {
  assert.equal(render("timday at amazon.com <mailto:timday at amazon.com>", "obfuscate"), '<div class="msg"><pre class="msg-text">timday at amazon.com</pre></div>');
});

const SEED = join(CORPUS, "..", "seed-message.txt");
const seedSkip = existsSync(SEED) ? false : `${SEED} not found (../shared absent): seed test skipped`;

test("the seed message renders four nested quote levels, each attribution before its quote, its links, and Tim Day's signature", { skip: seedSkip }, () => {
  const text = readFileSync(SEED, "utf8").split("\n").slice(4).join("\n");
  const html = render(text, "obfuscate");
  assertNoMarkupFromText(html);
  const all = quotes(html);
  // Levels 1 to 4, each inside the one before.
  assert.deepEqual(all.slice(0, 4).map((q) => [q.level, q.parent]), [[1, 0], [2, 1], [3, 2], [4, 3]]);
  const introduced = (start: string) => all.find((q) => q.attribution?.startsWith(start));
  assert.deepEqual(introduced("On 1/22/25, 12:48 PM, &quot;Alexey Lyahkov&quot;"), {
    level: 1,
    parent: 0,
    attribution: "On 1/22/25, 12:48 PM, &quot;Alexey Lyahkov&quot; &lt;alexey.lyashkov at gmail.com&gt; wrote:",
  });
  assert.deepEqual(introduced("On 22 Jan 2025, at 20:17, Day, Timothy"), { level: 2, parent: 1, attribution: "On 22 Jan 2025, at 20:17, Day, Timothy &lt;timday at amazon.com&gt; wrote:" });
  assert.deepEqual(introduced("On 1/22/25, 6:14 AM"), { level: 3, parent: 2, attribution: "On 1/22/25, 6:14 AM, &quot;Alexey Lyahkov&quot; &lt;alexey.lyashkov at gmail.com&gt; wrote:" });
  assert.deepEqual(introduced("22 янв. 2025 г., в 09:35, Day, Timothy"), {
    level: 4,
    parent: 3,
    attribution: "22 янв. 2025 г., в 09:35, Day, Timothy &lt;timday at amazon.com&gt; написал(а):",
  });
  assert.doesNotMatch(html, /mailto/);
  for (const url of ["https://lwn.net/Articles/760045/", "https://github.com/kdave/xfstests", "https://git.whamcloud.com/?p=fs/lustre-release.git;a=blob_plain;f=lustre/ChangeLog;hb=HEAD"]) {
    assert.equal(html.split(`<a href="${url}" rel="nofollow noopener">${url}</a>`).length - 1, 1, url);
  }
  assert.match(html, /<div class="signature"><pre class="msg-text">Tim Day<\/pre><\/div>/);
  assert.match(html, /<div class="list-footer"><pre class="msg-text">More information about the lustre-devel\nmailing list<\/pre><\/div><\/div>$/);
});

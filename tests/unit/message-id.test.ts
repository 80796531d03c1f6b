import { test } from "node:test";
import assert from "node:assert/strict";
import { extractMessageIds, normalizeMessageId } from "../../src/parse/message-id.ts";

test("a plain References value yields its ids in order", () => {
  assert.deepEqual(extractMessageIds("<a1@example.org> <b2@example.org>\r\n\t<c3@example.org>"), [
    "<a1@example.org>",
    "<b2@example.org>",
    "<c3@example.org>",
  ]);
});

test("ids keep their case and their brackets", () => {
  assert.deepEqual(extractMessageIds("<AbC.12$x@Mail.Example.COM>"), ["<AbC.12$x@Mail.Example.COM>"]);
});

test("repeated ids are listed once, at their first place", () => {
  assert.deepEqual(extractMessageIds("<a@x.org> <b@x.org> <a@x.org>"), ["<a@x.org>", "<b@x.org>"]);
});

test("whitespace and folding inside an id are removed", () => {
  assert.deepEqual(extractMessageIds("<1234.5678@\r\n mail.example.org>"), ["<1234.5678@mail.example.org>"]);
});

test("ids without separating spaces are all found", () => {
  assert.deepEqual(extractMessageIds("<a@x.org><b@x.org>"), ["<a@x.org>", "<b@x.org>"]);
});

test("an In-Reply-To with a trailing (Name's message of ...) comment yields only the id", () => {
  const v = '<20040808210718.GB2855@quux.example> (Gina Wilde\'s message of "Sun, 8 Aug 2004 16:07:18 -0500")';
  assert.deepEqual(extractMessageIds(v), ["<20040808210718.GB2855@quux.example>"]);
});

test("an In-Reply-To whose comment names the sender by address yields only the id", () => {
  const v = '<200512150321.jBF3Lk8R017219@host.example> (noreply@host.example\'s message of "Wed, 14 Dec 2005 22:21:46 -0500 (EST)")';
  assert.deepEqual(extractMessageIds(v), ["<200512150321.jBF3Lk8R017219@host.example>"]);
});

test("an In-Reply-To of the form Your message of \"date\" <id> yields the id", () => {
  assert.deepEqual(extractMessageIds('Your message of "Tue, 1 Mar 2005 21:02:27 +0100." <4226C9E3.1000502@gmx.example>'), [
    "<4226C9E3.1000502@gmx.example>",
  ]);
});

test("an In-Reply-To of the form Name's message of date <id> yields the id", () => {
  assert.deepEqual(extractMessageIds("Other person's message of  Saturday, 7 April 2007 00:53:46 +0300 <200704070053.46646.op@example.com>"), [
    "<200704070053.46646.op@example.com>",
  ]);
});

test("MH's Message from Name <address> of \"date\" <id> yields the id and not the address", () => {
  const v = 'Message from "Bob Example" <bob@example.com> of "Tue, 01 Mar 2005 10:00:00 +0100." <20050301090000.AB12@mx.example.com>';
  assert.deepEqual(extractMessageIds(v), ["<20050301090000.AB12@mx.example.com>"]);
  assert.deepEqual(extractMessageIds("message from Bob Example <bob@example.com>"), []);
});

test("a bracketed address followed by a possessive is not an id", () => {
  assert.deepEqual(extractMessageIds('<bob@example.com>\'s message of "Tue, 1 Mar 2005" <id.1@example.com>'), ["<id.1@example.com>"]);
});

test("a bracketed copy of an address written bare in the text is not an id", () => {
  assert.deepEqual(extractMessageIds('bob@example.com wrote on "Tue" <BOB@example.com> <id.2@example.com>'), ["<id.2@example.com>"]);
});

test("a from followed by a date rather than a name does not hide the id", () => {
  assert.deepEqual(extractMessageIds("Your message from Tue, 1 Mar 2005 10:00 <x1@example.com>"), ["<x1@example.com>"]);
});

test("an id alone is kept even when it looks like an address", () => {
  assert.deepEqual(extractMessageIds("<bob@example.com>"), ["<bob@example.com>"]);
});

test("empty brackets and git send-email's <yes> are dropped", () => {
  assert.deepEqual(extractMessageIds("<> <yes> <y> <real@example.org>"), ["<real@example.org>"]);
  assert.deepEqual(extractMessageIds("<yes>"), []);
});

test("a long generated id without @ is kept", () => {
  assert.deepEqual(extractMessageIds("<20050301.ABCD1234>"), ["<20050301.ABCD1234>"]);
});

test("URLs in brackets are not ids", () => {
  assert.deepEqual(extractMessageIds("see <http://example.org/msg/12345> and <mailto:a@b.example>"), []);
});

test("a truncated id followed by a whole one yields only the whole one", () => {
  assert.deepEqual(extractMessageIds("<m3a@example.org> <440BFA0C.40408@wowco <20060308080937.GA1275@example.org>"), [
    "<m3a@example.org>",
    "<20060308080937.GA1275@example.org>",
  ]);
});

test("an unclosed id is dropped", () => {
  assert.deepEqual(extractMessageIds("<200704070053.46646.other.person@example"), []);
});

test("a bare id without brackets is accepted when it is the whole value", () => {
  assert.deepEqual(extractMessageIds("  1234.5678@host.example  "), ["<1234.5678@host.example>"]);
});

test("bare words in free text are not taken as ids", () => {
  assert.deepEqual(extractMessageIds("your mail to bob@example.com yesterday"), []);
  assert.deepEqual(extractMessageIds("no-at-sign"), []);
  assert.deepEqual(extractMessageIds(""), []);
});

test("a huge References value is handled quickly", () => {
  const v = Array.from({ length: 5000 }, (_, i) => `<id${i}@example.org>`).join(" ");
  const started = performance.now();
  const ids = extractMessageIds(v);
  assert.equal(ids.length, 5000);
  assert.ok(performance.now() - started < 500);
  assert.doesNotThrow(() => extractMessageIds("<".repeat(200_000)));
});

test("normalizeMessageId keeps the first id as written", () => {
  assert.equal(normalizeMessageId("  <Ab.CD@Example.ORG>  "), "<Ab.CD@Example.ORG>");
  assert.equal(normalizeMessageId("<a@x.org> <b@x.org>"), "<a@x.org>");
  assert.equal(normalizeMessageId("<a@x.org> (added by relay)"), "<a@x.org>");
});

test("normalizeMessageId adds brackets to a single bare token", () => {
  assert.equal(normalizeMessageId("1234@host.example"), "<1234@host.example>");
  assert.equal(normalizeMessageId("<1234@host.example"), "<1234@host.example>");
  assert.equal(normalizeMessageId("1234@host.example>"), "<1234@host.example>");
});

test("normalizeMessageId removes folding whitespace inside the id", () => {
  assert.equal(normalizeMessageId("<1234@\r\n host.example>"), "<1234@host.example>");
});

test("normalizeMessageId keeps ids with odd characters", () => {
  assert.equal(normalizeMessageId("<019801ca633f$f4376140$dca623c0$@yang@example.com>"), "<019801ca633f$f4376140$dca623c0$@yang@example.com>");
  assert.equal(normalizeMessageId("<12345>"), "<12345>");
});

test("normalizeMessageId gives null for empty or junk values", () => {
  for (const v of ["", "   ", "<>", "< >", "two words", "<"]) assert.equal(normalizeMessageId(v), null, JSON.stringify(v));
});

test("normalizeMessageId is idempotent", () => {
  for (const v of ["<a@b.c>", "x@y.z", " <p q@r.s> ", "<12345>"]) {
    const once = normalizeMessageId(v);
    assert.ok(once !== null);
    assert.equal(normalizeMessageId(once), once);
  }
});

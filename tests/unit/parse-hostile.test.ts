// Parsing hostile headers and MIME structure: encoded words cannot pose as structure, bidi controls go, broken structure is reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMessage } from "../../src/parse/index.ts";
import { parseFromHeader } from "../../src/parse/address.ts";
import { decodeHeaderBytes, decodeHeaderWords } from "../../src/parse/encoded-words.ts";
import { Diagnostics } from "../../src/report/diagnostics.ts";
import type { RawMessage } from "../../src/ingest/types.ts";
import { nestedMime } from "../support/hostile-content.ts";

async function parse(text: string) {
  const diagnostics = new Diagnostics();
  const raw: RawMessage = { bytes: Buffer.from(text), locator: { path: "x.eml", index: 0, offset: 0 }, format: "eml", envelope: null };
  const message = await parseMessage(raw, { fallbackCharset: "windows-1252", knownTags: [] }, diagnostics.at("list/x.eml", 0));
  return { message, diagnostics: diagnostics.items };
}

const words = (text: string) => decodeHeaderWords(text, "windows-1252");

test("an encoded word holding markup and brackets stays the name and cannot take the address's place", async () => {
  const { message } = await parse("From: =?utf-8?q?=3Cimg_src=3Dx_onerror=3Dalert=281=29=3E?= <ana@example.org>\nMessage-ID: <a@x>\n\nhi\n");
  assert.deepEqual(message.from, { name: "<img src=x onerror=alert(1)>", address: "ana@example.org" });
  assert.deepEqual(parseFromHeader("=?utf-8?q?Bob_=3Cbob=40evil.example=3E?= <ana@example.org>", words), { name: "Bob <bob@evil.example>", address: "ana@example.org" });
});

test("a whole From value in one encoded word, as broken mailers write it, is still read", () => {
  assert.deepEqual(parseFromHeader("=?utf-8?q?Ana_Souza_=3Cana=40example=2Eorg=3E?=", words), { name: "Ana Souza", address: "ana@example.org" });
  assert.deepEqual(parseFromHeader('"=?iso-8859-1?q?J=F6rg?=" <jorg@example.org>', words), { name: "Jörg", address: "jorg@example.org" });
});

test("bidi embeddings, overrides and isolates are removed from header text, raw or encoded; the implicit marks stay", () => {
  assert.equal(decodeHeaderBytes(Buffer.from("Invoice \u202efdp.exe \u2067x\u2069 \u202ay\u202c", "utf8"), "windows-1252"), "Invoice fdp.exe x y");
  assert.equal(decodeHeaderBytes(Buffer.from("=?utf-8?q?a=E2=80=AEb=E2=81=A6c?="), "windows-1252"), "abc");
  assert.equal(decodeHeaderBytes(Buffer.from("a\u200fb\u200ec", "utf8"), "windows-1252"), "a\u200fb\u200ec");
});

test("a junk media type is taken as application/octet-stream", async () => {
  const { message } = await parse(
    'Message-ID: <a@x>\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\ntext\n--b\nContent-Type: <script>/<svg onload=alert(1)>; name="x.txt"\n\nfile\n--b--\n',
  );
  assert.deepEqual(message.attachments.map((a) => [a.filename, a.contentType]), [["x.txt", "application/octet-stream"]]);
});

test("a multipart that is never closed keeps its parts and is reported with the file and index", async () => {
  const { message, diagnostics } = await parse(
    'Message-ID: <a@x>\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\ntext\n--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename="f.txt"\n\nunfinished\n',
  );
  assert.equal(message.body.text.trim(), "text");
  assert.equal(message.attachments[0]?.content.toString(), "unfinished\n");
  const d = diagnostics.find((x) => x.code === "mime-structure");
  assert.deepEqual([d?.path, d?.index], ["list/x.eml", 0]);
  assert.match(d!.message, /1 multipart part\(s\) never closed/);
});

test("closed multiparts are not reported, also when their closing lines follow one another", async () => {
  const { message, diagnostics } = await parse(nestedMime(60, "<deep@x>"));
  assert.deepEqual(diagnostics.filter((d) => d.code === "mime-structure"), []);
  assert.match(message.body.text, /The leaf at depth 60/);
  assert.deepEqual(message.attachments.map((a) => a.filename), ["deep-60.html"]);
});

test("a multipart without a boundary parameter keeps its content as text instead of losing it", async () => {
  const { message, diagnostics } = await parse("Message-ID: <a@x>\nContent-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nthe words\n--x--\n");
  assert.match(message.body.text, /the words/);
  assert.ok(diagnostics.some((d) => d.code === "mime-structure" && /without a boundary/.test(d.message)));
});

test("3,000-deep MIME nesting stops at the splitter's limit with a diagnostic, quickly", async () => {
  const started = performance.now();
  const { diagnostics } = await parse(nestedMime(3000, "<deeper@x>"));
  assert.ok(diagnostics.some((d) => d.code === "mime-structure" && /child nodes/.test(d.message)));
  assert.ok(performance.now() - started < 2000);
});

test("a message naming itself in References or In-Reply-To is reported and does not list itself", async () => {
  const { message, diagnostics } = await parse("Message-ID: <self@x>\nIn-Reply-To: <self@x>\nReferences: <root@x> <self@x>\n\nhi\n");
  assert.deepEqual(message.references, ["<root@x>"]);
  assert.equal(message.inReplyTo, null);
  assert.equal(diagnostics.filter((d) => d.code === "references-self").length, 1);
});

test("the body text shown and searched loses bidi overrides; the raw text keeps them", async () => {
  const { message } = await parse("Message-ID: <a@x>\nContent-Type: text/plain; charset=utf-8\n\nInvoice \u202efdp.exe\n");
  assert.equal(message.body.text, "Invoice fdp.exe\n");
  assert.equal(message.body.rawText, "Invoice \u202efdp.exe\n");
});

test("a named attachment inside an alternative rendering is kept, not dropped with the rendering it belongs to", async () => {
  const { message } = await parse(
    'Message-ID: <a@x>\nContent-Type: multipart/alternative; boundary="a"\n\n--a\nContent-Type: text/plain\n\nthe text\n--a\nContent-Type: multipart/related; boundary="r"\n\n--r\nContent-Type: text/html\n\n<p>the html</p>\n--r\nContent-Type: image/png; name="logo.png"\nContent-Disposition: inline; filename="logo.png"\n\npng\n--r--\n--a--\n',
  );
  assert.equal(message.body.text.trim(), "the text");
  assert.deepEqual(message.attachments.map((a) => a.filename), ["logo.png"]);
});

// MIME bodies: which part is the text, charsets of unlabelled 8-bit text, format=flowed, attachments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMessage } from "../../src/parse/index.ts";
import { unflow } from "../../src/parse/flowed.ts";
import { sanitizeAttachmentName } from "../../src/parse/attachment-name.ts";
import { decodeQuotedPrintable } from "../../src/parse/transfer-encoding.ts";
import { ignoreDiagnostics } from "../../src/report/diagnostics.ts";
import type { RawMessage } from "../../src/ingest/types.ts";

function raw(text: string | Buffer, format: RawMessage["format"] = "eml"): RawMessage {
  return { bytes: Buffer.isBuffer(text) ? text : Buffer.from(text), locator: { path: "x", index: 0, offset: 0 }, format, envelope: null };
}
const parse = (text: string | Buffer, fallbackCharset = "windows-1252") => parseMessage(raw(text), { fallbackCharset, knownTags: [] }, ignoreDiagnostics);

test("multipart/alternative shows the text/plain part and drops the HTML rendering of it", async () => {
  const m = await parse(
    'Message-ID: <a@x>\nContent-Type: multipart/alternative; boundary="b"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nplain words\n--b\nContent-Type: text/html\n\n<p>html words</p>\n--b--\n',
  );
  assert.equal(m.body.text.trim(), "plain words");
  assert.equal(m.body.html, null);
  assert.deepEqual(m.attachments, []);
});

test("an HTML-only message keeps its HTML for the sanitiser and has no text", async () => {
  const m = await parse('Message-ID: <a@x>\nContent-Type: text/html; charset=utf-8\n\n<p onclick="x()">hi</p>\n');
  assert.equal(m.body.text, "");
  assert.match(m.body.html!, /<p onclick/);
});

test("unlabelled 8-bit text is UTF-8 when valid, else the list's fallback charset", async () => {
  const utf8 = await parse(Buffer.concat([Buffer.from("From: a at example.org (A)\nSubject: x\n\n"), Buffer.from("Grüße, Жора\n", "utf8")]));
  assert.equal(utf8.body.text, "Grüße, Жора\n");
  const latin = await parse(Buffer.concat([Buffer.from("Subject: x\n\n"), Buffer.from("Gr\xfc\xdfe aus K\xf6ln\n", "latin1")]));
  assert.equal(latin.body.text, "Grüße aus Köln\n");
  assert.equal(latin.body.charsetSource, "fallback");
  const koi8 = await parse(Buffer.concat([Buffer.from("Subject: x\n\n"), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x0a])]), "koi8-r");
  assert.equal(koi8.body.text, "Привет\n");
});

test("format=flowed text is reflowed for reading, and the unreflowed text is kept", async () => {
  const m = await parse("Message-ID: <a@x>\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nThis line is \nsoft-wrapped.\n> quoted \n> too\n-- \nsig\n");
  assert.equal(m.body.text, "This line is soft-wrapped.\n> quoted too\n-- \nsig\n");
  assert.match(m.body.rawText, /This line is \nsoft-wrapped/);
  assert.equal(m.body.flowed, true);
});

test("unflow honours DelSp and space-stuffing", () => {
  assert.equal(unflow("abc \ndef", true), "abcdef");
  assert.equal(unflow(" From here", false), "From here");
});

test("attachments get a sanitised name, their size and SHA-256; base64 and quoted-printable are decoded", async () => {
  const m = await parse(
    [
      "Message-ID: <a@x>",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "see attached",
      "--b",
      "Content-Type: application/octet-stream",
      'Content-Disposition: attachment; filename="../../etc/CON.txt"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("hello attachment").toString("base64"),
      "--b",
      "Content-Type: text/x-log; name*=utf-8''%D0%BB%D0%BE%D0%B3.txt",
      "Content-Disposition: attachment",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "caf=C3=A9=",
      "!",
      "--b--",
      "",
    ].join("\n"),
  );
  assert.equal(m.body.text.trim(), "see attached");
  assert.deepEqual(
    m.attachments.map((a) => [a.filename, a.size, a.content.toString()]),
    [["_CON.txt", 16, "hello attachment"], ["лог.txt", 6, "café!"]],
  );
  assert.match(m.attachments[0]!.sha256, /^[0-9a-f]{64}$/);
});

test("a text part beside another text part (not its alternative) is shown after it", async () => {
  const m = await parse('Message-ID: <a@x>\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\none\n--b\nContent-Type: text/plain\n\ntwo\n--b--\n');
  assert.match(m.body.text, /one[\s\S]*two/);
});

test("attachment names lose paths, controls and Windows-reserved forms, and are never empty", () => {
  assert.equal(sanitizeAttachmentName("C:\\Users\\x\\evil.exe", "application/x", "2"), "evil.exe");
  assert.equal(sanitizeAttachmentName("a\u0000b\u202e.txt", "text/plain", "2"), "ab.txt");
  assert.equal(sanitizeAttachmentName("...", "image/png", "1.2"), "part-1.2.png");
  assert.equal(sanitizeAttachmentName(null, "application/weird", "3"), "part-3.bin");
  assert.equal(sanitizeAttachmentName("aux", "text/plain", "3"), "_aux");
});

test("quoted-printable keeps a lone '=' and joins soft line breaks", () => {
  assert.equal(decodeQuotedPrintable(Buffer.from("a=3Db = c=\r\nd")).toString(), "a=b = cd");
});

test("a message without a Message-ID gets a stable synthetic one from its content", async () => {
  const text = "From: Ana <ana@example.org>\nDate: Tue, 4 Mar 2025 10:12:33 +0100\nSubject: x\n\nbody\n";
  const a = await parse(text);
  const b = await parse("Received: from a by b; Tue, 4 Mar 2025 10:12:40 +0100\n" + text);
  assert.equal(a.syntheticId, true);
  assert.match(a.messageId, /^<[0-9a-f]{32}@synthetic\.invalid>$/);
  assert.equal(b.messageId, a.messageId);
});

test("X-No-Archive: yes and X-Archive: no mark a message as not to be published", async () => {
  assert.equal((await parse("Message-ID: <a@x>\nX-No-Archive: yes\n\nx\n")).flags.noArchive, true);
  assert.equal((await parse("Message-ID: <a@x>\nX-Archive: no\n\nx\n")).flags.noArchive, true);
  assert.equal((await parse("Message-ID: <a@x>\n\nx\n")).flags.noArchive, false);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeBytes, isValidUtf8, normalizeCharset } from "../../src/parse/charset.ts";

const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");

test("a charset label is lower-cased and its quotes and spaces trimmed", () => {
  assert.equal(normalizeCharset(' "ISO-8859-15" '), "iso-8859-15");
  assert.equal(normalizeCharset("'Windows-1252'"), "windows-1252");
});

test("common aliases map to one canonical name", () => {
  assert.equal(normalizeCharset("UTF8"), "utf-8");
  assert.equal(normalizeCharset("latin1"), "iso-8859-1");
  assert.equal(normalizeCharset("ISO8859-1"), "iso-8859-1");
  assert.equal(normalizeCharset("iso_8859-2"), "iso-8859-2");
  assert.equal(normalizeCharset("cp1252"), "windows-1252");
  assert.equal(normalizeCharset("x-gbk"), "gbk");
  assert.equal(normalizeCharset("ks_c_5601-1987"), "euc-kr");
});

test("every spelling of ASCII becomes us-ascii", () => {
  for (const label of ["us-ascii", "US-ASCII", "ascii", "ANSI_X3.4-1968"]) assert.equal(normalizeCharset(label), "us-ascii");
});

test("unknown and made-up labels give null", () => {
  for (const label of ["x-unknown", "unknown-8bit", "unknown", "non-existing-codec", "", "   ", "base64", "hex"]) {
    assert.equal(normalizeCharset(label), null, label);
  }
});

test("an RFC 2231 language suffix on a label is ignored", () => {
  assert.equal(normalizeCharset("utf-8*en"), "utf-8");
});

test("an absurdly long label is junk", () => {
  assert.equal(normalizeCharset("utf-8".padEnd(500, "x")), null);
});

test("normalizeCharset is idempotent", () => {
  for (const label of ["UTF8", "latin1", "cp1252", "us", "ISO-2022-JP", "koi8-r"]) {
    const once = normalizeCharset(label);
    assert.ok(once !== null);
    assert.equal(normalizeCharset(once), once);
  }
});

test("isValidUtf8 accepts UTF-8 and ASCII and rejects Latin-1 bytes", () => {
  assert.equal(isValidUtf8(Buffer.from("Jörg", "utf8")), true);
  assert.equal(isValidUtf8(Buffer.from("plain", "utf8")), true);
  assert.equal(isValidUtf8(latin1("J\xf6rg")), false);
  assert.equal(isValidUtf8(Buffer.from([0xe2, 0x82])), false);
});

test("pure ASCII bytes decode as ascii whatever was declared", () => {
  assert.deepEqual(decodeBytes(Buffer.from("hello"), "iso-8859-1", "windows-1252"), { text: "hello", charset: "us-ascii", source: "ascii" });
  assert.equal(decodeBytes(Buffer.from("hello"), null, "windows-1252").source, "ascii");
});

test("a usable declared charset is used", () => {
  const r = decodeBytes(latin1("Gr\xfc\xdfe"), "ISO-8859-1", "windows-1252");
  assert.deepEqual(r, { text: "Grüße", charset: "iso-8859-1", source: "declared" });
  const koi = decodeBytes(Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), "koi8-r", "windows-1252");
  assert.equal(koi.text, "Привет");
});

test("declared iso-8859-1 text using 0x80-0x9f is read as windows-1252", () => {
  const r = decodeBytes(latin1("\x93quoted\x94 \x80 5"), "iso-8859-1", "windows-1252");
  assert.equal(r.text, "\u201cquoted\u201d \u20ac 5");
  assert.equal(r.charset, "windows-1252");
  assert.equal(r.source, "declared");
});

test("declared us-ascii over valid UTF-8 bytes decodes as UTF-8", () => {
  assert.deepEqual(decodeBytes(Buffer.from("Café", "utf8"), "us-ascii", "windows-1252"), { text: "Café", charset: "utf-8", source: "utf-8-valid" });
});

test("declared us-ascii over invalid UTF-8 uses the fallback", () => {
  assert.deepEqual(decodeBytes(latin1("Caf\xe9"), "us-ascii", "windows-1252"), { text: "Café", charset: "windows-1252", source: "fallback" });
});

test("no declaration or an unknown one over 8-bit bytes tries UTF-8 then the fallback", () => {
  assert.equal(decodeBytes(Buffer.from("Zoë", "utf8"), null, "windows-1252").source, "utf-8-valid");
  assert.equal(decodeBytes(Buffer.from("Zoë", "utf8"), "x-unknown", "windows-1252").source, "utf-8-valid");
  const fb = decodeBytes(latin1("Zo\xeb"), "non-existing-codec", "iso-8859-15");
  assert.deepEqual(fb, { text: "Zoë", charset: "iso-8859-15", source: "fallback" });
});

test("declared UTF-8 that is not valid UTF-8 uses the fallback", () => {
  assert.deepEqual(decodeBytes(latin1("na\xefve"), "utf-8", "windows-1252"), { text: "naïve", charset: "windows-1252", source: "fallback" });
});

test("an unusable fallback label falls back to windows-1252", () => {
  const r = decodeBytes(latin1("\xe9t\xe9"), null, "no-such-charset");
  assert.equal(r.charset, "windows-1252");
  assert.equal(r.text, "été");
});

test("ISO-2022-JP is decoded although it is 7-bit", () => {
  // "日本語" in ISO-2022-JP: ESC $ B, JIS X 0208 pairs, ESC ( B.
  const bytes = Buffer.from([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x38, 0x6c, 0x1b, 0x28, 0x42, 0x21]);
  assert.deepEqual(decodeBytes(bytes, "ISO-2022-JP", "windows-1252"), { text: "日本語!", charset: "iso-2022-jp", source: "declared" });
});

test("UTF-16 is decoded with the declared charset even though its bytes look like ASCII", () => {
  const r = decodeBytes(Buffer.from("hi", "utf16le"), "utf-16le", "windows-1252");
  assert.equal(r.text, "hi");
  assert.equal(r.source, "declared");
});

test("decodeBytes never throws on odd input", () => {
  assert.doesNotThrow(() => decodeBytes(Buffer.alloc(0), "utf-8", "windows-1252"));
  assert.doesNotThrow(() => decodeBytes(Buffer.from([0xff, 0xfe, 0x00]), "utf-32", "windows-1252"));
  assert.equal(decodeBytes(Buffer.alloc(0), null, "windows-1252").text, "");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeEncodedWords, decodeHeaderBytes } from "../../src/parse/encoded-words.ts";

const FB = "windows-1252";

test("a Q-encoded word is decoded, with underscores as spaces", () => {
  assert.equal(decodeEncodedWords("=?iso-8859-1?q?J=F6rg_M=FCller?=", FB), "Jörg Müller");
});

test("a B-encoded word is decoded", () => {
  assert.equal(decodeEncodedWords("=?UTF-8?B?SsO2cmc=?=", FB), "Jörg");
});

test("charset and encoding letters are matched in any case", () => {
  assert.equal(decodeEncodedWords("=?Utf-8?b?SsO2cmc=?= and =?ISO-8859-1?Q?=E9?=", FB), "Jörg and é");
});

test("whitespace between adjacent encoded words is dropped", () => {
  assert.equal(decodeEncodedWords("=?utf-8?q?Hello?= \r\n =?utf-8?q?_world?=", FB), "Hello world");
});

test("whitespace between adjacent encoded words in different charsets is dropped too", () => {
  assert.equal(decodeEncodedWords("=?iso-8859-1?q?caf=E9?= =?utf-8?q?_=C3=A0_nous?=", FB), "café à nous");
});

test("whitespace between an encoded word and plain text is kept", () => {
  assert.equal(decodeEncodedWords("Re: =?utf-8?q?na=C3=AFve?= question", FB), "Re: naïve question");
});

test("a UTF-8 character split across two adjacent words is rebuilt", () => {
  // "é" is C3 A9: the first word ends after C3, the second starts with A9.
  assert.equal(decodeEncodedWords("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=", FB), "café");
  // The same split in base64: "caf\xC3" and "\xA9!".
  const a = Buffer.from([0x63, 0x61, 0x66, 0xc3]).toString("base64");
  const b = Buffer.from([0xa9, 0x21]).toString("base64");
  assert.equal(decodeEncodedWords(`=?UTF-8?B?${a}?= =?UTF-8?B?${b}?=`, FB), "café!");
});

test("an RFC 2231 language suffix on the charset is ignored", () => {
  assert.equal(decodeEncodedWords("=?iso-8859-1*de?q?Gr=FC=DFe?=", FB), "Grüße");
});

test("an unknown charset decodes its bytes as UTF-8 when valid, else with the fallback", () => {
  assert.equal(decodeEncodedWords("=?x-unknown?q?=C3=A9t=C3=A9?=", FB), "été");
  assert.equal(decodeEncodedWords("=?non-existing-codec?q?=E9t=E9?=", FB), "été");
  assert.equal(decodeEncodedWords("=?non-existing-codec?q?=E9t=E9?=", "iso-8859-7"), "ιtι");
});

test("malformed words are left as written", () => {
  assert.equal(decodeEncodedWords("=?utf-8?x?abc?=", FB), "=?utf-8?x?abc?=");
  assert.equal(decodeEncodedWords("=?utf-8?b?not*base64!?=", FB), "=?utf-8?b?not*base64!?=");
  assert.equal(decodeEncodedWords("=?utf-8?q?unterminated", FB), "=?utf-8?q?unterminated");
  assert.equal(decodeEncodedWords("price =? 3", FB), "price =? 3");
});

test("a stray equals sign inside a Q word is kept", () => {
  assert.equal(decodeEncodedWords("=?us-ascii?q?a=3Db_=ZZ?=", FB), "a=b =ZZ");
});

test("an encoded word inside pipermail's From text is decoded", () => {
  assert.equal(
    decodeEncodedWords("jm at example.org (=?iso-8859-1?q?J=F6rg_M=FCller?=)", FB),
    "jm at example.org (Jörg Müller)",
  );
  assert.equal(
    decodeEncodedWords("dh at example.org (Dana =?ISO-8859-1?Q?Hor=E1k?=)", FB),
    "dh at example.org (Dana Horák)",
  );
});

test("a list tag before a double-encoded subject decodes to readable text", () => {
  assert.equal(decodeEncodedWords("[list] =?utf-8?q?Re=3A_=5Blist=5D_x?=", FB), "[list] Re: [list] x");
});

test("text without encoded words is returned unchanged", () => {
  const s = "Plain subject with = signs and ? marks";
  assert.equal(decodeEncodedWords(s, FB), s);
});

test("a long run of near-words is handled quickly", () => {
  const junk = "=?".repeat(100_000);
  const started = performance.now();
  assert.equal(decodeEncodedWords(junk, FB), junk);
  assert.ok(performance.now() - started < 1000);
});

test("raw header bytes that are valid UTF-8 are read as UTF-8", () => {
  assert.equal(decodeHeaderBytes(Buffer.from("Vít Ondruch <v@example.org>", "utf8"), FB), "Vít Ondruch <v@example.org>");
});

test("raw 8-bit header bytes that are not UTF-8 use the fallback charset", () => {
  assert.equal(decodeHeaderBytes(Buffer.from("R.O. Bl\xe4ttner", "latin1"), FB), "R.O. Blättner");
});

test("raw header bytes are unfolded and their encoded words decoded", () => {
  const raw = Buffer.from("=?utf-8?q?Caf=C3=A9?=\r\n\t=?utf-8?q?_ouvert?= today\r\n  and tomorrow", "latin1");
  assert.equal(decodeHeaderBytes(raw, FB), "Café ouvert today and tomorrow");
});

test("NUL and other control characters are removed from header text but tabs are kept", () => {
  assert.equal(decodeHeaderBytes(Buffer.from("a\x00b\x07c\td\x1be"), FB), "abc\tde");
  assert.equal(decodeHeaderBytes(Buffer.from("=?utf-8?q?x=00y?="), FB), "xy");
});

test("header text is trimmed", () => {
  assert.equal(decodeHeaderBytes(Buffer.from("  \r\n subject  "), FB), "subject");
});

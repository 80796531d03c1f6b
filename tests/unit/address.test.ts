import { test } from "node:test";
import assert from "node:assert/strict";
import { deobfuscateAddress, parseFrom } from "../../src/parse/address.ts";

test("Name <user@host> gives the name and the address", () => {
  assert.deepEqual(parseFrom("Gil Example <gil.example@mail.example>"), { name: "Gil Example", address: "gil.example@mail.example" });
});

test("a quoted name with a comma is unquoted", () => {
  assert.deepEqual(parseFrom('"Klein, Matilda" <noreply@wine.example>'), { name: "Klein, Matilda", address: "noreply@wine.example" });
});

test("backslash escapes in a quoted name are resolved", () => {
  assert.deepEqual(parseFrom('"Bob \\"the Builder\\" Smith" <bob@example.org>'), { name: 'Bob "the Builder" Smith', address: "bob@example.org" });
});

test("single quotes around a whole name are dropped", () => {
  assert.deepEqual(parseFrom("'Ann Other' <ann@example.org>"), { name: "Ann Other", address: "ann@example.org" });
});

test("user@host (Name) takes the name from the comment", () => {
  assert.deepEqual(parseFrom("bob@example.org (Bob Example)"), { name: "Bob Example", address: "bob@example.org" });
});

test("a bare address has an empty name", () => {
  assert.deepEqual(parseFrom("test@example.com"), { name: "", address: "test@example.com" });
  assert.deepEqual(parseFrom("<abuse@example.com>"), { name: "", address: "abuse@example.com" });
  assert.deepEqual(parseFrom("bogus@does.not.exist.example ()"), { name: "", address: "bogus@does.not.exist.example" });
});

test("pipermail's user at host (Name) is de-obfuscated", () => {
  assert.deepEqual(parseFrom("mre at deepamehta.example (Malte Reißig)"), { name: "Malte Reißig", address: "mre@deepamehta.example" });
});

test("pipermail's user at host without a name is de-obfuscated", () => {
  assert.deepEqual(parseFrom("goran at domain.example"), { name: "", address: "goran@domain.example" });
});

test("localised pipermail words are de-obfuscated", () => {
  assert.deepEqual(parseFrom("juan en correo.example.es (Juan Pérez)"), { name: "Juan Pérez", address: "juan@correo.example.es" });
  assert.deepEqual(parseFrom("gianni a posta.example.it (Gianni Rossi)"), { name: "Gianni Rossi", address: "gianni@posta.example.it" });
  assert.deepEqual(parseFrom("joao em correio.example.br"), { name: "", address: "joao@correio.example.br" });
  assert.deepEqual(parseFrom("hans bei post.example.de (Hans)"), { name: "Hans", address: "hans@post.example.de" });
  assert.deepEqual(parseFrom("sven på post.example.se"), { name: "", address: "sven@post.example.se" });
  assert.deepEqual(parseFrom("jan w poczta.example.pl"), { name: "", address: "jan@poczta.example.pl" });
});

test("Name <user at host> is de-obfuscated", () => {
  assert.deepEqual(parseFrom("Dana Example <dana at example.org>"), { name: "Dana Example", address: "dana@example.org" });
});

test("an address at a .invalid host is kept as written", () => {
  assert.deepEqual(parseFrom("someone at host.invalid (Someone)"), { name: "Someone", address: "someone@host.invalid" });
});

test("the domain is lower-cased but never the local part", () => {
  assert.equal(parseFrom("Bob <Bob.Smith@Mail.EXAMPLE.org>").address, "Bob.Smith@mail.example.org");
  assert.equal(parseFrom("Bob.Smith at Mail.EXAMPLE.org (Bob)").address, "Bob.Smith@mail.example.org");
});

test("non-ASCII in the local part and name survives", () => {
  assert.deepEqual(parseFrom("lucíacharlie at bank.example (Lucía Charlie)"), { name: "Lucía Charlie", address: "lucíacharlie@bank.example" });
});

test("whitespace around and inside the name is collapsed", () => {
  assert.deepEqual(parseFrom('  "  Jörg \t  Richter "   <jri@example.org>  '), { name: "Jörg Richter", address: "jri@example.org" });
});

test("a nested comment is read whole", () => {
  assert.deepEqual(parseFrom("ann at example.org (Ann (Example Corp))"), { name: "Ann (Example Corp)", address: "ann@example.org" });
});

test("ordinary words that look like an obfuscation are not taken as an address", () => {
  assert.deepEqual(parseFrom("Maria a Costa"), { name: "Maria a Costa", address: "" });
  assert.deepEqual(parseFrom("Bob at Home"), { name: "Bob at Home", address: "" });
});

test("a value without any address becomes the name", () => {
  assert.deepEqual(parseFrom("Mailing List Robot"), { name: "Mailing List Robot", address: "" });
  assert.deepEqual(parseFrom('"Undisclosed" <>'), { name: "Undisclosed", address: "" });
});

test("an empty value gives empty name and address", () => {
  assert.deepEqual(parseFrom(""), { name: "", address: "" });
  assert.deepEqual(parseFrom("   "), { name: "", address: "" });
});

test("broken syntax never throws", () => {
  for (const v of ['"unterminated <a@b.example>', "(open comment a@b.example", "<unclosed@example.org", "\\", "<<>>", '"', "()"]) {
    assert.doesNotThrow(() => parseFrom(v), v);
  }
  assert.equal(parseFrom("(open comment a@b.example").address, "");
  assert.equal(parseFrom("Bob <unclosed@example.org").address, "unclosed@example.org");
});

test("an absurdly long value is handled quickly", () => {
  const started = performance.now();
  parseFrom("(".repeat(100_000) + "x@y.example");
  parseFrom("a ".repeat(100_000));
  assert.ok(performance.now() - started < 200);
});

test("deobfuscateAddress turns user at host into user@host", () => {
  assert.equal(deobfuscateAddress("user at Host.Example"), "user@host.example");
  assert.equal(deobfuscateAddress(" user@Host.Example "), "user@host.example");
  assert.equal(deobfuscateAddress("mailto:user@host.example"), "user@host.example");
});

test("deobfuscateAddress leaves other text alone", () => {
  assert.equal(deobfuscateAddress("  not an address "), "not an address");
  assert.equal(deobfuscateAddress("meet at noon"), "meet at noon");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeReferences } from "../../src/parse/references.ts";

test("References alone give their ids in order and no In-Reply-To", () => {
  assert.deepEqual(mergeReferences("<a@x.org> <b@x.org>", null), { references: ["<a@x.org>", "<b@x.org>"], inReplyTo: null });
});

test("In-Reply-To alone becomes the only reference", () => {
  assert.deepEqual(mergeReferences(null, "<p@x.org>"), { references: ["<p@x.org>"], inReplyTo: "<p@x.org>" });
});

test("an In-Reply-To missing from References is appended last", () => {
  assert.deepEqual(mergeReferences("<a@x.org> <b@x.org>", "<c@x.org>").references, ["<a@x.org>", "<b@x.org>", "<c@x.org>"]);
});

test("an In-Reply-To already last in References changes nothing", () => {
  assert.deepEqual(mergeReferences("<a@x.org> <b@x.org>", "<b@x.org>"), { references: ["<a@x.org>", "<b@x.org>"], inReplyTo: "<b@x.org>" });
});

test("an In-Reply-To found earlier in References leaves References' order alone", () => {
  assert.deepEqual(mergeReferences("<a@x.org> <b@x.org> <c@x.org>", "<b@x.org>").references, ["<a@x.org>", "<b@x.org>", "<c@x.org>"]);
});

test("In-Reply-To free text contributes only its id", () => {
  const irt = '<m3is96@merlin.example> (Mia Andersen\'s message of "Wed, 20 Oct 2004 01:19:49 +0200")';
  assert.deepEqual(mergeReferences("<root@x.org>", irt), { references: ["<root@x.org>", "<m3is96@merlin.example>"], inReplyTo: "<m3is96@merlin.example>" });
});

test("the first usable In-Reply-To id is the one kept", () => {
  assert.equal(mergeReferences(null, "<yes> <first@x.org> <second@x.org>").inReplyTo, "<first@x.org>");
});

test("junk in References is dropped", () => {
  assert.deepEqual(mergeReferences("<yes> <a@x.org>", "<yes>"), { references: ["<a@x.org>"], inReplyTo: null });
});

test("the message's own id is dropped from References and In-Reply-To", () => {
  assert.deepEqual(mergeReferences("<a@x.org> <self@x.org>", "<self@x.org>", "<self@x.org>"), { references: ["<a@x.org>"], inReplyTo: null });
});

test("with its own id as In-Reply-To the next id is used", () => {
  assert.deepEqual(mergeReferences(null, "<self@x.org> <p@x.org>", "<self@x.org>"), { references: ["<p@x.org>"], inReplyTo: "<p@x.org>" });
});

test("the own id is compared after normalisation", () => {
  assert.deepEqual(mergeReferences("<self@x.org> <a@x.org>", null, " self@x.org ").references, ["<a@x.org>"]);
});

test("nothing at all gives nothing", () => {
  assert.deepEqual(mergeReferences(null, null, null), { references: [], inReplyTo: null });
  assert.deepEqual(mergeReferences("", "", "<x@y.z>"), { references: [], inReplyTo: null });
});

test("an In-Reply-To id rewritten by Gmane is taken as the References id it was made from", () => {
  const merged = mergeReferences(
    "<1277220189-3485-1-git-send-email-sj@suse.de> <yes> <9603.1277311877@redhat.com>",
    "<9603.1277311877-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>",
  );
  assert.equal(merged.inReplyTo, "<9603.1277311877@redhat.com>");
  assert.deepEqual(merged.references, ["<1277220189-3485-1-git-send-email-sj@suse.de>", "<9603.1277311877@redhat.com>"]);
});

test("a Gmane In-Reply-To with no matching References id is kept as written", () => {
  assert.equal(mergeReferences("<a@x>", "<b.1-XYZ@public.gmane.org>").inReplyTo, "<b.1-XYZ@public.gmane.org>");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSubject, stripListTags, type ParsedSubject } from "../../src/parse/subject.ts";

const fields = ({ subject, baseSubject, listTags }: ParsedSubject) => ({ subject, baseSubject, listTags });

test("the subject keeps its list tag but has whitespace collapsed and trimmed", () => {
  assert.equal(parseSubject("  [fetchmail-devel]   Re:  POP3 \t UIDL  ").subject, "[fetchmail-devel] Re: POP3 UIDL");
});

test("a leading list tag is found and removed from the base subject", () => {
  assert.deepEqual(fields(parseSubject("[fetchmail-devel] POP3 UIDL support")), {
    subject: "[fetchmail-devel] POP3 UIDL support",
    baseSubject: "POP3 UIDL support",
    listTags: ["fetchmail-devel"],
  });
});

test("list tags with capitals and dashes are list tags", () => {
  assert.deepEqual(parseSubject("[Arin-issued] Daily Report for 3-1-2005").listTags, ["Arin-issued"]);
  assert.deepEqual(parseSubject("[DeepaMehta-Verein] Treffen").listTags, ["DeepaMehta-Verein"]);
});

test("a list tag after Re: is found", () => {
  assert.deepEqual(fields(parseSubject("Re: [lustre-devel] [LSF/MM/BPF TOPIC] Lustre upstreaming")), {
    subject: "Re: [lustre-devel] [LSF/MM/BPF TOPIC] Lustre upstreaming",
    baseSubject: "[LSF/MM/BPF TOPIC] Lustre upstreaming",
    listTags: ["lustre-devel"],
  });
});

test("upper-case kind words like PATCH, RFC, ANN, VOTE and DRAFT are not list tags", () => {
  for (const s of ["[PATCH] fix typo", "[RFC] new parser", "[ANN] release 1.0", "[VOTE] release 1.0", "[DRAFT] notes", "[DOXIA-534] upgrade"]) {
    const p = parseSubject(s);
    assert.deepEqual(p.listTags, [], s);
    assert.equal(p.baseSubject, s, s);
  }
});

test("kind words in other cases are not list tags either", () => {
  for (const s of ["[patch] fix typo", "[Patch] fix typo", "[Solved] login fails", "[resend] v2"]) assert.deepEqual(parseSubject(s).listTags, [], s);
});

test("brackets with spaces or slashes are part of the subject", () => {
  assert.deepEqual(fields(parseSubject("[PATCH 2/3] parse: split headers")), { subject: "[PATCH 2/3] parse: split headers", baseSubject: "[PATCH 2/3] parse: split headers", listTags: [] });
  assert.deepEqual(parseSubject("[Bug #16000] crash").listTags, []);
});

test("a commit hash in brackets is not a list tag", () => {
  assert.deepEqual(parseSubject("[87ea161] Fix for Bug#691896 committed to git").listTags, []);
});

test("a list tag followed by a kind tag keeps the kind tag in the base subject", () => {
  assert.deepEqual(fields(parseSubject("[notmuch] [PATCH 1/2] Close message file")), {
    subject: "[notmuch] [PATCH 1/2] Close message file",
    baseSubject: "[PATCH 1/2] Close message file",
    listTags: ["notmuch"],
  });
});

test("adjacent brackets without a space are kept together", () => {
  assert.equal(parseSubject("Re: [RFC][PATCH 1/9] cifs: caching").baseSubject, "[RFC][PATCH 1/9] cifs: caching");
});

test("list tags repeated and interleaved with Re: are all removed and listed once", () => {
  assert.deepEqual(fields(parseSubject("[list] Re: [list] Re: [list] x")), { subject: "[list] Re: [list] Re: [list] x", baseSubject: "x", listTags: ["list"] });
});

test("a cross-posted tag is listed after the list's own", () => {
  assert.deepEqual(fields(parseSubject("[fetchmail-devel] Re: [fetchmail]Observations of a new user")), {
    subject: "[fetchmail-devel] Re: [fetchmail]Observations of a new user",
    baseSubject: "Observations of a new user",
    listTags: ["fetchmail-devel", "fetchmail"],
  });
});

test("a list tag after a kind tag at the start is still found", () => {
  assert.deepEqual(fields(parseSubject("[PATCH] Re: [fetchmail-devel] Re: 6.2.5 fails")), {
    subject: "[PATCH] Re: [fetchmail-devel] Re: 6.2.5 fails",
    baseSubject: "[PATCH] 6.2.5 fails",
    listTags: ["fetchmail-devel"],
  });
});

test("Mailman's numbered tags give the list name", () => {
  assert.deepEqual(fields(parseSubject("[ruby-dev:4] hello")), { subject: "[ruby-dev:4] hello", baseSubject: "hello", listTags: ["ruby-dev"] });
  assert.deepEqual(parseSubject("Re: [mylist 1234] hello").listTags, ["mylist"]);
});

test("known tags are list tags whatever their shape", () => {
  assert.deepEqual(fields(parseSubject("[ANN] release", ["ann"])), { subject: "[ANN] release", baseSubject: "release", listTags: ["ANN"] });
  assert.deepEqual(parseSubject("[My List] hello", ["My List"]).listTags, ["My List"]);
  assert.deepEqual(parseSubject("[PATCH] hello", ["fetchmail"]).listTags, []);
});

test("a tag in the middle of the subject is not a list tag", () => {
  assert.deepEqual(parseSubject("kick me (was: [fetchmail-devel] [PATCH] fix typo)").listTags, []);
  assert.deepEqual(parseSubject("Problem with [foo] option").listTags, []);
});

test("reply and forward prefixes in many languages are removed from the base subject", () => {
  const prefixes = ["Re:", "RE:", "re:", "Re[2]:", "Re^2:", "Re(3):", "Fwd:", "FWD:", "Fw:", "AW:", "Antw:", "SV:", "VS:", "Odp:", "Ynt:", "RIF:", "R:", "TR:", "WG:", "Re :", "Fwd :"];
  for (const prefix of prefixes) assert.equal(parseSubject(`${prefix} Meeting notes`).baseSubject, "Meeting notes", prefix);
});

test("any number of prefixes is removed", () => {
  assert.equal(parseSubject("Re: Re: AW: Fwd: RE[2]: Meeting notes").baseSubject, "Meeting notes");
  assert.equal(parseSubject("Re:Re:Meeting").baseSubject, "Meeting");
});

test("words that merely start like a prefix are kept", () => {
  assert.equal(parseSubject("Regression in 6.3").baseSubject, "Regression in 6.3");
  assert.equal(parseSubject("Rfc: status").baseSubject, "Rfc: status");
  assert.equal(parseSubject("Fwdx: y").baseSubject, "Fwdx: y");
});

test("a trailing (fwd) is removed", () => {
  assert.equal(parseSubject("Conference schedule (fwd)").baseSubject, "Conference schedule");
  assert.equal(parseSubject("Conference schedule (FWD) (fwd)").baseSubject, "Conference schedule");
});

test("an empty subject gives empty strings", () => {
  assert.deepEqual(fields(parseSubject("")), { subject: "", baseSubject: "", listTags: [] });
  assert.deepEqual(fields(parseSubject("   \t ")), { subject: "", baseSubject: "", listTags: [] });
});

test("a subject that is only prefixes and tags has an empty base subject", () => {
  assert.deepEqual(fields(parseSubject("Re: [list]")), { subject: "Re: [list]", baseSubject: "", listTags: ["list"] });
});

test("an unclosed bracket ends the prefixes", () => {
  assert.deepEqual(fields(parseSubject("Re: [list unclosed subject")), { subject: "Re: [list unclosed subject", baseSubject: "[list unclosed subject", listTags: [] });
});

test("a 200 KB subject is cut and handled quickly", () => {
  const started = performance.now();
  const huge = parseSubject("Re: [x] ".repeat(25_000) + "end");
  const wide = parseSubject("[" + "a".repeat(200_000) + "] text");
  assert.ok(performance.now() - started < 200);
  assert.ok(huge.subject.length <= 4096);
  assert.deepEqual(huge.listTags, ["x"]);
  assert.deepEqual(wide.listTags, []);
});

test("a reply or forward prefix anywhere in the leading run marks the subject as a reply", () => {
  assert.equal(parseSubject("Re: [list] x").isReply, true);
  assert.equal(parseSubject("[list] AW: x").isReply, true);
  assert.equal(parseSubject("[list] x").isReply, false);
  assert.equal(parseSubject("Regarding: x").isReply, false);
});

test("stripping list tags for display keeps reply prefixes and other brackets", () => {
  const s = "Re: [tern-devel] [PATCH 1/2] wal: add sync mode";
  assert.equal(stripListTags(s, parseSubject(s).listTags), "Re: [PATCH 1/2] wal: add sync mode");
  assert.equal(stripListTags("[list 12] hello", ["list"]), "hello");
  assert.equal(stripListTags("[list]", ["list"]), "[list]");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDateHeader, parseEnvelopeDate, parseReceivedDate } from "../../src/parse/date.ts";

const iso = (v: string): string | null => parseDateHeader(v)?.iso ?? null;

test("an RFC 5322 date gives UTC and the writer's offset", () => {
  assert.deepEqual(parseDateHeader("Mon, 17 Nov 2008 12:41:41 +0100"), { iso: "2008-11-17T11:41:41.000Z", offsetMinutes: 60 });
  assert.deepEqual(parseDateHeader("Wed, 18 Aug 2004 16:14:52 -0500"), { iso: "2004-08-18T21:14:52.000Z", offsetMinutes: -300 });
  assert.deepEqual(parseDateHeader("Sat, 19 Jun 2004 03:28:07 +0530"), { iso: "2004-06-18T21:58:07.000Z", offsetMinutes: 330 });
});

test("a zone comment after the offset is ignored", () => {
  assert.deepEqual(parseDateHeader("Fri, 15 Apr 2005 08:25:37 -0400 (EDT)"), { iso: "2005-04-15T12:25:37.000Z", offsetMinutes: -240 });
  assert.equal(iso("Tue, 14 Nov 2006 10:39:36 +0100 (CET)"), "2006-11-14T09:39:36.000Z");
});

test("a missing weekday is fine", () => {
  assert.equal(iso("23 Oct 2003 23:28:34 -0700"), "2003-10-24T06:28:34.000Z");
});

test("a wrong weekday is ignored", () => {
  // 8 March 2005 was a Tuesday.
  assert.equal(iso("Thu, 8 Mar 2005 17:40:36 -0500"), "2005-03-08T22:40:36.000Z");
});

test("two-digit years follow RFC 5322: 00-49 are 20xx, 50-99 are 19xx", () => {
  assert.deepEqual(parseDateHeader("Tue, 29 Jul 97 00:08:29 +0900"), { iso: "1997-07-28T15:08:29.000Z", offsetMinutes: 540 });
  assert.equal(iso("Sat, 1 Jan 05 10:00:00 +0000"), "2005-01-01T10:00:00.000Z");
});

test("three-digit years add 1900", () => {
  assert.equal(iso("Fri, 1 Apr 105 12:00:00 +0000"), "2005-04-01T12:00:00.000Z");
});

test("obsolete zone names have their RFC offsets", () => {
  const cases: Array<[string, number]> = [
    ["UT", 0], ["GMT", 0], ["EST", -300], ["EDT", -240], ["CST", -360], ["CDT", -300],
    ["MST", -420], ["MDT", -360], ["PST", -480], ["PDT", -420],
  ];
  for (const [zone, offset] of cases) {
    const d = parseDateHeader(`Thu, 10 Mar 2005 12:00:00 ${zone}`);
    assert.equal(d?.offsetMinutes, offset, zone);
    assert.equal(d?.iso, new Date(Date.UTC(2005, 2, 10, 12) - offset * 60_000).toISOString(), zone);
  }
});

test("common unambiguous zone names are understood", () => {
  assert.deepEqual(parseDateHeader("Thu, 10 Mar 2005 12:00:00 CET"), { iso: "2005-03-10T11:00:00.000Z", offsetMinutes: 60 });
});

test("single military letters are an unknown zone, like -0000", () => {
  assert.deepEqual(parseDateHeader("Thu, 10 Mar 2005 12:00:00 Q"), { iso: "2005-03-10T12:00:00.000Z", offsetMinutes: null });
  assert.deepEqual(parseDateHeader("Thu, 10 Mar 2005 12:00:00 Z"), { iso: "2005-03-10T12:00:00.000Z", offsetMinutes: null });
  assert.deepEqual(parseDateHeader("Thu, 10 Mar 2005 12:00:00 -0000"), { iso: "2005-03-10T12:00:00.000Z", offsetMinutes: null });
});

test("+0000 is a known zero offset", () => {
  assert.deepEqual(parseDateHeader("Thu, 10 Mar 2005 12:00:00 +0000"), { iso: "2005-03-10T12:00:00.000Z", offsetMinutes: 0 });
});

test("a missing zone is taken as UTC with an unknown offset", () => {
  assert.deepEqual(parseDateHeader("10 Mar 2005 12:00:00"), { iso: "2005-03-10T12:00:00.000Z", offsetMinutes: null });
});

test("an impossible offset is treated as unknown", () => {
  assert.deepEqual(parseDateHeader("10 Mar 2005 12:00:00 +9999"), { iso: "2005-03-10T12:00:00.000Z", offsetMinutes: null });
});

test("missing seconds are zero", () => {
  assert.equal(iso("Sun, 29 Jul 2012 20:57 +0200"), "2012-07-29T18:57:00.000Z");
});

test("dots instead of colons in the time are accepted", () => {
  assert.equal(iso("Tue, 1 Mar 2005 21.02.27 +0100"), "2005-03-01T20:02:27.000Z");
});

test("lower-case and upper-case month and weekday names are accepted", () => {
  assert.equal(iso("tue, 1 mar 2005 21:02:27 +0000"), "2005-03-01T21:02:27.000Z");
  assert.equal(iso("TUE, 01 MAR 2005 21:02:27 +0000"), "2005-03-01T21:02:27.000Z");
  assert.equal(iso("Tuesday, 1 March 2005 21:02:27 +0000"), "2005-03-01T21:02:27.000Z");
});

test("extra spaces and a missing comma are fine", () => {
  assert.equal(iso("  Fri,   6 Apr   2007  15:43:55   -0700  (PDT) "), "2007-04-06T22:43:55.000Z");
  assert.equal(iso("Fri 6 Apr 2007 15:43:55 -0700"), "2007-04-06T22:43:55.000Z");
});

test("junk before the date is skipped", () => {
  assert.equal(iso("RANDOM_Wed, 21 Sep 2016 22:42:07 +0300"), "2016-09-21T19:42:07.000Z");
});

test("asctime order in a Date header is understood", () => {
  assert.equal(iso("Tue Mar  1 21:02:27 2005"), "2005-03-01T21:02:27.000Z");
});

test("ISO 8601 strings are understood", () => {
  assert.deepEqual(parseDateHeader("2005-03-01T21:02:27Z"), { iso: "2005-03-01T21:02:27.000Z", offsetMinutes: 0 });
  assert.deepEqual(parseDateHeader("2005-03-01T21:02:27+01:00"), { iso: "2005-03-01T20:02:27.000Z", offsetMinutes: 60 });
  assert.deepEqual(parseDateHeader("2005-03-01 21:02:27.123 -0500"), { iso: "2005-03-02T02:02:27.000Z", offsetMinutes: -300 });
  assert.deepEqual(parseDateHeader("2005-03-01"), { iso: "2005-03-01T00:00:00.000Z", offsetMinutes: null });
});

test("12-hour times with am and pm are understood", () => {
  assert.equal(iso("Tue, 1 Mar 2005 9:02 PM +0000"), "2005-03-01T21:02:00.000Z");
  assert.equal(iso("Tue, 1 Mar 2005 12:30 am +0000"), "2005-03-01T00:30:00.000Z");
});

test("a date without a year is unparseable", () => {
  assert.equal(parseDateHeader("Thu Jan 01 00:00:10 +0000"), null);
});

test("unparseable values give null, never the current time", () => {
  for (const v of ["", " ", "yesterday", "soon after lunch", "32 Jan 2005 10:00:00", "31 Feb 2005 10:00:00 +0000", "1 Mar 2005 25:00:00", "1 Foo 2005 10:00"]) {
    assert.equal(parseDateHeader(v), null, v);
  }
});

test("dates before 1970 or after 2100 give null", () => {
  assert.equal(parseDateHeader("Mon, 1 Jan 1900 00:00:00 +0000"), null);
  assert.equal(parseDateHeader("Wed, 31 Dec 1969 23:00:00 +0000"), null);
  assert.equal(parseDateHeader("Fri, 1 Jan 2101 00:00:00 +0000"), null);
  assert.equal(parseDateHeader("1 Jan 1970 00:00:00 +0100"), null);
  assert.equal(iso("1 Jan 1970 00:00:00 +0000"), "1970-01-01T00:00:00.000Z");
});

test("a leap second lands on :59", () => {
  assert.equal(iso("31 Dec 2016 23:59:60 +0000"), "2016-12-31T23:59:59.000Z");
});

test("an absurdly long value is handled quickly", () => {
  const started = performance.now();
  assert.equal(parseDateHeader("x ".repeat(100_000)), null);
  assert.ok(performance.now() - started < 200);
});

test("a Received header's date is the part after the last semicolon", () => {
  const r = "from mx.example.org (mx.example.org [192.0.2.1])\r\n\tby mail.example.net (Postfix) with ESMTP id 1A2B3C;\r\n\tTue,  1 Mar 2005 21:02:30 +0100 (CET)";
  assert.deepEqual(parseReceivedDate(r), { iso: "2005-03-01T20:02:30.000Z", offsetMinutes: 60 });
  assert.equal(parseReceivedDate("from a by b; for <x@y.z>; Wed, 2 Mar 2005 01:00:00 -0000")?.iso, "2005-03-02T01:00:00.000Z");
});

test("a Received header without a semicolon gives null", () => {
  assert.equal(parseReceivedDate("from [127.0.0.1] (localhost [127.0.0.1]) with ESMTPSA id 718A6"), null);
});

test("an envelope asctime date is taken as UTC", () => {
  assert.equal(parseEnvelopeDate("Tue Mar  1 21:02:27 2005"), "2005-03-01T21:02:27.000Z");
  assert.equal(parseEnvelopeDate("Mon Nov 17 12:41:41 2008"), "2008-11-17T12:41:41.000Z");
});

test("an envelope date with the year before the time is understood", () => {
  assert.equal(parseEnvelopeDate("Tue Mar 1 2005 21:02:27"), "2005-03-01T21:02:27.000Z");
});

test("an envelope date with a numeric zone applies it and ignores zone names", () => {
  assert.equal(parseEnvelopeDate("Tue Mar  1 21:02:27 +0100 2005"), "2005-03-01T20:02:27.000Z");
  assert.equal(parseEnvelopeDate("Tue Mar  1 21:02:27 MET DST 2005"), "2005-03-01T21:02:27.000Z");
});

test("a whole From line is accepted as envelope text", () => {
  assert.equal(parseEnvelopeDate("From mon at example.org  Tue Mar  1 21:02:27 2005"), "2005-03-01T21:02:27.000Z");
  assert.equal(parseEnvelopeDate("From sender@example.org Wed Aug  3 19:31:12 2009"), "2009-08-03T19:31:12.000Z");
});

test("an unusable envelope date gives null", () => {
  assert.equal(parseEnvelopeDate(""), null);
  assert.equal(parseEnvelopeDate("MAILER-DAEMON"), null);
  assert.equal(parseEnvelopeDate("Mon Jan  1 00:00:00 1900"), null);
});

// Attribution lines: the forms of mailers and languages that are one, lines that are not, and attributions wrapped onto two lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { attributionAtEnd, attributionAtStart, isAttribution } from "../../src/render/attribution.ts";

const ATTRIBUTIONS = [
  "On Tue, 4 Mar 2025 10:12:33 +0100, Ana Souza wrote:",
  "On Tue, Mar 04, 2025 at 10:12:33AM +0100, Ana Souza wrote:",
  'On 1/22/25, 12:48 PM, "Alexey Lyahkov" <alexey.lyashkov at gmail.com <mailto:alexey.lyashkov at gmail.com>> wrote:',
  "On 22 Jan 2025, at 20:17, Day, Timothy <timday at amazon.com> wrote:",
  "Ana Souza wrote on 04.03.2025 10:12:",
  "Matthias Andree wrote in fetchmail-svn:",
  "Matthias Andree wrote:",
  "Ana Souza <ana at example.org> writes:",
  '"Matthias Andree" <matthias.andree at gmx.de> writes:',
  "Am 04.03.2025 um 10:12 schrieb Ana Souza:",
  "Am Montag, den 04.03.2025, 10:12 +0100 schrieb Ana Souza:",
  "Rob MacGregor schrieb:",
  "Le mardi 4 mars 2025, 10:12:33 CET Ana Souza a écrit :",
  "admin at berlios.de a ?crit :",
  "Le lun, 19 Sep 2005, Yves Boisjoly ? ?crit:",
  "El mar, 04-03-2025 a las 10:12 +0100, Ana Souza escribió:",
  "El mié, 04-03-2025 a las 10:12 +0100, Matthias Andree escribi?:",
  "Il giorno mar 4 mar 2025 alle ore 10:12 Ana Souza ha scritto:",
  "W dniu 04.03.2025 o 10:12, Ana Souza pisze:",
  "Op 4 mrt. 2025 om 10:12 schreef Ana Souza <ana@example.org>:",
  "22 янв. 2025 г., в 09:35, Day, Timothy <timday at amazon.com> написал(а):",
  "04.03.2025 10:12, Ана написал:",
  "Ана пишет:",
  "Matthias Andree napsal(a):",
  "2025年3月4日 10:12，Ana 写道：",
  "Quoting from Matthias Andree's mail on Tue, Dec 06, 2005:",
  "* Rob Funk <rfunk at funknet.net> [2004-11-10 13:20]:",
  "2015-11-12 10:20 GMT+01:00 Stephen Connolly <stephen@example.org>:",
  "2007/9/9, Matthias Andree <matthias.andree at gmx.de>:",
];

for (const line of ATTRIBUTIONS) {
  test(`"${line}" is an attribution`, () => {
    assert.equal(isAttribution(line), true);
  });
}

test("lines ending in a colon that are not attributions are not taken for one", () => {
  for (const line of ["Here is the log:", "Steps to reproduce:", "The config reads as follows:", "Rewrite this:", "Note: it wrote nothing", "On Tuesday we met:", ""]) {
    assert.equal(isAttribution(line), false, line);
  }
  assert.equal(isAttribution(`${"x".repeat(700)} wrote:`), false, "absurdly long lines are not attributions");
});

test("an attribution wrapped onto two lines is found whole at the end and at the start of a run", () => {
  const wrapped = ["On Tue, Mar 4, 2025 at 10:12 AM Ana Souza <", "ana@example.org> wrote:"];
  assert.deepEqual(attributionAtEnd(["text", "", ...wrapped, ""]), { start: 2, end: 4, cut: 2 });
  assert.deepEqual(attributionAtStart([...wrapped, "", "text"]), { start: 0, end: 2 });
  assert.deepEqual(attributionAtEnd(["On the other hand, I think", "On Tue, Ana wrote:"]), { start: 1, end: 2, cut: 1 }, "a full attribution does not take the line above it");
  assert.equal(attributionAtEnd(["Ana wrote:", "", "", "", "x"]), null);
});

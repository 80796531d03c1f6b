// Duplicate Message-IDs: copies merge, different mails each keep a permalink that file order cannot change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { archiveOf, writtenContent } from "../support/archive.ts";

const mail = (date: string, body: string, extra = "") =>
  `${extra}From: Ana Souza <ana@example.org>\nDate: ${date}\nSubject: Minutes\nMessage-ID: <minutes@example.org>\n\n${body}\n`;

const EARLY = mail("Tue, 4 Mar 2025 10:00:00 +0000", "First version of the minutes.");
const LATE = mail("Wed, 5 Mar 2025 10:00:00 +0000", "Corrected minutes.");

async function urls(files: Record<string, string>) {
  const { archive } = await archiveOf(writtenContent(files));
  const list = archive.lists[0]!;
  return { list, byBody: Object.fromEntries(list.records.map((r) => [archive.messages.body(r.url)!.text.trim(), r.url])) };
}

test("different mails sharing a Message-ID are both published; the earliest has the plain permalink", async () => {
  const { list, byBody } = await urls({ "dev/a.eml": LATE, "dev/z.eml": EARLY });
  assert.equal(list.records.length, 2);
  assert.equal(byBody["First version of the minutes."], "/dev/m/minutes@example.org/");
  assert.match(byBody["Corrected minutes."]!, /^\/dev\/m\/minutes@example\.org~[0-9a-f]{12}\/$/);
});

test("renaming or reordering the files does not move any permalink", async () => {
  const a = await urls({ "dev/a.eml": LATE, "dev/z.eml": EARLY });
  const b = await urls({ "dev/a.eml": EARLY, "dev/sub/0.eml": LATE });
  assert.deepEqual(b.byBody, a.byBody);
});

test("copies that differ only in Received lines and line ends are one message listing every source", async () => {
  const { list } = await urls({
    "dev/a.eml": EARLY,
    "dev/b.eml": mail("Tue, 4 Mar 2025 10:00:00 +0000", "First version of the minutes.", "Received: from x by y; Tue, 4 Mar 2025 10:00:05 +0000\n").replace(/\n/g, "\r\n"),
  });
  assert.equal(list.records.length, 1);
  assert.equal(list.duplicatesMerged, 1);
  assert.deepEqual(list.records[0]!.sources.map((s) => s.path), ["a.eml", "b.eml"]);
});

// Month pages are keyed a month at a time, before they are made: by what the month is made of.
import { test } from "node:test";
import assert from "node:assert/strict";
import { archiveOf, writtenContent, madePages } from "../support/archive.ts";
import { buildSiteModel, type MonthViewPage } from "../../src/indexes/index.ts";

const message = (id: string, date: string, subject: string, replyTo?: string) =>
  `From ana@example.org Mon Jan  1 00:00:00 2024\nFrom: Ana <ana@example.org>\nSubject: ${subject}\nMessage-ID: <${id}@example.org>\nDate: ${date}\n${replyTo ? `In-Reply-To: <${replyTo}@example.org>\n` : ""}\nAbout ${subject}.\n\n`;

const JAN = message("jan", "Mon, 15 Jan 2024 10:00:00 +0000", "January plans") + message("jan-2", "Tue, 16 Jan 2024 10:00:00 +0000", "More in January");
const FEB = message("feb", "Thu, 15 Feb 2024 10:00:00 +0000", "February notes");
const MAR = message("mar", "Fri, 15 Mar 2024 10:00:00 +0000", "March");
const LATE_REPLY = message("late", "Sat, 16 Mar 2024 10:00:00 +0000", "Re: January plans", "jan");

async function monthModel(mbox: string) {
  const { archive } = await archiveOf(writtenContent({ "dev/list.md": "---\ntitle: Dev\n---\n", "dev/archive.mbox": mbox }));
  archive.close();
  return buildSiteModel(archive.lists);
}

const textsByUrl = (model: Awaited<ReturnType<typeof monthModel>>) => new Map(model.monthPages.map((g) => [g.urls[0]!, g.text()]));

test("a reply in a later month changes the text of its thread's first month and its own month's, and leaves the months between as they were", async () => {
  const before = textsByUrl(await monthModel(JAN + FEB + MAR));
  const after = textsByUrl(await monthModel(JAN + FEB + MAR + LATE_REPLY));
  assert.deepEqual([...after.keys()], ["/dev/2024/01/", "/dev/2024/02/", "/dev/2024/03/"]);
  assert.deepEqual(
    [...after].map(([url, text]) => text === before.get(url)),
    [false, true, false],
  );
});

test("a month's pages are made at the URLs they are keyed by: every page of its four views", async () => {
  const model = await monthModel(JAN + FEB + MAR + LATE_REPLY);
  const pages: MonthViewPage[] = madePages(model.monthPages);
  assert.deepEqual(
    pages.map((p) => p.url),
    model.monthPages.flatMap((g) => g.urls),
  );
  assert.deepEqual(pages.filter((p) => p.monthKey === "2024-01").map((p) => p.view), ["threads", "date", "subject", "author"]);
  // The January thread view shows the thread's reply count, made of the March reply too.
  const january = pages.find((p) => p.monthKey === "2024-01" && p.view === "threads")!;
  assert.deepEqual(
    (january.items as { thread: { messageCount: number; subject: string } }[]).map((i) => [i.thread.subject, i.thread.messageCount]),
    [["January plans", 2], ["More in January", 1]],
  );
});

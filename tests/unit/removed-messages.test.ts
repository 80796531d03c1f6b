// Taking mail down: a message named in removed.txt leaves every page, index, search file and the export;
// its permalink shows a notice and its thread keeps its shape with a "[removed]" placeholder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { tempDir } from "../support/archive.ts";
import { listFiles, readJson, readJsonl, runCli } from "../support/cli.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";
import { parseRemovedList } from "../../src/ingest/removed-list.ts";

const LIST = "kestrel-discuss";
/** Hélène's reply in the middle of the kestrels thread: Ingrid → Hélène → Lukas. */
const REMOVED = "<20250301094018.3c1e7a90@helene-lab.dubois.example>";
const REMOVED_PAGE = `${LIST}/m/20250301094018.3c1e7a90@helene-lab.dubois.example/index.html`;
/** Words only Hélène's own text has (Lukas quotes another line of hers). */
const HER_WORDS = "cathedral here in Grenoble";

interface Report {
  lists: { id: string; messagesRead: number; messagesPublished: number; duplicatesMerged: number; messagesSkipped: number; skipped: { path: string; index: number; reason: string }[] }[];
  diagnostics: { code: string; path: string; message: string }[];
}

function buildWithRemoved(removedTxt: string): { output: string; report: Report } {
  const content = tempDir();
  cpSync(join(PROJECT_ROOT, "content"), content, { recursive: true });
  writeFileSync(join(content, LIST, "removed.txt"), removedTxt);
  const output = tempDir();
  const r = runCli([`--content=${content}`, `--output=${output}`, "--quiet"]);
  assert.equal(r.status, 0, r.stderr);
  return { output, report: readJson<Report>(join(output, "build-report.json")) };
}

test("removed.txt lines: one Message-ID each, with or without brackets, comments and blank lines ignored", () => {
  assert.deepEqual(parseRemovedList("\uFEFF# taken down 2025-03-02\n<a@b>\n\n  c@d   # asked by the author\r\n"), [
    { line: 2, id: "<a@b>" },
    { line: 4, id: "c@d" },
  ]);
});

test("a removed message leaves every page, index, search file and the export; its permalink says it was removed", () => {
  const { output, report } = buildWithRemoved(`# taken down at the author's request\n${REMOVED.slice(1, -1)}\nnot a message id\n<nobody@nowhere.example>\n`);

  // The permalink is a short notice, with none of the message.
  const notice = readFileSync(join(output, REMOVED_PAGE), "utf8");
  assert.match(notice, /<h1>Message removed<\/h1>/);
  assert.doesNotMatch(notice, /Grenoble|crécerelle|Dubois|Hélène|kestrels on the office/);

  // Nothing else anywhere holds its words, its permalink or its id.
  for (const f of listFiles(output)) {
    if (f === REMOVED_PAGE || f === "build-report.json" || f.startsWith(".listarchive/")) continue;
    const bytes = readFileSync(join(output, f));
    const text = f.endsWith(".bin") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
    assert.ok(!text.includes(HER_WORDS), `${f} holds the removed message's words`);
    assert.ok(!text.includes("/m/20250301094018.3c1e7a90@helene-lab.dubois.example/"), `${f} links the removed message`);
    if (f.startsWith("search/")) assert.ok(!text.includes("20250301094018.3c1e7a90@helene-lab"), `${f} names the removed message`);
  }
  // The export has no record of it (replies keep their own References, which name it).
  assert.ok(!readJsonl(join(output, LIST, "messages.jsonl")).some((m) => m.messageId === REMOVED));

  // The thread keeps its shape: Ingrid, a placeholder, then Lukas's reply one level deeper.
  const threadFile = readdirSync(join(output, LIST, "t")).map((d) => join(output, LIST, "t", d, "index.html")).find((p) => readFileSync(p, "utf8").includes("[removed]"));
  assert.ok(threadFile, "a thread page shows the placeholder");
  const thread = readFileSync(threadFile, "utf8");
  const depths = [...thread.matchAll(/<li style="--depth: (\d+)"( class="ghost")?>/g)].map((m) => `${m[1]}${m[2] ? " removed" : ""}`);
  assert.deepEqual(depths, ["0", "1 removed", "2"]);
  assert.match(thread, /Lukas/);
  assert.match(notice, new RegExp(`href="/${LIST}/t/[^"]+/"`), "the notice links the rest of its thread");

  // Accounted as skipped, with the reason; the bad and the unknown lines are reported with their line.
  const list = report.lists.find((l) => l.id === LIST)!;
  assert.equal(list.messagesRead, list.messagesPublished + list.duplicatesMerged + list.messagesSkipped);
  assert.deepEqual(list.skipped, [{ path: "saved/re-ot-kestrels-helene.eml", index: 0, reason: "removed by the list (removed.txt)" }]);
  const about = report.diagnostics.filter((d) => d.path === `${LIST}/removed.txt`);
  assert.deepEqual(about.map((d) => `${d.message.slice(0, 7)} ${d.code}`).sort(), ["line 3: removed-id-invalid", "line 4: removed-id-absent"]);
});

test("removing every message of a thread removes the thread page too", () => {
  const { output } = buildWithRemoved("<b8e1d3a5-6c2f-4d9e-8a7b-3f1c5e9d2a60@novak.example>\n<Zk9vQm1sS2ZwN0JYcTRnYjNtV1I5dTJ4T0xhY1FlMzA=@proton.example>\n");
  assert.ok(!existsSync(join(output, LIST, "t", "b8e1d3a5-6c2f-4d9e-8a7b-3f1c5e9d2a60@novak.example")));
  const notice = readFileSync(join(output, LIST, "m", "b8e1d3a5-6c2f-4d9e-8a7b-3f1c5e9d2a60@novak.example", "index.html"), "utf8");
  assert.match(notice, /Message removed/);
  assert.doesNotMatch(notice, /\/t\//);
});

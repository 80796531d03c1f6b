// The build command: one-line errors for bad invocations, exit 0 with per-message problems, deterministic output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { tempDir, writtenContent } from "../support/archive.ts";
import { BUILD_THROUGH_TSX, listFiles, readJson, readJsonl, runCli } from "../support/cli.ts";

const MBOX = [
  "From ana@example.org Tue Mar  4 10:12:33 2025",
  "From: Ana Souza <ana@example.org>",
  "Date: Tue, 4 Mar 2025 10:12:33 +0100",
  "Subject: [tern] Release 1.2?",
  "Message-ID: <rel-1@example.org>",
  "",
  "Shall we tag 1.2 this week?",
  "",
  "From ivan@example.net Wed Mar  5 08:00:01 2025",
  "From: Ivan Petrov <ivan@example.net>",
  "Subject: Re: [tern] Release 1.2?",
  "Message-ID: <rel-2@example.net>",
  "In-Reply-To: <rel-1@example.org>",
  "",
  "Yes. No Date header on this one: the envelope line dates it.",
  "",
  "From bot@example.org Wed Mar  5 09:00:00 2025",
  "From: Bot <bot@example.org>",
  "Date: Wed, 5 Mar 2025 09:00:00 +0000",
  "Subject: private",
  "X-No-Archive: yes",
  "",
  "Do not archive me.",
  "",
  "From kim@example.com Thu Mar  6 11:00:00 2025",
  "From: Kim <kim@example.com>",
  "Date: Thu, 6 Mar 2025 11:00:00 +0000",
  "Subject: Re: [tern] Release 1.2?",
  "References: <rel-1@example.org>",
  "",
  "No Message-ID here.",
  "",
].join("\n");

// The first message again, as another archiver exported it: other envelope, an extra Received line.
const COPY = "Received: from mx.example.org by lists.example.org; Tue, 4 Mar 2025 10:12:40 +0100\n" + MBOX.split("\n").slice(1, 7).join("\n") + "\n";

function sampleContent(): string {
  return writtenContent({
    "site.json": JSON.stringify({ title: "Test archives", baseUrl: "/archives/" }),
    "tern/list.md": "---\ntitle: Tern development\naddress: tern@lists.example.org\n---\nTalk about *Tern*.\n",
    "tern/2025/march.mbox.gz": gzipSync(MBOX),
    "tern/copies/rel-1.eml": COPY,
    "tern/NOTES.txt": "These are notes, not mail.\n",
  });
}

test("a missing content folder is a one-line error and a non-zero exit", () => {
  const r = runCli([`--content=${join(tempDir(), "nope")}`, `--output=${tempDir()}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: content folder .*nope does not exist\n$/);
});

test("an empty content folder is a one-line error and a non-zero exit", () => {
  const r = runCli([`--content=${tempDir()}`, `--output=${tempDir()}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: content folder .* is empty/);
  assert.equal(r.stderr.trim().split("\n").length, 1);
});

test("an unknown flag is a one-line error naming it", () => {
  const r = runCli(["--contnet=content"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: .*--contnet.*\n$/);
});

test("a LISTARCHIVE_RENDER_WORKERS that is no whole number is a one-line error naming it and what is accepted", () => {
  const r = runCli([`--content=${sampleContent()}`, `--output=${tempDir()}`], { LISTARCHIVE_RENDER_WORKERS: "two" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: LISTARCHIVE_RENDER_WORKERS is "two": give a whole number from 0 to 99 .*\n$/);
});

test("an output folder that cannot be written is a one-line error", () => {
  const file = join(tempDir(), "a-file");
  writeFileSync(file, "");
  const r = runCli([`--content=${sampleContent()}`, `--output=${join(file, "site")}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: cannot write the output folder .*site/);
});

test("a content path that is a file, not a folder, is a one-line error", () => {
  const file = join(tempDir(), "content.mbox");
  writeFileSync(file, "");
  const r = runCli([`--content=${file}`, `--output=${tempDir()}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: content folder .*content\.mbox is not a folder\n$/);
});

test("an output path that is an existing file is a one-line error", () => {
  const file = join(tempDir(), "site");
  writeFileSync(file, "");
  const r = runCli([`--content=${sampleContent()}`, `--output=${file}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: cannot write the output folder .*site: (EEXIST|ENOTDIR)\n$/);
});

test("an output folder the build may not create is a one-line error", (t) => {
  let parent = join(tempDir(), "read-only");
  mkdirSync(parent);
  chmodSync(parent, 0o555);
  // Root writes into read-only folders; /sys refuses everyone.
  if (process.getuid?.() === 0) parent = "/sys";
  if (!existsSync(parent)) return t.skip("running as root without /sys: no folder here refuses root");
  const r = runCli([`--content=${sampleContent()}`, `--output=${join(parent, "listarchive-site")}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: cannot write the output folder .*listarchive-site: (EACCES|EPERM|EROFS)\n$/);
});

test("an output folder under a parent that refuses new folders (/proc) is a one-line error, not a hang", (t) => {
  if (!existsSync("/proc/self")) return t.skip("no /proc here");
  const r = runCli([`--content=${sampleContent()}`, `--output=/proc/self/listarchive-site/deeper`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^listarchive: cannot write the output folder \/proc\/self\/listarchive-site\/deeper: E[A-Z]+\n$/);
});

test("a bad site.json value names the file, the key, the value and what is accepted", () => {
  const content = writtenContent({ "site.json": '{"baseUrl": "ftp://x"}', "tern/a.eml": COPY });
  const r = runCli([`--content=${content}`, `--output=${tempDir()}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /site\.json: baseUrl = "ftp:\/\/x" is not valid; accepted: a path prefix/);
});

test("a bad list.md value names the file, the key, the value and what is accepted", () => {
  const content = writtenContent({ "tern/list.md": "---\nprivacy: secret\n---\n", "tern/a.eml": COPY });
  const r = runCli([`--content=${content}`, `--output=${tempDir()}`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /tern\/list\.md: privacy = "secret" is not valid; accepted: "obfuscate", "show", "hide"/);
});

test("a build with per-message problems exits 0 and accounts for every message in the report and export", () => {
  const out = tempDir();
  const r = runCli([`--content=${sampleContent()}`, `--output=${out}`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 list\(s\), 5 messages read: 3 published, 1 duplicates merged, 1 skipped/);

  const report = readJson<any>(join(out, "build-report.json"));
  const list = report.lists[0];
  assert.equal(list.messagesRead, list.messagesPublished + list.duplicatesMerged + list.messagesSkipped);
  assert.deepEqual(list.inputs.map((i: any) => [i.path, i.format, i.messages]), [["2025/march.mbox.gz", "mbox", 4], ["copies/rel-1.eml", "eml", 1]]);
  assert.deepEqual(list.skipped.map((s: any) => [s.path, s.index]), [["2025/march.mbox.gz", 2]]);
  assert.match(list.skipped[0].reason, /X-No-Archive/);
  assert.ok(report.diagnostics.some((d: any) => d.code === "not-mail" && d.path === "tern/NOTES.txt"));
  assert.ok(report.diagnostics.some((d: any) => d.code === "message-id-missing" && d.path === "tern/2025/march.mbox.gz" && d.index === 3));

  const messages = readJsonl<any>(join(out, "tern", "messages.jsonl"));
  assert.equal(messages.length, 3);
  const [first, reply, noId] = messages;
  assert.equal(first.messageId, "<rel-1@example.org>");
  assert.deepEqual(first.sources, [{ path: "2025/march.mbox.gz", index: 0 }, { path: "copies/rel-1.eml", index: 0 }]);
  assert.deepEqual(first.from, { name: "Ana Souza", address: "ana at example.org" });
  assert.equal(reply.dateSource, "envelope");
  assert.equal(reply.date, "2025-03-05T08:00:01.000Z");
  assert.equal(reply.parentId, "<rel-1@example.org>");
  assert.equal(reply.threadId, "<rel-1@example.org>");
  assert.equal(noId.syntheticId, true);
  assert.equal(noId.parentId, "<rel-1@example.org>");
  for (const m of messages) {
    assert.ok(existsSync(join(out, m.url, "index.html")), `${m.url} has a page`);
    assert.ok(existsSync(join(out, m.threadUrl.split("#")[0], "index.html")), `${m.threadUrl} has a page`);
    const thread = readFileSync(join(out, m.threadUrl.split("#")[0], "index.html"), "utf8");
    assert.ok(thread.includes(`id="${m.threadUrl.split("#")[1]}"`), "the thread page holds the anchor");
  }
  const page = readFileSync(join(out, first.url, "index.html"), "utf8");
  assert.ok(page.includes('href="/archives/style.css"'), "links honour the path prefix");
});

test("two builds of the same content are byte-identical but for the report's timings and work counts, one run from the bundled code and one through tsx", () => {
  const content = sampleContent();
  const a = tempDir();
  const b = tempDir();
  assert.equal(runCli([`--content=${content}`, `--output=${a}`, "--quiet"]).status, 0);
  assert.equal(runCli([`--content=${content}`, `--output=${b}`, "--quiet"], {}, BUILD_THROUGH_TSX).status, 0);
  const files = listFiles(a);
  assert.deepEqual(listFiles(b), files);
  for (const f of files) {
    let x = readFileSync(join(a, f), "utf8");
    let y = readFileSync(join(b, f), "utf8");
    if (f === "build-report.json") {
      x = JSON.stringify({ ...JSON.parse(x), timings: null, work: null });
      y = JSON.stringify({ ...JSON.parse(y), timings: null, work: null });
    }
    assert.equal(x, y, f);
  }
});

// Rebuilds over an existing output: only what changed is rendered, stale files go, and the result is
// byte-identical to a cold build of the same content, also after a build killed halfway.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { listedFiles, MANIFEST_PATH, readManifest } from "../../src/output/manifest.ts";
import { changesPathOf } from "../../src/output/previous-build.js";
import { tempDir } from "../support/archive.ts";
import { BUILD_COMMAND, listFiles, readJson, runCli } from "../support/cli.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";

interface Report {
  work: { pages: number; pagesRendered: number; pagesRenderedOnWorkers: number; filesWritten: number; filesUnchanged: number; filesRemoved: number; searchSegments: number; searchSegmentsKept: number };
}

const SAMPLE = join(PROJECT_ROOT, "content");
/** A reply held back from the sample, to arrive later. */
const LATE = "kestrel-discuss/saved/re-ot-kestrels-lukas.eml";

/** The sample without LATE, in a folder of its own, and where LATE is kept meanwhile. */
function sampleWithoutLate(): { content: string; late: string } {
  const content = tempDir();
  cpSync(SAMPLE, content, { recursive: true });
  const late = join(tempDir(), "late.eml");
  renameSync(join(content, LATE), late);
  return { content, late };
}

function build(content: string, output: string, env: Record<string, string> = {}): Report {
  const r = runCli([`--content=${content}`, `--output=${output}`, "--quiet"], env);
  assert.equal(r.status, 0, r.stderr);
  return readJson<Report>(join(output, "build-report.json"));
}

/**
 * Every file of two outputs is the same, the report's timings and work counts aside. The manifest
 * of the files (`.listarchive/files.json`) says the same of them: a rebuild may keep it as the
 * manifest last written whole and the changes since.
 */
function assertSameSite(actual: string, expected: string): void {
  const record = (dir: string) => listedFiles(readManifest(join(dir, MANIFEST_PATH)));
  assert.deepEqual(record(actual), record(expected));
  const manifest = [MANIFEST_PATH, changesPathOf(MANIFEST_PATH)].map((p) => p.split("/").join(sep));
  const site = (dir: string) => listFiles(dir).filter((f) => !manifest.includes(f));
  const files = site(expected);
  assert.deepEqual(site(actual), files);
  for (const f of files) {
    let x = readFileSync(join(actual, f));
    let y = readFileSync(join(expected, f));
    if (f === "build-report.json") {
      const strip = (b: Buffer) => Buffer.from(JSON.stringify({ ...JSON.parse(b.toString("utf8")), timings: null, work: null }));
      [x, y] = [strip(x), strip(y)];
    }
    assert.ok(x.equals(y), `${f} differs from a cold build`);
  }
}

test("a rebuild of unchanged content renders no page and rewrites nothing but the report", () => {
  const output = tempDir();
  const cold = build(SAMPLE, output);
  assert.equal(cold.work.pagesRendered, cold.work.pages);
  const again = build(SAMPLE, output);
  assert.equal(again.work.pagesRendered, 0);
  // The search index's one segment is kept whole: its words are not even read.
  assert.deepEqual([cold.work.searchSegmentsKept, again.work.searchSegmentsKept], [0, again.work.searchSegments]);
  assert.equal(again.work.filesWritten, 1, "only build-report.json");
  assert.equal(again.work.filesRemoved, 0);
});

test("a message arriving renders only the pages it touches, and the site is byte-identical to a cold build", () => {
  const { content, late } = sampleWithoutLate();
  const output = tempDir();
  build(content, output);
  cpSync(late, join(content, LATE));
  const grown = build(content, output);
  // Its own page, its thread page, the pages of messages beside it, its month's views, its author.
  assert.ok(grown.work.pagesRendered > 0 && grown.work.pagesRendered < grown.work.pages / 4, `${grown.work.pagesRendered} of ${grown.work.pages} pages rendered`);
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
});

test("a reply leaves the thread pages beside its thread as they were: they show only its thread's link", () => {
  const { content, late } = sampleWithoutLate();
  const output = tempDir();
  build(content, output);
  const threads = join(output, "kestrel-discuss", "t");
  const page = readdirSync(threads)
    .map((id) => join(threads, id, "index.html"))
    .find((f) => /<title>[^<]*kestrels on the office window ledge/i.test(readFileSync(f, "utf8")))!;
  assert.ok(page, "the thread page the reply goes to");
  const beside = [...readFileSync(page, "utf8").matchAll(/rel="(?:prev|next)" href="\/([^"]+)"/g)].map((m) => join(output, m[1]!, "index.html"));
  assert.equal(beside.length, 2, "a thread before it and one after");
  // Dated long ago: a page written again is dated now, whatever the file system's clock tick.
  const longAgo = new Date("2001-01-01T00:00:00Z");
  for (const f of [page, ...beside]) utimesSync(f, longAgo, longAgo);
  cpSync(late, join(content, LATE));
  build(content, output);
  const kept = [page, ...beside].map((f) => statSync(f).mtimeMs === longAgo.getTime());
  assert.deepEqual(kept, [false, true, true], "the reply's own thread page is made again, the pages beside it are kept");
});

test("a message arriving makes the pages of its neighbours by date again, but not their thread pages, which show nothing of it", () => {
  const { content, late } = sampleWithoutLate();
  const output = tempDir();
  build(content, output);
  const longAgo = new Date("2001-01-01T00:00:00Z");
  for (const f of listFiles(output)) utimesSync(join(output, f), longAgo, longAgo);
  cpSync(late, join(content, LATE));
  const grown = build(content, output);
  const made = (url: string) => statSync(join(output, url, "index.html")).mtimeMs !== longAgo.getTime();
  const page = (url: string) => readFileSync(join(output, url, "index.html"), "utf8");
  const threadOf = (url: string) => /<a href="\/([^"]+)">Thread<\/a>/.exec(page(url))![1]!;
  const lateUrl = "kestrel-discuss/m/0c9e7b5a-3f1d-4b2e-8a6c-9d0f2e4a6c8b@novak.example/";
  const neighbours = [...page(lateUrl).matchAll(/rel="(?:prev|next)" href="\/([^"]+)"/g)].map((m) => m[1]!).filter((url) => url.includes("/m/"));
  const elsewhere = neighbours.filter((url) => threadOf(url) !== threadOf(lateUrl));
  assert.ok(elsewhere.length > 0, `a neighbour by date in another thread (${neighbours.join(", ")})`);
  for (const url of elsewhere) {
    assert.ok(made(url), `${url} (its link to the new message) is made again`);
    assert.ok(!made(threadOf(url)), `${threadOf(url)} is kept as it was`);
  }
  assert.ok(made(threadOf(lateUrl)), "the new message's thread page is made again");
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
  assert.ok(grown.work.pagesRendered < grown.work.pages / 4);
});

test("files of a message that left the content are removed, folders left empty too", () => {
  const { content, late } = sampleWithoutLate();
  cpSync(late, join(content, LATE));
  const output = tempDir();
  build(content, output);
  const pages = listFiles(output);
  rmSync(join(content, LATE));
  const shrunk = build(content, output);
  assert.ok(shrunk.work.filesRemoved > 0);
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
  const gone = pages.filter((f) => !existsSync(join(output, f)));
  assert.ok(gone.some((f) => /\/m\/[^/]+\/index\.html$/.test(f)), `the permalink page went: ${gone.join(", ")}`);
});

/** Runs a build that kills itself with SIGKILL after `writes` files (LISTARCHIVE_CRASH_AFTER_WRITES). */
async function killedBuild(content: string, output: string, writes: number, env: Record<string, string> = {}): Promise<void> {
  const child = spawn(process.execPath, [...BUILD_COMMAND, `--content=${content}`, `--output=${output}`, "--quiet"], {
    cwd: PROJECT_ROOT,
    stdio: "ignore",
    env: { ...process.env, ...env, LISTARCHIVE_CRASH_AFTER_WRITES: String(writes) },
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
  assert.equal(signal, "SIGKILL");
}

/** The sample built, then the subject of its message in `file` edited in place and the sample built again over it. */
function buildWithSubjectEdited(file: string, subject: string): { content: string; output: string; edited: Report } {
  const content = tempDir();
  cpSync(SAMPLE, content, { recursive: true });
  const output = tempDir();
  build(content, output);
  const path = join(content, file);
  writeFileSync(path, readFileSync(path, "utf8").replace(/^Subject: .*$/m, `Subject: ${subject}`));
  return { content, output, edited: build(content, output) };
}

test("a message edited in place (its subject) is shown anew on every page that shows it, as a cold build shows it", () => {
  const { content, output, edited } = buildWithSubjectEdited("kestrel-discuss/saved/re-ot-kestrels-helene.eml", "Re: [OT] Kestrels, edited");
  assert.ok(edited.work.pagesRendered > 0 && edited.work.pagesRendered < edited.work.pages / 2, `${edited.work.pagesRendered} of ${edited.work.pages} pages rendered`);
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
});

test("a thread's first message edited (its subject) changes its thread's links on the thread pages beside it, as a cold build", () => {
  const { content, output } = buildWithSubjectEdited("kestrel-discuss/saved/ot-kestrels-on-the-ledge.eml", "[OT] Falcons, not kestrels");
  const threads = join(output, "kestrel-discuss", "t");
  const linking = readdirSync(threads).filter((id) => /rel="(?:prev|next)" href="[^"]*">[^<]*Falcons, not kestrels/.test(readFileSync(join(threads, id, "index.html"), "utf8")));
  assert.equal(linking.length, 2, "the threads before and after it link to it by its new subject");
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
});

test("an author's earlier message under another name moves their author page, and every page linking to it follows, as a cold build", () => {
  const content = tempDir();
  cpSync(SAMPLE, content, { recursive: true });
  const output = tempDir();
  build(content, output);
  // Their author URL is a slug of the name on their earliest message.
  writeFileSync(
    join(content, "kestrel-discuss/saved/an-early-word.eml"),
    ["From: L. Novak <lukas@novak.example>", "To: kestrel-discuss@lists.example.net", "Subject: An early word", "Date: Tue, 7 Jan 2020 10:00:00 +0100", "Message-ID: <early-word@novak.example>", "", "Before everything else.", ""].join("\n"),
  );
  build(content, output);
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
  assert.ok(listFiles(cold).some((f) => f.startsWith("kestrel-discuss/a/l-novak-")), "the author page is named after the earlier message");
});

test("a build killed halfway, then run again, gives the complete and correct site, also when the content went back", async () => {
  const { content, late } = sampleWithoutLate();
  // Killed on a fresh output, after 100 of its ~240 files.
  const output = tempDir();
  await killedBuild(content, output, 100);
  assert.ok(listFiles(output).length >= 100);
  build(content, output);
  const before = tempDir();
  build(content, before);
  assertSameSite(output, before);
  // Killed while adding a message, after 5 of the files that change; then the content goes back,
  // and that build is killed too, after its first file: the files of the first are still removed.
  cpSync(late, join(content, LATE));
  await killedBuild(content, output, 5);
  rmSync(join(content, LATE));
  await killedBuild(content, output, 1);
  build(content, output);
  assertSameSite(output, before);
  // And forward again.
  cpSync(late, join(content, LATE));
  await killedBuild(content, output, 5);
  build(content, output);
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
});

test("thread and message pages rendered on worker threads are byte-identical to those rendered on the main thread", () => {
  const here = tempDir();
  const alone = build(SAMPLE, here, { LISTARCHIVE_RENDER_WORKERS: "0" });
  assert.equal(alone.work.pagesRenderedOnWorkers, 0);
  const there = tempDir();
  const shared = build(SAMPLE, there, { LISTARCHIVE_RENDER_WORKERS: "2" });
  // Each thread's pages go to a worker while one has room: with two, most of them.
  assert.ok(shared.work.pagesRenderedOnWorkers > shared.work.pagesRendered / 2, `${shared.work.pagesRenderedOnWorkers} of ${shared.work.pagesRendered} pages on workers`);
  assertSameSite(there, here);
});

test("a build rendering on worker threads, killed halfway and run again, gives the complete and correct site", async () => {
  const workers = { LISTARCHIVE_RENDER_WORKERS: "1" };
  const { content, late } = sampleWithoutLate();
  const output = tempDir();
  await killedBuild(content, output, 60, workers);
  build(content, output, workers);
  cpSync(late, join(content, LATE));
  await killedBuild(content, output, 3, workers);
  build(content, output, workers);
  const cold = tempDir();
  build(content, cold);
  assertSameSite(output, cold);
});

test("a list's privacy setting changed between builds shows its bodies under the new setting, as a cold build does", () => {
  const cache = tempDir();
  const { content } = sampleWithoutLate();
  const output = tempDir();
  build(content, output, { LISTARCHIVE_CACHE: cache });
  const listMd = join(content, "tern-users", "list.md");
  writeFileSync(listMd, readFileSync(listMd, "utf8").replace("fallbackCharset:", "privacy: show\nfallbackCharset:"));
  const changed = build(content, output, { LISTARCHIVE_CACHE: cache });
  assert.ok(changed.work.pagesRendered > 0);
  const cold = tempDir();
  build(content, cold, { LISTARCHIVE_CACHE: "off" });
  assertSameSite(output, cold);
  // Bodies now show addresses as written (the parse cache held them rendered under "obfuscate").
  const pages = listFiles(output).filter((f) => f.startsWith("tern-users/m/"));
  assert.ok(pages.some((f) => /<div class="message-body">[^]*?\w@\w[^]*?<\/div>/.test(readFileSync(join(output, f), "utf8"))), "an address shown as written in a body");
});

test("an mbox grown by one message parses one message; the rest, with their diagnostics, come from the parse cache", () => {
  const cache = tempDir();
  process.env.LISTARCHIVE_CACHE = cache;
  try {
    const content = tempDir();
    cpSync(SAMPLE, content, { recursive: true });
    const mbox = join(content, "tern-devel", "mbox", "2025-03.mbox");
    const text = readFileSync(mbox, "latin1");
    // Hold back the mbox's last message, then append it.
    const last = text.lastIndexOf("\nFrom ") + 1;
    writeFileSync(mbox, text.slice(0, last), "latin1");
    const output = tempDir();
    const first = build(content, output) as Report & { work: { messagesParsed: number; messagesFromCache: number }; diagnostics: unknown[] };
    assert.ok(first.work.messagesParsed > 60);
    writeFileSync(mbox, text, "latin1");
    const second = build(content, output) as typeof first;
    assert.equal(second.work.messagesParsed, 1);
    assert.equal(second.work.messagesFromCache, first.work.messagesParsed + first.work.messagesFromCache);
    // Without the cache, the same site and the same diagnostics.
    process.env.LISTARCHIVE_CACHE = "off";
    const cold = tempDir();
    const uncached = build(content, cold) as typeof first;
    assert.equal(uncached.work.messagesFromCache, 0);
    assertSameSite(output, cold);
  } finally {
    delete process.env.LISTARCHIVE_CACHE;
  }
});

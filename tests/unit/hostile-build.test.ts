// The hostile corpus built with the real command: exit 0, every message accounted for, every problem named, nothing live or outside the output, the same bytes every time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import { tempDir } from "../support/archive.ts";
import { listFiles, readJson, readJsonl, runCli } from "../support/cli.ts";
import { HOSTILE_LIST, writeHostileContent } from "../support/hostile-content.ts";
import { findLiveMarkup } from "../support/inert-output.ts";

const PREFIX = "/hostile/";

/** Every entry below `dir` but folders, relative, sorted; unlike listFiles it never opens one (a pipe, a name that is not UTF-8). */
function listEntries(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listEntries(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}
const root = tempDir("listarchive-hostile-");
const contentDir = join(root, "content");
const hostile = writeHostileContent(contentDir);
const contentBefore = listEntries(contentDir);
// The output sits one level down, so anything written beside it shows up in `x/`.
const outer = join(root, "x");
const out = join(outer, "out");
const run = runCli([`--content=${contentDir}`, `--output=${out}`]);

interface Report {
  lists: { inputs: { path: string; messages: number }[]; messagesRead: number; messagesPublished: number; duplicatesMerged: number; messagesSkipped: number; skipped: { path: string; index: number; reason: string }[] }[];
  diagnostics: { severity: string; code: string; path: string; index: number | null; message: string }[];
  timings: unknown;
}
interface Exported {
  messageId: string;
  url: string;
  threadUrl: string;
  threadId: string;
  parentId: string | null;
  sources: { path: string; index: number }[];
  attachments: { filename: string; contentType: string; url: string }[];
}

const report = () => readJson<Report>(join(out, "build-report.json"));
const exported = (dir = out) => readJsonl<Exported>(join(dir, HOSTILE_LIST, "messages.jsonl"));

test("the hostile corpus builds: exit 0 and a summary on stdout", () => {
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /listarchive: 1 list\(s\), \d+ messages read/);
});

test("every message read is published, merged or skipped with a reason, and every message of every file is one of them", () => {
  const list = report().lists[0]!;
  assert.equal(list.messagesRead, list.messagesPublished + list.duplicatesMerged + list.messagesSkipped);
  assert.ok(list.skipped.every((s) => s.reason.length > 0));
  // Each (file, index) a reader gave appears once: in a published message's sources (merged copies
  // are listed there too) or among the skipped.
  const seen = new Map<string, number[]>();
  const note = (path: string, index: number) => seen.set(path, [...(seen.get(path) ?? []), index]);
  for (const m of exported()) for (const s of m.sources) note(s.path, s.index);
  for (const s of list.skipped) note(s.path, s.index);
  assert.equal(list.inputs.reduce((n, i) => n + i.messages, 0), list.messagesRead);
  for (const input of list.inputs) {
    assert.deepEqual((seen.get(input.path) ?? []).sort((a, b) => a - b), Array.from({ length: input.messages }, (_, i) => i), input.path);
  }
  assert.deepEqual([...seen.keys()].filter((p) => !list.inputs.some((i) => i.path === p)), []);
  // The one message that asks not to be archived is skipped, and nothing of it is published anywhere.
  assert.deepEqual(list.skipped.map((s) => [s.path, s.index]), [["markup-in-headers.mbox", 7]]);
  assert.match(list.skipped[0]!.reason, /X-No-Archive/);
  const leaked = listFiles(out).filter((f) => f !== "build-report.json" && !f.startsWith(`search${sep}terms`) && !f.startsWith(`search${sep}docs`) && readFileSync(join(out, f)).includes("never-published-marker"));
  assert.deepEqual(leaked, []);
  const gunzipped = (dir: string) => readdirSync(join(out, "search", dir)).filter((f) => gunzipSync(readFileSync(join(out, "search", dir, f))).includes("never-published-marker"));
  assert.deepEqual([...gunzipped("docs"), ...gunzipped("terms")], []);
});

test("every problem in the hostile corpus has a diagnostic naming its file and, for a message, its index", () => {
  const { diagnostics, lists } = report();
  const has = (code: string, file: string, index: number | null) =>
    assert.ok(
      diagnostics.some((d) => d.code === code && d.path === `${HOSTILE_LIST}/${file}` && d.index === index),
      `${code} for ${file}${index === null ? "" : ` #${index}`}; got ${JSON.stringify(diagnostics.filter((d) => d.path.endsWith(file)).map((d) => [d.code, d.index]))}`,
    );
  has("file-truncated", "generated/truncated.mbox.gz", null);
  has("message-truncated", "generated/truncated.mbox.gz", 2);
  has("file-truncated", "generated/bad-checksum.mbox.gz", null);
  has("file-empty", "generated/empty.mbox", null);
  has("file-empty", "generated/empty.eml.gz", null);
  has("not-mail", "generated/binary-junk.dat", null);
  has("file-unreadable", "generated/latin1-name-\ufffd.eml", null);
  if (hostile.unreadableIsReadable) {
    // Running as root: chmod 000 does not stop root from reading, so the file is read like any other
    // (the non-UTF-8 file name above stands in as the file that cannot be opened).
    assert.ok(lists[0]!.inputs.some((i) => i.path === "generated/unreadable.mbox"));
  } else {
    has("file-unreadable", "generated/unreadable.mbox", null);
  }
  if (hostile.hasNamedPipe) has("file-skipped", "generated/named-pipe.mbox", null);
  has("message-id-junk", "generated/message-id-3000-chars.mbox", 0);
  has("message-id-missing", "message-ids.mbox", 7);
  has("message-id-junk", "message-ids.mbox", 8);
  has("message-id-junk", "message-ids.mbox", 9);
  has("date-missing", "missing-and-junk-dates.mbox", 1);
  for (const index of [2, 3, 4, 5, 6, 7, 8]) has("date-unparseable", "missing-and-junk-dates.mbox", index);
  has("date-missing", "missing-and-junk-dates.mbox", 6);
  has("references-self", "reply-loops.mbox", 2);
  has("references-self", "reply-loops.mbox", 6);
  for (const file of ["unclosed-boundary.eml", "missing-boundary-parameter.eml", "boundary-never-used.eml"]) has("mime-structure", `mime-structure/${file}`, 0);
  has("mime-structure", "generated/mime-nested-3000-deep.eml", 0);
  has("charset-fallback", "generated/nul-and-invalid-bytes.mbox", 0);
  // Every diagnostic names a file of the content folder; a message's index is one that file gave.
  const inputs = new Map(lists[0]!.inputs.map((i) => [`${HOSTILE_LIST}/${i.path}`, i.messages]));
  for (const d of diagnostics) {
    assert.ok(d.path.startsWith(`${HOSTILE_LIST}/`), JSON.stringify(d));
    if (d.index !== null) assert.ok(d.index < (inputs.get(d.path) ?? 0), JSON.stringify(d));
  }
});

test("nothing is written outside the output folder, and the content folder is left as it was", () => {
  assert.deepEqual(readdirSync(outer), ["out"]);
  assert.deepEqual(listEntries(contentDir), contentBefore);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = lstatSync(path);
      assert.ok(!info.isSymbolicLink(), `${path} is a symbolic link`);
      assert.ok(resolve(path).startsWith(resolve(out) + sep), path);
      if (info.isDirectory()) walk(path);
    }
  };
  walk(out);
  // Attachment names with ../, backslashes, absolute paths and device names land in their own folder, as one segment.
  for (const file of listFiles(out).filter((f) => f.startsWith(`${HOSTILE_LIST}${sep}att${sep}`))) {
    const [, , hash, name, ...rest] = file.split(sep);
    assert.match(hash!, /^[0-9a-f]{16}$/, file);
    assert.deepEqual(rest, [], file);
    assert.doesNotMatch(name!, /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i, file);
    assert.doesNotMatch(name!, /^\.|[\\:<>"|?*\u0000-\u001f]/, file);
  }
});

test("attachments that could run in a browser are stored with .bin added, and no attachment is served as a page", () => {
  const attachments = exported().flatMap((m) => m.attachments);
  assert.ok(attachments.length >= 30, `${attachments.length} attachments`);
  const risky = /\.(html?|xhtml|shtml|svg|js|mjs|xml|xsl|json|mht|php|exe)$/i;
  for (const a of attachments) {
    const stored = decodeURIComponent(a.url.split("/").pop()!);
    assert.ok(existsSync(join(out, ...a.url.slice(1).split("/").map(decodeURIComponent))), a.url);
    if (risky.test(a.filename) || /html|svg|javascript|xml/.test(a.contentType)) assert.match(stored, /\.bin$/, a.filename);
  }
  const pages = listFiles(out).filter((f) => f.includes(`${sep}att${sep}`) && /\.(html?|xhtml|shtml|svg|js|mjs|xml|mht)$/i.test(f));
  assert.deepEqual(pages, []);
});

test("no page holds live markup from a message: every tag, attribute, class and link target is one of ours", () => {
  const pages = listFiles(out).filter((f) => f.endsWith(".html"));
  assert.ok(pages.length > 150, `${pages.length} pages`);
  const problems = pages.flatMap((f) =>
    findLiveMarkup(readFileSync(join(out, f), "utf8"), { pathPrefix: PREFIX, searchPage: f === join("search", "index.html") }).map((p) => `${f}: ${p}`),
  );
  assert.deepEqual(problems.slice(0, 20), []);
  // The markup the messages carried is there, as text.
  const page = readFileSync(join(out, HOSTILE_LIST, "m", "markup-1@example.org", "index.html"), "utf8");
  assert.ok(page.includes("<h1>&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; &quot;double&quot; &#39;single&#39; quotes</h1>"));
});

test("the live-markup check catches what it must: it is not vacuous", () => {
  const options = { pathPrefix: PREFIX, searchPage: false };
  const ours = `<p class="meta"><a href="${PREFIX}hostile/">x</a> <a href="https://example.org/" rel="nofollow noopener">y</a></p>`;
  assert.deepEqual(findLiveMarkup(ours, options), []);
  for (const bad of [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="//evil.example/">x</a>',
    '<p onclick="x()">x</p>',
    '<div style="display:none">x</div>',
    '<p class="evil-hide">x</p>',
    "<iframe></iframe>",
    "<form></form>",
    "<svg></svg>",
    "<!-- x -->",
    "< script>",
    "<p title='x'>",
    "a \u202e b",
  ]) {
    assert.notDeepEqual(findLiveMarkup(bad, options), [], bad);
  }
});

test("the export and the search files are valid JSON whose links are site paths of our URL scheme", () => {
  const sitePath = /^\/hostile\/(m|t)\/[A-Za-z0-9._+=@~-]+\/(#m-[0-9a-f]{12})?$/;
  for (const line of readFileSync(join(out, HOSTILE_LIST, "messages.jsonl"), "utf8").split("\n").filter(Boolean)) {
    const m = JSON.parse(line) as Exported;
    assert.match(m.url, sitePath);
    assert.match(m.threadUrl, sitePath);
    for (const a of m.attachments) assert.match(a.url, /^\/hostile\/att\/[0-9a-f]{16}\/[^/]+$/);
  }
  const urls: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string" && value.startsWith("/")) urls.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  const search = join(out, "search");
  for (const f of readdirSync(join(search, "docs"))) collect(JSON.parse(gunzipSync(readFileSync(join(search, "docs", f))).toString("utf8")));
  for (const f of readdirSync(join(search, "ids"))) collect(JSON.parse(readFileSync(join(search, "ids", f), "utf8")));
  JSON.parse(readFileSync(join(search, "index.json"), "utf8"));
  for (const f of readdirSync(join(search, "terms"))) assert.ok(gunzipSync(readFileSync(join(search, "terms", f))).length > 0);
  const links = urls.filter((u) => u.startsWith("/hostile/"));
  assert.ok(links.length > 100);
  for (const u of links) assert.match(u, sitePath);
});

/** Every file of two builds, byte for byte; the report compared without its timings and work counts. */
function assertSameOutput(a: string, b: string): void {
  const files = listFiles(a);
  assert.deepEqual(listFiles(b), files);
  for (const f of files) {
    if (f === "build-report.json") {
      const strip = (dir: string) => ({ ...readJson<Report>(join(dir, f)), timings: null, work: null });
      assert.deepEqual(strip(b), strip(a));
    } else {
      assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f);
    }
  }
}

test("two builds of the hostile corpus are byte-identical but for the report's timings and work counts", () => {
  const again = join(tempDir("listarchive-hostile-again-"), "out");
  assert.equal(runCli([`--content=${contentDir}`, `--output=${again}`, "--quiet"]).status, 0);
  assertSameOutput(out, again);
});

/**
 * The same mail under other file names, so the walk meets it in another order, and each mbox
 * written in reverse message order. Files that cannot be read or renamed stay as they are.
 */
function permutedCopy(): string {
  const dir = join(tempDir("listarchive-hostile-permuted-"), "content");
  writeHostileContent(dir);
  const listDir = join(dir, HOSTILE_LIST);
  const files = listEntries(listDir).filter((f) => f !== "list.md");
  files.forEach((file, k) => {
    const from = join(listDir, file);
    const name = `${String(files.length - k).padStart(3, "0")}-${file.replaceAll(sep, "-")}`;
    const to = join(listDir, "moved", name);
    mkdirSync(join(listDir, "moved"), { recursive: true });
    try {
      renameSync(from, to);
    } catch {
      return; // the name that is not UTF-8 cannot be opened by the name readdir gives
    }
    if (!file.endsWith(".mbox") || file.startsWith("generated")) return;
    const messages = readFileSync(to, "utf8").split(/\n(?=From \S+@\S+)/);
    writeFileSync(to, messages.reverse().map((m) => m.replace(/\n*$/, "\n")).join("\n"));
  });
  return dir;
}

test("the same mail in other files and another order gives the same URLs, parents and threads", () => {
  const other = join(tempDir("listarchive-hostile-permuted-out-"), "out");
  const r = runCli([`--content=${permutedCopy()}`, `--output=${other}`, "--quiet"]);
  assert.equal(r.status, 0, r.stderr);
  const shape = (dir: string) =>
    exported(dir)
      .map((m) => JSON.stringify([m.messageId, m.url, m.threadUrl, m.threadId, m.parentId]))
      .sort();
  assert.deepEqual(shape(other), shape(out));
  assert.deepEqual(
    listFiles(other).filter((f) => /^hostile\/[mt]\//.test(f.split(sep).join("/"))),
    listFiles(out).filter((f) => /^hostile\/[mt]\//.test(f.split(sep).join("/"))),
  );
});

test("a page's <title> holds the subject escaped once, as its heading does", () => {
  const page = readFileSync(join(out, HOSTILE_LIST, "m", "markup-1@example.org", "index.html"), "utf8");
  assert.match(page, /<title>&lt;script&gt;alert\(&quot;subject&quot;\)&lt;\/script&gt; &amp; &quot;double&quot; &#39;single&#39; quotes · /);
});

test("In-Reply-To loops are reported with the file and index of every message whose parent link was cut", () => {
  const loops = report().diagnostics.filter((d) => d.code === "reply-loop" && d.path === `${HOSTILE_LIST}/reply-loops.mbox`);
  assert.deepEqual(loops.map((d) => d.index).sort(), [0, 3]);
});

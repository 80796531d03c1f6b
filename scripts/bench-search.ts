// Search benchmark: real messages from ../shared/corpus replicated to N (default 100k) search documents
// (URLs made unique, dates moved so the archive spans years), indexed as a build does; times the
// index, reports peak memory and size, and measures what queries download in Debian's chromium.
// Run: node --import tsx scripts/bench-search.ts [N]   (not part of npm test)
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { buildArchive } from "../src/archive/build-archive.ts";
import { buildSearchDocs, type SearchDoc } from "../src/search/records.ts";
import { buildSearchIndex } from "../src/search/build-index.ts";
import { compareDates } from "../src/indexes/index.ts";

const N = Number(process.argv[2] ?? 100_000);
const root = fileURLToPath(new URL("..", import.meta.url));
const corpus = process.env.LISTARCHIVE_CORPUS ?? join(root, "..", "shared", "corpus");
if (!existsSync(corpus)) throw new Error(`corpus not found at ${corpus}`);

const content = mkdtempSync(join(tmpdir(), "bench-search-"));
for (const [id, folder] of [["fetchmail", "berlios-fetchmail-devel"], ["maven", "ponymail-unit-tests"], ["lkml", "notmuch/corpora/lkml"]]) symlinkSync(join(corpus, folder!), join(content, id!));
const archive = await buildArchive(content, { writeAttachment: async () => {} });
const seed = buildSearchDocs(archive);

/** Copy k of every document: its URLs made unique, its date moved by k × 73 days so 100k messages span years. */
const docs: SearchDoc[] = [];
for (let i = 0; i < N; i++) {
  const k = Math.floor(i / seed.length);
  const d = seed[i % seed.length]!;
  const date = d.date ? new Date(Date.parse(d.date) + k * 73 * 86_400_000).toISOString() : "";
  docs.push({ ...d, url: d.url.replace("/t/", `/t/c${k}-`), threadUrl: d.threadUrl.replace("/t/", `/t/c${k}-`), permalink: d.permalink.replace("/m/", `/m/c${k}-`), date });
}
docs.sort((a, b) => compareDates(a.date || null, b.date || null) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
const words = docs.reduce((n, d) => n + d.text.split(/\s+/).length, 0);

const out = mkdtempSync(join(tmpdir(), "bench-search-out-"));
const rssBefore = process.memoryUsage().rss;
const t = performance.now();
const index = buildSearchIndex(docs, archive.lists.map((l) => ({ id: l.config.id, title: l.config.title })));
const built = performance.now();
for (const [path, bytes] of index.files) {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), bytes);
}
writeFileSync(join(out, "search", "index.json"), JSON.stringify(index.manifest));
const seconds = (performance.now() - t) / 1000;
const size = execFileSync("du", ["-sm", out], { encoding: "utf8" }).split("\t")[0];
console.log(`${N} documents (${Math.round(words / N)} words each on average), ${index.terms} terms in ${index.manifest.segments.reduce((n, s) => n + s.chunks.length, 0)} chunks of ${index.manifest.segments.length} segments, ${readdirSync(join(out, "search", "docs")).length} document files`);
console.log(`indexed in ${((built - t) / 1000).toFixed(1)} s, written in ${((performance.now() - built) / 1000).toFixed(1)} s (${seconds.toFixed(1)} s in all); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${(rssBefore / 1048576).toFixed(0)} MB before indexing); index on disk ${size} MB; manifest ${(JSON.stringify(index.manifest).length / 1024).toFixed(0)} KB`);

// One query in the browser, as the search page runs it, counting every byte fetched.
cpSync(join(root, "src", "search", "client"), join(out, "search", "js"), { recursive: true, filter: (f) => !f.endsWith(".d.ts") });
writeFileSync(join(out, "search", "index.html"), `<!doctype html><form data-search-root="/"><input name="q"><select name="list"></select><select name="year"></select><input name="author"><select name="sort"></select></form><p id="search-status"></p><div id="search-results"></div><script type="module" src="/search/js/search-page.js"></script>`);
const server = spawn(process.execPath, ["--import", "tsx", join(root, "tests/e2e/serve.ts"), out, "4299"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  for (const q of ["ssl certificate", "maven release vote", "fetchmail", "the patch", "fetchmail ssl certificate", "certif", "please review the following patch"]) {
    const page = await browser.newPage();
    let bytes = 0;
    const byKind = new Map<string, { files: number; bytes: number }>();
    page.on("response", async (r) => {
      // Bytes on the wire (the index files are gzip already; the test server compresses nothing).
      const size = (await r.request().sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize;
      bytes += size;
      const kind = /\/search\/(terms|docs|ids|js)\//.exec(r.url())?.[1] ?? new URL(r.url()).pathname;
      const k = byKind.get(kind) ?? { files: 0, bytes: 0 };
      k.files++;
      k.bytes += size;
      byKind.set(kind, k);
    });
    const started = performance.now();
    await page.goto(`http://127.0.0.1:4299/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /No messages/.test(document.getElementById("search-status")!.textContent ?? "") || document.querySelector(".search-hit") !== null, null, { timeout: 60_000 });
    const shown = performance.now() - started;
    await page.waitForLoadState("networkidle");
    console.log(`query "${q}": ${await page.locator("#search-status").textContent()} ${(bytes / 1024).toFixed(0)} KB downloaded, first hits shown after ${shown.toFixed(0)} ms`);
    console.log(`  ${[...byKind].sort().map(([k, v]) => `${k} ${v.files} files ${(v.bytes / 1024).toFixed(0)} KB`).join(", ")}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(out, { recursive: true, force: true });
  rmSync(content, { recursive: true, force: true });
}

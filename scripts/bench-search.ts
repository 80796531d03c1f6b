// Search benchmark: real messages from ../shared/corpus replicated to N (default 100k) search records,
// sharded by list and year as a build does; times indexing, samples Pagefind's peak memory, and
// measures what one query downloads in Debian's chromium.
// Run: node --import tsx scripts/bench-search.ts [N]   (not part of npm test)
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { buildArchive } from "../src/archive/build-archive.ts";
import { buildSearchShards, packShards, type SearchRecord } from "../src/search/records.ts";
import { writeSearchIndex } from "../src/search/build-index.ts";

const N = Number(process.argv[2] ?? 100_000);
const root = fileURLToPath(new URL("..", import.meta.url));
const corpus = process.env.LISTARCHIVE_CORPUS ?? join(root, "..", "shared", "corpus");
if (!existsSync(corpus)) throw new Error(`corpus not found at ${corpus}`);

const content = mkdtempSync(join(tmpdir(), "bench-search-"));
for (const [id, folder] of [["fetchmail", "berlios-fetchmail-devel"], ["maven", "ponymail-unit-tests"], ["lkml", "notmuch/corpora/lkml"]]) symlinkSync(join(corpus, folder!), join(content, id!));
const archive = await buildArchive(content, { writeAttachment: async () => {} });
const seed = buildSearchShards(archive).flatMap((s) => s.records.map((r) => ({ listId: s.listId, r })));

/** Copy k of every record: its URL made unique, its date moved by k × 73 days so 100k messages span years. */
const byListYear = new Map<string, Map<string, SearchRecord[]>>();
for (let i = 0; i < N; i++) {
  const k = Math.floor(i / seed.length);
  const { listId, r } = seed[i % seed.length]!;
  const date = r.meta.date ? new Date(Date.parse(r.meta.date) + k * 73 * 86_400_000).toISOString() : "";
  const year = date ? date.slice(0, 4) : "undated";
  const record: SearchRecord = {
    ...r,
    url: r.url.replace("/t/", `/t/c${k}-`),
    meta: { ...r.meta, date, threadUrl: r.meta.threadUrl.replace("/t/", `/t/c${k}-`) },
    filters: { ...r.filters, year: date ? [year] : [] },
    sort: { date },
  };
  let years = byListYear.get(listId);
  if (!years) byListYear.set(listId, (years = new Map()));
  const bucket = years.get(year);
  if (bucket) bucket.push(record);
  else years.set(year, [record]);
}
const shards = [...byListYear].flatMap(([listId, years]) => packShards(listId, [...years]));
const words = shards.reduce((n, s) => n + s.records.reduce((m, r) => m + r.content.split(/\s+/).length, 0), 0);

const out = mkdtempSync(join(tmpdir(), "bench-search-out-"));
let peak = 0;
const sampler = setInterval(() => {
  try {
    const rss = execFileSync("ps", ["-C", "pagefind_extended", "-o", "rss="], { encoding: "utf8" }).split("\n").map(Number).filter(Boolean);
    peak = Math.max(peak, ...rss);
  } catch {
    // not running between shards
  }
}, 200);
const t = performance.now();
const bundles = await writeSearchIndex(shards, out);
const seconds = (performance.now() - t) / 1000;
clearInterval(sampler);
const nodePeak = process.resourceUsage().maxRSS;
const size = execFileSync("du", ["-sm", out], { encoding: "utf8" }).split("\t")[0];
console.log(`${N} records (${Math.round(words / N)} words each on average) in ${shards.length} shards: indexed in ${seconds.toFixed(1)} s`);
console.log(`peak RSS: Pagefind ${(peak / 1024).toFixed(0)} MB, node ${(nodePeak / 1024).toFixed(0)} MB; index on disk ${size} MB`);

// One query in the browser, as the search page runs it, counting every byte fetched.
writeFileSync(join(out, "search", "manifest.json"), JSON.stringify({ bundles: bundles.map((b) => ({ ...b, listTitle: b.listId })) }));
cpSync(join(root, "public", "search.js"), join(out, "search.js"));
writeFileSync(join(out, "search", "index.html"), `<!doctype html><form data-search-root="/"><input name="q"><select name="list"></select><select name="year"></select><input name="author"><select name="sort"></select></form><p id="search-status"></p><div id="search-results"></div><script type="module" src="/search.js"></script>`);
const server = spawn(process.execPath, ["--import", "tsx", join(root, "tests/e2e/serve.ts"), out, "4299"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  for (const q of ["ssl certificate", "maven release vote", "fetchmail"]) {
    const page = await browser.newPage();
    let bytes = 0;
    page.on("response", async (r) => (bytes += (await r.body().catch(() => Buffer.alloc(0))).length));
    const started = performance.now();
    await page.goto(`http://127.0.0.1:4299/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /found|No messages/.test(document.getElementById("search-status")!.textContent ?? ""), null, { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    console.log(`query "${q}": ${await page.locator("#search-status").textContent()} ${(bytes / 1024).toFixed(0)} KB downloaded, ${(performance.now() - started).toFixed(0)} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(out, { recursive: true, force: true });
  rmSync(content, { recursive: true, force: true });
}

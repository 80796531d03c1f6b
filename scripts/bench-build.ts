// Build benchmark: real messages from ../shared/corpus replicated into one mbox of N messages (ids,
// In-Reply-To and References rewritten per copy so thread shapes stay real, dates moved by 73 days
// per copy so the archive spans years); times our cold build, a rebuild with 1% more messages (the
// next copies, dated all across the archive: the worst case for anything kept in date order), a
// rebuild with 1% more as new mail (dated after all the rest, a minute apart, as a list grows), a
// rebuild with nothing changed, and MHonArc on the same mbox, and prints wall time, peak RSS,
// messages per second, CPU seconds (user and kernel) and the ratios, with a probe of how fast the
// disk makes page files before and after each size.
// Run: node --import tsx scripts/bench-build.ts [N ...]   (default 1000 10000 100000; not part of npm test)
//   --no-mhonarc   skip MHonArc (apt-get install -y mhonarc)     --keep   keep the folders in tmp/bench
//   --cpu-prof=DIR  V8 CPU profiles of every thread of each build in DIR/<N>-<cold|across|new|unchanged>/ (slower builds)
//   --drop-caches  (root, Linux) empty the machine's page, inode and dentry caches before each rebuild,
//                  as on a machine whose memory went to other work since the last build
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readContent, readListMessages, type ListInput } from "../src/ingest/index.ts";
import { Diagnostics } from "../src/report/diagnostics.ts";

const args = process.argv.slice(2);
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const withMhonarc = !args.includes("--no-mhonarc") && existsSync("/usr/bin/mhonarc");
const profiles = args.find((a) => a.startsWith("--cpu-prof="))?.slice("--cpu-prof=".length);
const dropCaches = args.includes("--drop-caches");
const DROP_CACHES = "/proc/sys/vm/drop_caches";
if (dropCaches) {
  try {
    writeFileSync(DROP_CACHES, "3");
  } catch (e) {
    throw new Error(`--drop-caches writes ${DROP_CACHES}, which needs root on Linux: ${(e as Error).message}`);
  }
}
const root = fileURLToPath(new URL("..", import.meta.url));
const corpus = process.env.LISTARCHIVE_CORPUS ?? join(root, "..", "shared", "corpus");
if (!existsSync(corpus)) throw new Error(`corpus not found at ${corpus}`);
// A fresh folder per run: deleting a big tree just before a timed build slows this disk for a while.
const work = join(root, "tmp", `bench-${process.pid}`);
// The parse cache of its own, so "cold" means cold.
const cacheDir = join(work, "cache");
process.env.LISTARCHIVE_CACHE = cacheDir;

/** The raw bytes of every message of a few real lists, as our readers split them. */
async function seedMessages(): Promise<Buffer[]> {
  const content = join(work, "seed-content");
  rmSync(content, { recursive: true, force: true });
  mkdirSync(content, { recursive: true });
  for (const [id, folder] of [["fetchmail", "berlios-fetchmail-devel"], ["maven", "ponymail-unit-tests"], ["lkml", "notmuch/corpora/lkml"], ["arin", "pipermail-arin-issued"]]) {
    execFileSync("ln", ["-s", join(corpus, folder!), join(content, id!)]);
  }
  const { lists } = await readContent(content);
  const out: Buffer[] = [];
  for (const list of lists) for await (const raw of readListMessages(list, new Diagnostics(), [] as ListInput[])) out.push(raw.bytes);
  return out;
}

const ID = /<([^<>@\s]+)@([^<>\s]+)>/g;
const DAY = 86_400_000;

/**
 * Copy k of a message: its ids (and the ids it names) made unique to the copy, its date moved k × 73
 * days, or set to `at` (a Date header added if it has none: 2% of the seed is dated by Received or
 * the envelope, and new mail keeping such a date would land in the middle of the archive).
 */
function copyOf(bytes: Buffer, k: number, at?: number): string {
  const text = bytes.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? "" : text.slice(end);
  const dateField = (t: number) => `Date: ${new Date(t).toUTCString().replace("GMT", "+0000")}`;
  const fields = head.split(/\r?\n(?![ \t])/);
  if (at !== undefined && !fields.some((f) => /^date:/i.test(f))) fields.push(dateField(at));
  const lines = fields.map((field) => {
    const name = field.slice(0, field.indexOf(":")).toLowerCase();
    if (name === "message-id" || name === "in-reply-to" || name === "references") return field.replace(ID, `<$1.c${k}@$2>`);
    if (name === "date") {
      const t = Date.parse(field.slice(5).trim().replace(/\s*\(.*\)$/, ""));
      if (at !== undefined) return dateField(at);
      if (!Number.isNaN(t)) return dateField(t + k * 73 * DAY);
    }
    return field;
  });
  // mboxrd: a body line starting with "From " (or ">From ") gains one ">".
  return `From bench@example.org Thu Jan  1 00:00:00 2004\n${lines.join("\n")}${body.replace(/\r\n/g, "\n").replace(/^(>*From )/gm, ">$1")}\n\n`;
}

/** Appends messages [from, to) to the mbox; `after` given, message i is dated i minutes after it. */
function writeMbox(path: string, seed: Buffer[], from: number, to: number, after?: number): void {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    parts.push(copyOf(seed[i % seed.length]!, Math.floor(i / seed.length), after === undefined ? undefined : after + i * 60_000));
    if (parts.length === 2000) {
      appendFileSync(path, parts.join(""), "latin1");
      parts.length = 0;
    }
  }
  appendFileSync(path, parts.join(""), "latin1");
}

interface Run {
  seconds: number;
  rssMb: number;
  /** CPU seconds in user space and in the kernel (for us mostly making folders and files), all threads. */
  userS: number;
  sysS: number;
}

/** Runs a command under /usr/bin/time: wall seconds, peak RSS of the whole process tree's largest process, CPU seconds. */
function timed(cmd: string, cmdArgs: string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", cmd, ...cmdArgs], { encoding: "utf8", cwd: root, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [seconds, kb, user, sys] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024, userS: user!, sysS: sys! };
}

const PROBE_FILES = 10_000;
/**
 * How fast this disk makes page files right now: PROBE_FILES files of 8 KB, each in a folder of its
 * own (as message pages are), made in `dir` and left there (deleting them would slow the next
 * build). Wall and kernel seconds: on this machine 50,000 such files took from 1.9 to 16.6 s within
 * one hour (nearly all of it in the kernel), and a cold build's pages stage follows the disk.
 */
function diskProbe(dir: string): { seconds: number; sysS: number } {
  const body = "x".repeat(8192);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < PROBE_FILES; i++) {
    const folder = join(dir, "disk-probe", `${i.toString(36)}-probe@example.org`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "index.html"), body);
  }
  return { seconds: (performance.now() - t) / 1000, sysS: process.cpuUsage(cpu).system / 1e6 };
}
const probeText = (p: { seconds: number; sysS: number }) => `${p.seconds.toFixed(1)} s (${p.sysS.toFixed(1)} s kernel)`;
const cpuText = (r: Run) => `CPU ${r.userS.toFixed(1)} + ${r.sysS.toFixed(1)} s kernel`;

/** A build of `content` into `output`; `dropped`: the machine's caches are emptied first (--drop-caches). */
const build = (content: string, output: string, label: string, dropped = false) => {
  execFileSync("sync");
  if (dropped) writeFileSync(DROP_CACHES, "3");
  const profiling = profiles ? ["--cpu-prof", `--cpu-prof-dir=${join(profiles, label)}`] : [];
  return timed(process.execPath, [...profiling, join(root, "src/cli/launch.mjs"), `--content=${content}`, `--output=${output}`, "--quiet"]);
};
const stages = (output: string) => (JSON.parse(readFileSync(join(output, "build-report.json"), "utf8")) as { timings: Record<string, number> }).timings;
const fmt = (t: Record<string, number>) => Object.entries(t).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(", ");

const seed = await seedMessages();
console.log(`seed: ${seed.length} real messages; MHonArc ${withMhonarc ? "on" : "off"}`);
const rebuilt = dropCaches ? " (caches dropped)" : "";
const rows: string[] = [`| messages | ours cold | per 1k | peak RSS | msg/s | rebuild +1% across the archive${rebuilt} | rebuild +1% new mail${rebuilt} | rebuild, nothing changed${rebuilt} | MHonArc | MHonArc RSS | ours / MHonArc | cold CPU, user + kernel | disk probe before, after |`, "|---|---|---|---|---|---|---|---|---|---|---|---|---|"];
/** After the newest date any copy of the seed has: copy k is the seed moved k × 73 days. */
const seedNewest = Math.max(...seed.map((b) => Date.parse(/^Date:(.*)$/im.exec(b.toString("latin1"))?.[1]?.trim().replace(/\s*\(.*\)$/, "") ?? "") || 0));
for (const n of sizes.length ? sizes : [1000, 10_000, 100_000]) {
  const dir = join(work, String(n));
  const content = join(dir, "content");
  mkdirSync(join(content, "bench"), { recursive: true });
  writeFileSync(join(content, "site.json"), JSON.stringify({ title: "Benchmark" }));
  writeFileSync(join(content, "bench", "list.md"), "---\ntitle: bench\n---\n");
  const mbox = join(content, "bench", "archive.mbox");
  writeMbox(mbox, seed, 0, n);
  const output = join(dir, "site");
  const probeBefore = diskProbe(dir);
  const cold = build(content, output, `${n}-cold`);
  const coldStages = stages(output);
  // 1% more messages appended to the same mbox, built over the previous output.
  const step = Math.max(1, Math.round(n / 100));
  writeMbox(mbox, seed, n, n + step);
  const again = build(content, output, `${n}-across`, dropCaches);
  const againStages = stages(output);
  // Then 1% more as new mail, dated after every message so far.
  writeMbox(mbox, seed, n + step, n + 2 * step, seedNewest + (Math.floor((n + 2 * step) / seed.length) + 1) * 73 * DAY);
  const fresh = build(content, output, `${n}-new`, dropCaches);
  const freshStages = stages(output);
  // And once more with nothing changed: what every rebuild costs at least.
  const still = build(content, output, `${n}-unchanged`, dropCaches);
  const stillStages = stages(output);
  let mh: Run | null = null;
  if (withMhonarc) {
    const mhOut = join(dir, "mhonarc");
    mkdirSync(mhOut, { recursive: true });
    writeFileSync(join(dir, "cold.mbox"), "");
    writeMbox(join(dir, "cold.mbox"), seed, 0, n);
    mh = timed("mhonarc", ["-quiet", "-outdir", mhOut, join(dir, "cold.mbox")]);
  }
  const probeAfter = diskProbe(join(dir, "after"));
  const runText = (r: Run, t: Record<string, number>) => `${r.seconds.toFixed(1)} s, ${r.rssMb.toFixed(0)} MB, ${cpuText(r)} (${fmt(t)})`;
  console.log(
    `${n}: disk probe (${PROBE_FILES} page files) ${probeText(probeBefore)} before, ${probeText(probeAfter)} after; cold ${runText(cold, coldStages)}; +1% across ${runText(again, againStages)}; +1% new ${runText(fresh, freshStages)}; unchanged ${runText(still, stillStages)}${rebuilt}${mh ? `; MHonArc ${mh.seconds.toFixed(1)} s, ${mh.rssMb.toFixed(0)} MB, ${cpuText(mh)}` : ""}`,
  );
  rows.push(
    `| ${n} | ${cold.seconds.toFixed(1)} s | ${((cold.seconds / n) * 1000).toFixed(2)} s | ${cold.rssMb.toFixed(0)} MB | ${(n / cold.seconds).toFixed(0)} | ${again.seconds.toFixed(1)} s (${(again.seconds / cold.seconds).toFixed(2)}×) | ${fresh.seconds.toFixed(1)} s (${(fresh.seconds / cold.seconds).toFixed(2)}×) | ${still.seconds.toFixed(1)} s (${(still.seconds / cold.seconds).toFixed(2)}×) | ${mh ? `${mh.seconds.toFixed(1)} s` : "–"} | ${mh ? `${mh.rssMb.toFixed(0)} MB` : "–"} | ${mh ? `${(cold.seconds / mh.seconds).toFixed(2)}×` : "–"} | ${cold.userS.toFixed(1)} + ${cold.sysS.toFixed(1)} s | ${probeBefore.seconds.toFixed(1)} s, ${probeAfter.seconds.toFixed(1)} s |`,
  );
}
console.log(rows.join("\n"));
if (!args.includes("--keep")) rmSync(work, { recursive: true, force: true });

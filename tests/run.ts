// `npm test`: unit tests (node's runner), then browser tests (Playwright), then one summing line for CI.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const runUnit = !args.has("--e2e");
const runE2e = !args.has("--unit");

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
}

/** Runs a command, echoing its output, and reads the counts from its closing lines. */
function run(cmd: string, cmdArgs: string[], parse: (out: string) => Omit<Counts, "ok">): Promise<Counts> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, FORCE_COLOR: "0" } });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on("close", (code) => resolve({ ...parse(out), ok: code === 0 }));
  });
}

function count(out: string, re: RegExp): number {
  const all = [...out.matchAll(re)];
  return all.length ? Number(all[all.length - 1]![1]) : 0;
}

const totals: Counts = { passed: 0, failed: 0, skipped: 0, ok: true };
const add = (c: Counts) => {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  totals.ok &&= c.ok;
};

if (runUnit) {
  const dir = join(root, "tests", "unit");
  // Node 20's --test has no glob support: name every file.
  const files = readdirSync(dir).filter((f) => f.endsWith(".test.ts")).sort().map((f) => join("tests", "unit", f));
  const unit = await run(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", ...files], (out) => ({
    passed: count(out, /^# pass (\d+)/gm),
    failed: count(out, /^# fail (\d+)/gm) + count(out, /^# cancelled (\d+)/gm),
    skipped: count(out, /^# skipped (\d+)/gm) + count(out, /^# todo (\d+)/gm),
  }));
  console.log(`unit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
  if (!unit.ok && unit.failed === 0) unit.failed = 1; // a crash that ran no test still fails
  add(unit);
}

if (runE2e) {
  const e2e = await run(process.execPath, [join(root, "node_modules", "@playwright", "test", "cli.js"), "test", "--config", "playwright.config.ts"], (out) => {
    const m = /^e2e: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(out);
    return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) } : { passed: 0, failed: 1, skipped: 0 };
  });
  if (!e2e.ok && e2e.failed === 0) e2e.failed = 1;
  add(e2e);
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.ok && totals.failed === 0 ? 0 : 1);

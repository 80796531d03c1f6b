// Worker threads start from a bundle of their module (plain JavaScript, made once per version of the
// code) instead of loading tsx, and the bundle behaves as the module does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { startWorker, workerExecArgv } from "../../src/archive/worker-thread.ts";
import { PROJECT_ROOT } from "../../src/archive/code-version.ts";

test("a worker starts from a bundle of its module, made once per version of the code and kept in .cache/workers", async () => {
  const module = new URL("../../src/archive/parse-worker.ts", import.meta.url);
  for (let i = 0; i < 2; i++) {
    const worker = startWorker(module);
    // The parse worker answers an empty batch to say it has started.
    const answer = await new Promise<{ id: number; answers: unknown[] }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage({ id: -1, jobs: [] });
    });
    assert.deepEqual(answer, { id: -1, answers: [] });
    await worker.terminate();
  }
  const folder = join(PROJECT_ROOT, ".cache", "workers");
  const bundles = readdirSync(folder).flatMap((version) => readdirSync(join(folder, version)).map((name) => join(folder, version, name)));
  assert.ok(bundles.some((path) => path.endsWith("parse-worker.mjs") && statSync(path).size > 0), bundles.join(", "));
});

test("a bundled worker gets this process's profiling and warning options but not its V8 flags or the TypeScript loader, which Worker refuses or does not need", async () => {
  const args = ["--max-old-space-size=8192", "--max-semi-space-size=32", "--import", "tsx", "--cpu-prof", "--cpu-prof-dir", "/tmp/profiles", "--conditions=dev", "--stack-size=2000", "--require=./x.cjs", "--no-warnings"];
  const kept = workerExecArgv(args);
  assert.deepEqual(kept, ["--cpu-prof", "--cpu-prof-dir", "/tmp/profiles", "--conditions=dev", "--no-warnings"]);
  // Worker takes them: it throws ERR_WORKER_INVALID_EXEC_ARGV on the first option it refuses.
  const withoutProfiles = kept.filter((a) => !a.includes("prof"));
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(process.execArgv)", { eval: true, execArgv: withoutProfiles });
  const seen = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  assert.deepEqual(seen, withoutProfiles);
  await worker.terminate();
});

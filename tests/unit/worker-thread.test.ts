// Worker threads start from a bundle of their module (plain JavaScript, made once per version of the
// code) instead of loading tsx, and the bundle behaves as the module does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startWorker } from "../../src/archive/worker-thread.ts";
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

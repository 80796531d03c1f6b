// Seeded, bounded fuzzing: real corpus messages mutated through ingest, parse and render; nothing throws, hangs or comes out live.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { CORPUS, corpusSkip } from "../support/corpus.ts";
import type { FuzzJob, FuzzReport } from "../support/fuzz-worker.ts";

/** FUZZ_SEED and FUZZ_ITERATIONS explore further; CI runs the fixed seed, so a failure reproduces. */
const SEED = Number(process.env.FUZZ_SEED ?? 20250125);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 200);
/** No message may take longer than this; no sign of life for HANG_MS is a hang and stops the worker. */
const PER_MESSAGE_MS = 2000;
const HANG_MS = 10_000;

/** Runs the worker (TypeScript through tsx's loader) and collects its reports; a silent worker is stopped. */
function runFuzz(job: FuzzJob): Promise<{ reports: FuzzReport[]; hang: FuzzReport | null; error: Error | null }> {
  const url = new URL("../support/fuzz-worker.ts", import.meta.url).href;
  const worker = new Worker(`(async () => { const { register } = await import("tsx/esm/api"); register(); await import(${JSON.stringify(url)}); })()`, { eval: true, workerData: job });
  return new Promise((resolve) => {
    const reports: FuzzReport[] = [];
    let last: FuzzReport | null = null;
    let error: Error | null = null;
    let watchdog = setTimeout(() => stop(true), HANG_MS * 3); // reading the corpus comes first
    const stop = (hung: boolean) => {
      clearTimeout(watchdog);
      void worker.terminate();
      resolve({ reports, hang: hung ? last : null, error });
    };
    worker.on("message", (report: FuzzReport) => {
      reports.push(report);
      last = report;
      clearTimeout(watchdog);
      if (report.kind === "done") return stop(false);
      watchdog = setTimeout(() => stop(true), HANG_MS);
    });
    worker.on("error", (e) => {
      error = e;
      stop(false);
    });
    worker.on("exit", () => stop(false));
  });
}

test(`${ITERATIONS} mutated corpus messages go through ingest, parse and render without an exception, a hang or live markup (seed ${SEED})`, { skip: corpusSkip }, async (t) => {
  const { reports, hang, error } = await runFuzz({ seed: SEED, iterations: ITERATIONS, corpus: CORPUS, perMessageMs: PER_MESSAGE_MS });
  const where = (r: FuzzReport) => ("iteration" in r ? `seed ${SEED}, iteration ${r.iteration}, ${r.source}, mutations: ${r.applied.join(", ")}` : "");
  assert.equal(error, null, `the worker failed (seed ${SEED}): ${error?.stack}`);
  assert.equal(hang, null, `no sign of life for ${HANG_MS} ms after: ${hang ? where(hang) : "starting"}`);
  const problems = reports.filter((r) => r.kind === "problem");
  assert.deepEqual(problems.slice(0, 5).map((p) => `${where(p)}: ${p.kind === "problem" ? p.problem : ""}`), []);
  const done = reports.find((r) => r.kind === "done");
  assert.ok(done && done.kind === "done" && done.iterations === ITERATIONS, `the worker stopped early (seed ${SEED})`);
  t.diagnostic(`seed ${SEED}: ${done.iterations} iterations, ${done.messages} messages parsed and rendered in ${(done.ms / 1000).toFixed(1)} s`);
});

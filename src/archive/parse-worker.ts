// A parse worker: parses batches of raw messages off the main thread (see parse-pool.ts).
import { parentPort } from "node:worker_threads";
import { parseForArchive, type ArchiveOptions } from "./archived-message.ts";
import type { RawMessage } from "../ingest/index.ts";
import type { Severity } from "../report/diagnostics.ts";

export interface ParseJob {
  raw: RawMessage;
  options: ArchiveOptions;
}

export type ParseAnswer = { reports: [Severity, string, string][] } & ({ message: unknown } | { error: string });

/** A batch and its number: batches may finish out of order (parsing awaits), so answers name theirs. */
export interface ParseBatch {
  id: number;
  jobs: ParseJob[];
}

parentPort!.on("message", async ({ id, jobs }: ParseBatch) => {
  const answers: ParseAnswer[] = [];
  for (const job of jobs) {
    const reports: [Severity, string, string][] = [];
    // Buffers arrive as Uint8Arrays: the parser wants Buffers.
    const bytes = Buffer.from(job.raw.bytes.buffer, job.raw.bytes.byteOffset, job.raw.bytes.byteLength);
    try {
      const message = await parseForArchive({ ...job.raw, bytes }, job.options, { report: (s, c, m) => reports.push([s, c, m]) });
      answers.push({ message, reports });
    } catch (e) {
      answers.push({ error: (e as Error).message, reports });
    }
  }
  parentPort!.postMessage({ id, answers });
});

// A parse worker: parses batches of raw messages off the main thread (see parse-pool.ts) into their
// parts as the parse cache stores them, each handed back in a buffer of its own without copying.
import { parentPort } from "node:worker_threads";
import { parseToParts, type ArchiveOptions, type ParsedParts } from "./archived-message.ts";
import type { RawMessage } from "../ingest/index.ts";

export interface ParseJob {
  raw: RawMessage;
  options: ArchiveOptions;
}

/** A batch and its number: batches may finish out of order (parsing awaits), so answers name theirs. */
export interface ParseBatch {
  id: number;
  jobs: ParseJob[];
}

parentPort!.on("message", async ({ id, jobs }: ParseBatch) => {
  const answers: ParsedParts[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const job of jobs) {
    // Buffers arrive as Uint8Arrays: the parser wants Buffers.
    const bytes = Buffer.from(job.raw.bytes.buffer, job.raw.bytes.byteOffset, job.raw.bytes.byteLength);
    const answer = await parseToParts({ ...job.raw, bytes }, job.options);
    if ("parts" in answer) transfer.push(answer.parts.bytes.buffer as ArrayBuffer);
    answers.push(answer);
  }
  parentPort!.postMessage({ id, answers }, transfer);
});

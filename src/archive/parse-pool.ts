// Parsing on every core: worker threads take batches of raw messages; answers keep the order asked.
// Should a worker fail, its messages and every later one are parsed on the main thread instead.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startWorker } from "./worker-thread.ts";
import type { RawMessage } from "../ingest/index.ts";
import { parseForArchive, type ArchivedMessage, type ArchiveOptions } from "./archived-message.ts";
import type { DiagnosticSink, Severity } from "../report/diagnostics.ts";
import type { ParseAnswer, ParseBatch, ParseJob } from "./parse-worker.ts";

/** Messages sent to a worker at once: fewer round trips, still even sharing. */
const BATCH = 32;

interface Pending {
  job: ParseJob;
  resolve(answer: ParseAnswer): void;
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered, by batch number. */
  waiting: Map<number, Pending[]>;
  alive: boolean;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private queued: Pending[] = [];
  private batches = 0;

  constructor(size = Math.max(1, availableParallelism())) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(new URL("./parse-worker.ts", import.meta.url));
      const slot: Slot = { worker, waiting: new Map(), alive: true };
      worker.on("message", ({ id, answers }: { id: number; answers: ParseAnswer[] }) => {
        const batch = slot.waiting.get(id)!;
        slot.waiting.delete(id);
        answers.forEach((a, k) => batch[k]!.resolve(a));
      });
      const fail = () => {
        if (!slot.alive) return;
        slot.alive = false;
        for (const batch of slot.waiting.values()) for (const p of batch) void parseHere(p);
        slot.waiting.clear();
      };
      worker.on("error", fail);
      worker.on("exit", fail);
      this.slots.push(slot);
    }
  }

  /** Parses in a worker; what the parser reports goes to `sink` when the answer comes. */
  parse(raw: RawMessage, options: ArchiveOptions, sink: DiagnosticSink): Promise<ArchivedMessage> {
    return new Promise<ParseAnswer>((resolve) => {
      this.queued.push({ job: { raw, options }, resolve });
      if (this.queued.length >= BATCH) this.flush();
    }).then((answer) => {
      for (const [severity, code, text] of answer.reports) sink.report(severity, code, text);
      if ("error" in answer) throw new Error(answer.error);
      const message = answer.message as ArchivedMessage;
      // Buffers come back as Uint8Arrays.
      for (const a of message.attachments) {
        const bytes = a.content as Uint8Array;
        if (!Buffer.isBuffer(bytes)) a.content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
      return message;
    });
  }

  /** Sends what is queued to the least busy worker; call before waiting on the last answers. */
  flush(): void {
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    const alive = this.slots.filter((s) => s.alive);
    if (alive.length === 0) {
      for (const p of batch) void parseHere(p);
      return;
    }
    const slot = alive.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = this.batches++;
    slot.waiting.set(id, batch);
    slot.worker.postMessage({ id, jobs: batch.map((p) => p.job) } satisfies ParseBatch);
  }

  async close(): Promise<void> {
    for (const s of this.slots) s.alive = false;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** The main thread's own parse, for messages no worker can take. */
async function parseHere(p: Pending): Promise<void> {
  const reports: [Severity, string, string][] = [];
  try {
    const message = await parseForArchive(p.job.raw, p.job.options, { report: (s, c, m) => reports.push([s, c, m]) });
    p.resolve({ message, reports });
  } catch (e) {
    p.resolve({ error: (e as Error).message, reports });
  }
}

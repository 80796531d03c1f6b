// Parsing on every core: worker threads take batches of raw messages; answers keep the order asked.
// Should a worker fail, its messages and every later one are parsed on the main thread instead.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startWorker } from "./worker-thread.ts";
import type { RawMessage } from "../ingest/index.ts";
import { parseToParts, partsOrThrow, type ArchiveOptions, type ParsedParts } from "./archived-message.ts";
import type { MessageParts } from "./message-parts.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import type { ParseBatch, ParseJob } from "./parse-worker.ts";

/** Messages sent to a worker at once: fewer round trips, still even sharing. */
const BATCH = 32;

interface Pending {
  job: ParseJob;
  resolve(answer: ParsedParts): void;
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered, by batch number. */
  waiting: Map<number, Pending[]>;
  alive: boolean;
}

/** The batch number of the empty batch each worker is sent first: its answer says the worker has started. */
const HELLO = -1;

export class ParsePool {
  private readonly slots: Slot[] = [];
  private queued: Pending[] = [];
  private batches = 0;
  /**
   * Whether a worker has started (loading its modules takes a worker ~0.4 s). Until then the caller
   * parses on its own thread, which would otherwise wait for the first answers.
   */
  ready = false;

  constructor(size = Math.max(1, availableParallelism())) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(new URL("./parse-worker.ts", import.meta.url));
      const slot: Slot = { worker, waiting: new Map(), alive: true };
      worker.on("message", ({ id, answers }: { id: number; answers: ParsedParts[] }) => {
        if (id === HELLO) {
          this.ready = true;
          return;
        }
        const batch = slot.waiting.get(id)!;
        slot.waiting.delete(id);
        answers.forEach((a, k) => batch[k]!.resolve(a));
      });
      worker.postMessage({ id: HELLO, jobs: [] } satisfies ParseBatch);
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

  /**
   * Parses in a worker into the message's parts as the cache stores them (what parsing reported is
   * in the head); a failure reports to `sink` and rejects.
   */
  parse(raw: RawMessage, options: ArchiveOptions, sink: DiagnosticSink): Promise<MessageParts> {
    return new Promise<ParsedParts>((resolve) => {
      this.queued.push({ job: { raw, options }, resolve });
      if (this.queued.length >= BATCH) this.flush();
    }).then((answer) => partsOrThrow(answer, sink));
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
  p.resolve(await parseToParts(p.job.raw, p.job.options));
}

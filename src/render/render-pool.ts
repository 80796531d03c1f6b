// Rendering on the other cores: worker threads take a thread's pages at a time (render-worker.ts)
// while the main thread makes the next ones, and renders itself whenever every worker has enough
// queued. Should a worker fail, the pages it held are rendered on the main thread instead.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startWorker } from "../archive/worker-thread.ts";
import type { StoredText } from "../archive/stored-parts.ts";
import type { PageRenderer } from "./page-renderer.ts";
import { renderClaimed } from "./render-claimed.ts";
import type { RenderAnswer, RenderedPage, RenderJob, RenderMessage, RenderSetup } from "./render-worker.ts";

/**
 * Pages a worker may hold before the main thread renders a thread's pages itself: enough that the
 * worker never waits while the main thread renders, few enough that both finish together.
 */
const QUEUE = 64;

/** Messages from which on thread and message pages are rendered on worker threads too (a worker takes ~0.3 s to start). */
const WORKERS_FROM = 2000;

/**
 * Render workers beside the main thread for an archive of `messages`: one per other core from
 * WORKERS_FROM messages on, unless LISTARCHIVE_RENDER_WORKERS (a whole number, 0 for none) says.
 * Throws, naming the value and what is accepted, when that is no whole number.
 */
export function renderWorkerCount(messages: number, setting = process.env.LISTARCHIVE_RENDER_WORKERS): number {
  if (setting !== undefined && setting !== "") {
    if (!/^\d{1,2}$/.test(setting)) throw new Error(`LISTARCHIVE_RENDER_WORKERS is ${JSON.stringify(setting)}: give a whole number from 0 to 99 (0: render on the main thread only)`);
    return Number(setting);
  }
  return messages >= WORKERS_FROM ? Math.max(1, availableParallelism() - 1) : 0;
}

interface Slot {
  worker: Worker;
  /** Jobs sent and not answered, by id. */
  waiting: Map<number, RenderJob>;
  /** Their pages. */
  pages: number;
  alive: boolean;
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private failure: Error | null = null;
  private idle: (() => void) | null = null;
  /** Pages the workers rendered and wrote (not those of a failed worker, rendered here instead). */
  renderedOnWorkers = 0;

  /**
   * `here` renders on this thread the pages of a worker that failed; `written` hears how many
   * files each job wrote.
   */
  constructor(size: number, setup: RenderSetup, private readonly here: PageRenderer, private readonly written: (n: number) => void) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(new URL("./render-worker.ts", import.meta.url));
      const slot: Slot = { worker, waiting: new Map(), pages: 0, alive: true };
      worker.postMessage({ setup } satisfies RenderMessage);
      worker.on("message", (answer: RenderAnswer) => {
        const job = slot.waiting.get(answer.id);
        if (!job) return;
        slot.waiting.delete(answer.id);
        slot.pages -= job.pages.length;
        if ("error" in answer) this.failure ??= new Error(`rendering failed: ${answer.error}`);
        else {
          this.renderedOnWorkers += answer.written;
          this.written(answer.written);
        }
        this.wake();
      });
      const fail = () => {
        if (!slot.alive) return;
        slot.alive = false;
        for (const job of slot.waiting.values()) this.renderHere(job);
        slot.waiting.clear();
        slot.pages = 0;
        this.wake();
      };
      worker.on("error", fail);
      worker.on("exit", fail);
      this.slots.push(slot);
    }
  }

  /** Whether a worker can take another thread's pages now; if not, the caller renders them itself. */
  hasRoom(): boolean {
    return this.slots.some((s) => s.alive && s.pages < QUEUE);
  }

  /** Hands a thread's pages (their files claimed from the output writer) to the least busy worker. */
  send(pages: RenderedPage[], bodies: [string, StoredText][]): void {
    if (this.failure) throw this.failure;
    const job: RenderJob = { id: this.nextId++, pages, bodies };
    let slot: Slot | null = null;
    for (const s of this.slots) if (s.alive && (!slot || s.pages < slot.pages)) slot = s;
    if (!slot) return this.renderHere(job);
    slot.waiting.set(job.id, job);
    slot.pages += pages.length;
    slot.worker.postMessage({ job } satisfies RenderMessage);
  }

  /** Waits for every job sent; throws the first failure. */
  async drain(): Promise<void> {
    while (this.slots.some((s) => s.waiting.size > 0)) await new Promise<void>((wake) => (this.idle = wake));
    if (this.failure) throw this.failure;
  }

  /** Stops the workers. */
  close(): void {
    for (const s of this.slots) {
      s.alive = false;
      void s.worker.terminate();
    }
  }

  private wake(): void {
    const wake = this.idle;
    this.idle = null;
    wake?.();
  }

  private renderHere(job: RenderJob): void {
    try {
      renderClaimed(this.here, job.pages, this.written);
    } catch (e) {
      this.failure ??= e as Error;
    }
  }
}

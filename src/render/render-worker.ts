// A render worker: renders the pages of the threads the main thread hands it (render-pool.ts) and
// writes each file where the output writer said, reading the messages' bodies (as HTML) from the parse cache itself.
import { parentPort } from "node:worker_threads";
import { readStoredText, type StoredText } from "../archive/stored-parts.ts";
import { createPageRenderer, type PageFrame, type PageRenderer } from "./page-renderer.ts";
import { templateFilters } from "./template-filters.ts";
import { renderClaimed } from "./render-claimed.ts";

/** What every page of the build shares. */
export interface RenderSetup {
  frame: PageFrame;
  pathPrefix: string;
}

/** A page to render: its kind, its data, the absolute path of its file, and whether the previous build's file is there (written over in place). */
export type RenderedPage = [kind: string, item: unknown, target: string, replaces: boolean];

/** One thread's pages, with where their messages' bodies lie. */
export interface RenderJob {
  id: number;
  pages: RenderedPage[];
  bodies: [url: string, html: StoredText][];
}

export type RenderMessage = { setup: RenderSetup } | { job: RenderJob };
export type RenderAnswer = { id: number; written: number } | { id: number; error: string };

const port = parentPort!;
let renderer: PageRenderer | null = null;
let bodies = new Map<string, StoredText>();

port.on("message", (message: RenderMessage) => {
  if ("setup" in message) {
    const { frame, pathPrefix } = message.setup;
    const filters = templateFilters({
      pathPrefix: () => pathPrefix,
      bodyHtml: (url) => {
        const at = bodies.get(url);
        return at && readStoredText(at);
      },
    });
    renderer = createPageRenderer(filters, frame);
    return;
  }
  const { id, pages } = message.job;
  try {
    if (!renderer) throw new Error("internal error: a render job before the setup");
    bodies = new Map(message.job.bodies);
    renderClaimed(renderer, pages, () => {});
    port.postMessage({ id, written: pages.length } satisfies RenderAnswer);
  } catch (e) {
    port.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies RenderAnswer);
  }
});

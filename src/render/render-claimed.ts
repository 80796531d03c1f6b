// Rendering pages whose files the output writer claimed, and writing each: the one way a page is
// made and written, on the main thread (archive-pages.ts, render-pool.ts) as on a render worker.
import { writeClaimedFile } from "../output/claimed-file.ts";
import type { PageRenderer } from "./page-renderer.ts";
import type { RenderedPage } from "./render-worker.ts";

/** Renders one thread's pages, whose files were claimed, on this thread: each written, then counted; then the thread's bodies are forgotten. */
export function renderClaimed(renderer: PageRenderer, pages: readonly RenderedPage[], written: (n: number) => void): void {
  for (const [kind, item, target, replaces] of pages) {
    writeClaimedFile(target, renderer.render(kind, item), replaces);
    written(1);
  }
  renderer.nextThread();
}

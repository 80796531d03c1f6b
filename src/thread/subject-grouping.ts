// Subject grouping (a per-list option): reference-less replies join a recent thread with the same subject.
import { addChild, type Container } from "./container.ts";
import type { ThreadInput, ThreadOptions } from "./types.ts";

const DAY_MS = 86_400_000;

/** The key subject grouping compares subjects by. */
export function subjectKey(base: string): string {
  return base.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Only a message that has no reference at all (no In-Reply-To, no References, so no parent),
 * whose subject starts with a reply prefix, and that is dated, is joined: to the top message of
 * the latest earlier-started thread with the same base subject whose first message is at most
 * `subjectWindowDays` older. Returns the inputs it joined.
 */
export function groupBySubject(inputs: readonly ThreadInput[], containers: readonly Container[], order: readonly number[], options: ThreadOptions): Set<number> {
  const joined = new Set<number>();
  /** Subject → thread tops seen so far, in processing (date) order. */
  const starts = new Map<string, { top: Container; date: number }[]>();
  for (const i of order) {
    const m = inputs[i]!;
    const key = subjectKey(m.baseSubject);
    if (key === "" || m.date === null) continue;
    const date = Date.parse(m.date);
    const c = containers[i]!;
    const orphan = c.parent === null && m.references.length === 0 && m.inReplyTo === null;
    if (orphan && m.subjectIsReply) {
      const candidates = starts.get(key) ?? [];
      for (let k = candidates.length - 1; k >= 0; k--) {
        const s = candidates[k]!;
        if (date - s.date > options.subjectWindowDays * DAY_MS) break;
        if (s.top !== c && addChild(s.top, c)) {
          joined.add(i);
          break;
        }
      }
      if (joined.has(i)) continue;
    }
    if (c.parent === null) {
      const list = starts.get(key);
      const entry = { top: c, date };
      if (list) list.push(entry);
      else starts.set(key, [entry]);
    }
  }
  return joined;
}

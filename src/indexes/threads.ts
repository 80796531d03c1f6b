// Thread records: the thread stage's trees with their messages' records, ghosts kept as placeholders.
import type { ThreadTree } from "../thread/index.ts";
import { threadPath } from "./permalink.ts";
import type { MessageRecord } from "./types.ts";

export interface ThreadEntry {
  /** null for a message that is referenced but not in the archive, or was removed. */
  record: MessageRecord | null;
  /** The list took the message down (removed.txt): a "[removed]" placeholder keeps its place. */
  removed: boolean;
  messageId: string;
  depth: number;
}

export interface ThreadRecord {
  listId: string;
  threadId: string;
  url: string;
  subject: string;
  entries: ThreadEntry[];
  /** Archived messages in the thread. */
  messageCount: number;
  /** Who wrote its first archived message. */
  starterName: string;
  firstDate: string | null;
  lastDate: string | null;
}

/**
 * `records` is aligned with the indexes the trees name. Threads stay in the thread stage's order;
 * removed messages become placeholders, and a thread left with no message has no page.
 */
export function buildThreads(listId: string, trees: readonly ThreadTree[], records: readonly MessageRecord[], removed: ReadonlySet<string> = new Set()): ThreadRecord[] {
  return trees.flatMap((tree) => {
    const entries: ThreadEntry[] = tree.nodes.map((n) => {
      const record = n.index === null ? null : records[n.index]!;
      const gone = record !== null && removed.has(record.messageId);
      return { record: gone ? null : record, removed: gone, messageId: n.messageId, depth: n.depth };
    });
    const messages = entries.flatMap((e) => (e.record ? [e.record] : []));
    if (messages.length === 0) return [];
    const dates = messages.flatMap((m) => (m.date ? [m.date] : [])).sort();
    return {
      listId,
      threadId: tree.threadId,
      url: threadPath(listId, tree.threadId),
      subject: messages[0]?.displaySubject ?? "",
      entries,
      messageCount: messages.length,
      starterName: messages[0] ? messages[0].from.name || messages[0].from.address || "(unknown sender)" : "",
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
    } satisfies ThreadRecord;
  });
}

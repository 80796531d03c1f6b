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
    let firstDate: string | null = null;
    let lastDate: string | null = null;
    for (const { date } of messages) {
      if (date === null) continue;
      if (firstDate === null || date < firstDate) firstDate = date;
      if (lastDate === null || date > lastDate) lastDate = date;
    }
    const first = messages[0]!;
    return {
      listId,
      threadId: tree.threadId,
      url: (first.threadId === tree.threadId && pageOfAnchor(first.threadUrl)) || threadPath(listId, tree.threadId),
      subject: first.displaySubject,
      entries,
      messageCount: messages.length,
      starterName: first.from.name || first.from.address || "(unknown sender)",
      firstDate,
      lastDate,
    } satisfies ThreadRecord;
  });
}

/**
 * The page of a message's place on its thread page (a record's `threadUrl`, made of threadPath):
 * its thread's URL without a hash of its Message-ID made again per thread; null without an anchor.
 */
function pageOfAnchor(url: string): string | null {
  const at = url.indexOf("#");
  return at > 0 ? url.slice(0, at) : null;
}

// Thread records: each thread's messages flattened in reading order with their depth.
import { compare } from "../report/diagnostics.ts";
import { threadPath } from "./permalink.ts";
import type { MessageRecord } from "./types.ts";

export interface ThreadEntry {
  record: MessageRecord;
  depth: number;
}

export interface ThreadRecord {
  listId: string;
  threadId: string;
  url: string;
  subject: string;
  entries: ThreadEntry[];
  firstDate: string | null;
  lastDate: string | null;
}

/** Threads of one list, by first message date; within a thread, depth-first with children by date. */
export function buildThreads(listId: string, records: readonly MessageRecord[]): ThreadRecord[] {
  const byThread = new Map<string, MessageRecord[]>();
  for (const r of records) {
    const list = byThread.get(r.threadId);
    if (list) list.push(r);
    else byThread.set(r.threadId, [r]);
  }
  const threads: ThreadRecord[] = [];
  for (const [threadId, members] of byThread) {
    const entries = flatten(members);
    const dates = members.map((m) => m.date).filter((d): d is string => d !== null).sort(compare);
    threads.push({
      listId,
      threadId,
      url: threadPath(listId, threadId),
      subject: entries[0]?.record.subject ?? "",
      entries,
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
    });
  }
  return threads.sort((a, b) => compare(a.firstDate ?? "~", b.firstDate ?? "~") || compare(a.url, b.url));
}

/** Iterative depth-first walk (threads can be dozens deep); members arrive sorted by date, then URL. */
function flatten(members: MessageRecord[]): ThreadEntry[] {
  const ids = new Set(members.map((m) => m.messageId));
  const children = new Map<string, MessageRecord[]>();
  const roots: MessageRecord[] = [];
  for (const m of members) {
    if (m.parentId !== null && ids.has(m.parentId) && m.parentId !== m.messageId) {
      const list = children.get(m.parentId);
      if (list) list.push(m);
      else children.set(m.parentId, [m]);
    } else {
      roots.push(m);
    }
  }
  const out: ThreadEntry[] = [];
  const seen = new Set<MessageRecord>();
  const parented = new Set<string>();
  const stack: ThreadEntry[] = roots.map((record) => ({ record, depth: 0 })).reverse();
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (seen.has(entry.record)) continue;
    seen.add(entry.record);
    out.push(entry);
    // Content variants share a Message-ID: only the plain permalink (first) takes the children.
    const id = entry.record.messageId;
    const kids = parented.has(id) ? [] : children.get(id) ?? [];
    parented.add(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ record: kids[i]!, depth: entry.depth + 1 });
  }
  return out;
}

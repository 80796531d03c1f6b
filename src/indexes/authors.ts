// Authors: one per person per list, by normalised address; display names merged; URLs never show the address.
import { compare } from "../report/diagnostics.ts";
import { authorPath } from "./permalink.ts";
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

export interface AuthorRecord {
  listId: string;
  /** The most used display name (ties: the earlier one), else the published address. */
  name: string;
  /** Address as published under the list's privacy setting ("" when hidden or unknown). */
  address: string;
  url: string;
  /** Chronological. */
  messages: MessageRecord[];
  threadsStarted: ThreadRecord[];
  /** `YYYY-MM` → messages that month, chronological. */
  months: { key: string; count: number }[];
  firstDate: string | null;
  lastDate: string | null;
}

/** Authors of one list, most messages first; sets each record's `authorUrl`. `records` are chronological. */
export function buildAuthors(listId: string, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): AuthorRecord[] {
  const groups = new Map<string, MessageRecord[]>();
  for (const r of records) {
    const list = groups.get(r.authorKey);
    if (list) list.push(r);
    else groups.set(r.authorKey, [r]);
  }
  const starters = new Map<string, ThreadRecord[]>();
  for (const t of threads) {
    const first = t.entries.find((e) => e.record)?.record;
    if (!first) continue;
    const list = starters.get(first.authorKey);
    if (list) list.push(t);
    else starters.set(first.authorKey, [t]);
  }
  const authors: AuthorRecord[] = [];
  for (const [identity, messages] of groups) {
    const first = messages[0]!;
    const url = authorPath(listId, identity, first.from.name || "author");
    for (const m of messages) m.authorUrl = url;
    const months = new Map<string, number>();
    for (const m of messages) if (m.date) months.set(m.date.slice(0, 7), (months.get(m.date.slice(0, 7)) ?? 0) + 1);
    const dated = messages.filter((m) => m.date !== null);
    authors.push({
      listId,
      name: preferredName(messages) || first.from.address || "(unknown sender)",
      address: messages.find((m) => m.from.address)?.from.address ?? "",
      url,
      messages,
      threadsStarted: starters.get(identity) ?? [],
      months: [...months].sort((a, b) => compare(a[0], b[0])).map(([key, count]) => ({ key, count })),
      firstDate: dated[0]?.date ?? null,
      lastDate: dated[dated.length - 1]?.date ?? null,
    });
  }
  return authors.sort((a, b) => b.messages.length - a.messages.length || compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.url, b.url));
}

function preferredName(messages: readonly MessageRecord[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) if (m.from.name) counts.set(m.from.name, (counts.get(m.from.name) ?? 0) + 1);
  let best = "";
  let bestCount = 0;
  for (const [name, n] of counts) if (n > bestCount) [best, bestCount] = [name, n];
  return best;
}

// Months: each list's messages by month, in the four views people know from pipermail, paginated.
import { compare } from "../report/diagnostics.ts";
import { paginate, type Page } from "./pagination.ts";
import { monthPath } from "./permalink.ts";
import type { ListEntries, MessageListEntry, ThreadListEntry } from "./list-entries.ts";
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

export type MonthView = "threads" | "date" | "subject" | "author";
export const MONTH_VIEWS: readonly MonthView[] = ["threads", "date", "subject", "author"];

/** Items per page: threads in the thread view, messages in the others. */
const THREADS_PER_PAGE = 50;
const MESSAGES_PER_PAGE = 100;

export interface MonthRecord {
  listId: string;
  /** `YYYY-MM` (UTC). */
  key: string;
  url: string;
  /** Chronological. */
  messages: MessageRecord[];
  /** Threads with a message this month, by their first message this month; `count` = messages this month. */
  threads: { thread: ThreadRecord; count: number }[];
}

export interface AuthorGroup {
  name: string;
  authorUrl: string;
  messages: MessageListEntry[];
}

export interface MonthViewPage extends Page<unknown> {
  listId: string;
  listTitle: string;
  monthKey: string;
  view: MonthView;
  /** Page 1 of each view of this month. */
  viewUrls: Record<MonthView, string>;
  prevMonthUrl: string | null;
  nextMonthUrl: string | null;
  messageCount: number;
}

/** Months with messages, oldest first. A thread spanning months is listed under each. */
export function buildMonths(listId: string, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): MonthRecord[] {
  const byKey = new Map<string, MessageRecord[]>();
  for (const r of records) {
    if (!r.date) continue;
    const key = r.date.slice(0, 7);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  // By thread id, the id records name their thread by (no string made per message to look it up).
  const threadOf = new Map<string, ThreadRecord>();
  for (const t of threads) threadOf.set(t.threadId, t);
  return [...byKey.keys()].sort(compare).map((key) => {
    const messages = byKey.get(key)!;
    const counts = new Map<ThreadRecord, number>();
    for (const m of messages) {
      const t = threadOf.get(m.threadId)!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return { listId, key, url: monthPath(listId, key), messages, threads: [...counts].map(([thread, count]) => ({ thread, count })) };
  });
}

/** Every page of every view of every month of a list: their items are what the pages show (list-entries.ts). */
export function buildMonthPages(listTitle: string, months: readonly MonthRecord[], entries: ListEntries): MonthViewPage[] {
  const out: MonthViewPage[] = [];
  months.forEach((month, i) => {
    const viewUrls = Object.fromEntries(MONTH_VIEWS.map((v) => [v, monthPath(month.listId, month.key, v)])) as Record<MonthView, string>;
    const common = {
      listId: month.listId,
      listTitle,
      monthKey: month.key,
      viewUrls,
      prevMonthUrl: i > 0 ? months[i - 1]!.url : null,
      nextMonthUrl: i + 1 < months.length ? months[i + 1]!.url : null,
      messageCount: month.messages.length,
    };
    const shown = (messages: readonly MessageRecord[]) => messages.map((m) => entries.message(m));
    const views: [MonthView, unknown[], number][] = [
      ["threads", month.threads.map(({ thread, count }): { thread: ThreadListEntry; count: number } => ({ thread: entries.thread(thread), count })), THREADS_PER_PAGE],
      ["date", shown(month.messages), MESSAGES_PER_PAGE],
      ["subject", shown(bySubject(month.messages)), MESSAGES_PER_PAGE],
      ["author", shown(byAuthor(month.messages)), MESSAGES_PER_PAGE],
    ];
    for (const [view, items, size] of views) {
      const pages = view === "author" ? paginateGroups(items as MessageListEntry[], size, viewUrls.author) : paginate(items, size, viewUrls[view]);
      for (const page of pages) out.push({ ...page, ...common, view });
    }
  });
  return out;
}

function bySubject(messages: readonly MessageRecord[]): MessageRecord[] {
  return sortedBy(messages, (m) => (m.baseSubject || m.subject).toLowerCase(), (a, b) => compare(a.date ?? "", b.date ?? "") || compare(a.url, b.url));
}

function byAuthor(messages: readonly MessageRecord[]): MessageRecord[] {
  return sortedBy(messages, (m) => (m.from.name || m.from.address).toLowerCase(), (a, b) => compare(a.authorUrl, b.authorUrl) || compare(a.date ?? "", b.date ?? ""));
}

/** Sorted by a key made once per message (not once per comparison), ties broken by `then`. */
function sortedBy(messages: readonly MessageRecord[], key: (m: MessageRecord) => string, then: (a: MessageRecord, b: MessageRecord) => number): MessageRecord[] {
  const keyed = messages.map((m) => ({ m, key: key(m) }));
  keyed.sort((a, b) => compare(a.key, b.key) || then(a.m, b.m));
  return keyed.map((k) => k.m);
}

/** Author view: messages paginated, each page's messages grouped under their author. */
function paginateGroups(sorted: MessageListEntry[], size: number, baseUrl: string): Page<AuthorGroup>[] {
  return paginate(sorted, size, baseUrl).map((page) => {
    const groups: AuthorGroup[] = [];
    for (const m of page.items) {
      const last = groups[groups.length - 1];
      if (last && last.authorUrl === m.authorUrl) last.messages.push(m);
      else groups.push({ name: m.from.name || m.from.address || "(unknown sender)", authorUrl: m.authorUrl, messages: [m] });
    }
    return { ...page, items: groups };
  });
}

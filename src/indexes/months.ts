// Months: each list's messages by month, in the four views people know from pipermail, paginated.
import { compare } from "../report/diagnostics.ts";
import { pageCount, paginate, pageUrl, type Page, type PageGroup } from "./pagination.ts";
import type { Digests } from "./digests.ts";
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

/**
 * Each month's pages, every page of its four views, made only when asked. A month's pages are
 * made of its messages and threads (each thread with its count of messages that month), the list's
 * title and the months beside it, so their text is that, records and threads by their digests:
 * the views are only orders of those. Every page of the month is made again when any of it
 * changes (a reply to one of its threads a month later changes its thread view, and so the other
 * three), and a rebuild does not sort or page the months nothing changed in.
 */
export function monthPageGroups(listTitle: string, months: readonly MonthRecord[], entries: ListEntries, digests: Digests): PageGroup<MonthViewPage>[] {
  return months.map((month, i) => {
    const around = { prev: i > 0 ? months[i - 1]!.url : null, next: i + 1 < months.length ? months[i + 1]!.url : null };
    const urls: string[] = [];
    for (const view of MONTH_VIEWS) {
      const base = monthPath(month.listId, month.key, view);
      const count = view === "threads" ? pageCount(month.threads.length, THREADS_PER_PAGE) : pageCount(month.messages.length, MESSAGES_PER_PAGE);
      for (let n = 1; n <= count; n++) urls.push(pageUrl(base, n));
    }
    return {
      urls,
      text: () => {
        let text = JSON.stringify([listTitle, month.url, around.prev, around.next]);
        for (const r of month.messages) text += `\n${digests.of(r)}`;
        for (const { thread, count } of month.threads) text += `\n${digests.of(thread)} ${count}`;
        return text;
      },
      make: () => monthPages(listTitle, month, around, entries),
    };
  });
}

/** Every page of every view of a month: their items are what the pages show (list-entries.ts). */
function monthPages(listTitle: string, month: MonthRecord, around: { prev: string | null; next: string | null }, entries: ListEntries): MonthViewPage[] {
  const out: MonthViewPage[] = [];
  const viewUrls = Object.fromEntries(MONTH_VIEWS.map((v) => [v, monthPath(month.listId, month.key, v)])) as Record<MonthView, string>;
  const common = {
    listId: month.listId,
    listTitle,
    monthKey: month.key,
    viewUrls,
    prevMonthUrl: around.prev,
    nextMonthUrl: around.next,
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

// Authors: one per person per list, by normalised address; display names merged; URLs never show the address; their pages.
import { compare } from "../report/diagnostics.ts";
import type { ListEntries, MessageListEntry, ThreadListEntry } from "./list-entries.ts";
import { pageCount, pageOf, pageUrl, type Page, type PageGroup } from "./pagination.ts";
import type { Digests } from "./digests.ts";
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

/**
 * Sets each record's `authorUrl`: a slug of the name on the author's earliest message and a hash of
 * who they are. `records` are chronological (all of the list's: the earliest message names the page).
 * Returns each author's records, by identity.
 */
export function assignAuthorUrls(listId: string, records: readonly MessageRecord[]): Map<string, MessageRecord[]> {
  const groups = new Map<string, MessageRecord[]>();
  for (const r of records) {
    const list = groups.get(r.authorKey);
    if (list) list.push(r);
    else groups.set(r.authorKey, [r]);
  }
  for (const [identity, messages] of groups) {
    const url = authorPath(listId, identity, messages[0]!.from.name || "author");
    for (const m of messages) m.authorUrl = url;
  }
  return groups;
}

/** Authors of one list, most messages first; sets each record's `authorUrl` (assignAuthorUrls). `records` are chronological. */
export function buildAuthors(listId: string, records: readonly MessageRecord[], threads: readonly ThreadRecord[]): AuthorRecord[] {
  const groups = assignAuthorUrls(listId, records);
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
    const url = first.authorUrl;
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

/** An author's messages on each of their pages, oldest first: a message later than their others changes only the first page and the last. */
export const AUTHOR_MESSAGES_PER_PAGE = 100;
/** The threads an author started that their first page lists, newest first. */
export const THREADS_STARTED_SHOWN = 20;

/** What an author's first page shows above their messages. */
export interface AuthorOverview {
  /** As published under the list's privacy setting ("" when hidden or unknown). */
  address: string;
  messageCount: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Messages per month (`YYYY-MM`), oldest first, each with the page holding the first of them. */
  months: { key: string; count: number; url: string }[];
  /** The latest threads they started, newest first, and how many they started in all. */
  threadsStarted: ThreadListEntry[];
  threadsStartedCount: number;
}

/** A page of an author's messages. */
export interface AuthorPage extends Page<MessageListEntry> {
  listId: string;
  listTitle: string;
  name: string;
  /**
   * The first page's totals, activity and threads started; null on later pages, which show only
   * their messages and the pager, and so stay as they are while the author goes on writing (but
   * for the page count in the pager, once every AUTHOR_MESSAGES_PER_PAGE messages).
   */
  overview: AuthorOverview | null;
}

/**
 * The pages of an author (page 1 at their URL, then `page/<n>/`), each made only when asked: one
 * author's messages on a single page ran to 12.7 MB of HTML in the 100k benchmark, and the whole
 * page was made again for each message they sent. A page is made of its messages, the list's
 * title, the author's name, its place among their pages and, on page 1, their overview (threads
 * by their digests), so its text is that, its messages by their digests.
 */
export function authorPageGroups(author: AuthorRecord, listTitle: string, entries: ListEntries, digests: Digests): PageGroup<AuthorPage>[] {
  const count = pageCount(author.messages.length, AUTHOR_MESSAGES_PER_PAGE);
  let overview: AuthorOverview | null = null;
  const overviewOf = () => (overview ??= authorOverview(author, entries));
  return Array.from({ length: count }, (_, i): PageGroup<AuthorPage> => {
    const messages = author.messages.slice(i * AUTHOR_MESSAGES_PER_PAGE, (i + 1) * AUTHOR_MESSAGES_PER_PAGE);
    const pageNumber = i + 1;
    return {
      urls: [pageUrl(author.url, pageNumber)],
      text: () => {
        // The overview's threads serialise as their digests (list-entries.ts).
        let text = JSON.stringify([listTitle, author.name, author.url, pageNumber, count, pageNumber === 1 ? overviewOf() : null]);
        for (const m of messages) text += `\n${digests.of(m)}`;
        return text;
      },
      make: () => [
        {
          ...pageOf(
            messages.map((m) => entries.message(m)),
            pageNumber,
            count,
            author.url,
          ),
          listId: author.listId,
          listTitle,
          name: author.name,
          overview: pageNumber === 1 ? overviewOf() : null,
        },
      ],
    };
  });
}

/** What an author's first page shows above their messages. */
function authorOverview(author: AuthorRecord, entries: ListEntries): AuthorOverview {
  // Each month's first message, and the page it is on.
  const firstPage = new Map<string, string>();
  author.messages.forEach((m, i) => {
    const key = m.date?.slice(0, 7);
    if (key !== undefined && !firstPage.has(key)) firstPage.set(key, pageUrl(author.url, Math.floor(i / AUTHOR_MESSAGES_PER_PAGE) + 1));
  });
  return {
    address: author.address,
    messageCount: author.messages.length,
    firstDate: author.firstDate,
    lastDate: author.lastDate,
    months: author.months.map(({ key, count }) => ({ key, count, url: firstPage.get(key)! })),
    threadsStarted: author.threadsStarted
      .slice(-THREADS_STARTED_SHOWN)
      .reverse()
      .map((t) => entries.thread(t)),
    threadsStartedCount: author.threadsStarted.length,
  };
}

// The site model templates read: every page's data shaped here, so templates hold markup only.
import type { ListConfig } from "../ingest/index.ts";
import { compare } from "../report/diagnostics.ts";
import { authorPageGroups, buildAuthors, type AuthorPage, type AuthorRecord } from "./authors.ts";
import { Digests } from "./digests.ts";
import { ListEntries } from "./list-entries.ts";
import { buildMonths, monthPageGroups, type MonthViewPage } from "./months.ts";
import { paginate, type Page, type PageGroup } from "./pagination.ts";
import { listPath } from "./permalink.ts";
import { threadPageGroups, type ThreadPageGroup } from "./thread-pages.ts";
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";
import type { RemovedPage } from "./removed.ts";

export type { MessagePage, PendingPage, ThreadPage, ThreadPageGroup } from "./thread-pages.ts";
export type { MessageListEntry, ThreadListEntry } from "./list-entries.ts";
export type { AuthorOverview, AuthorPage } from "./authors.ts";
export type { PageGroup } from "./pagination.ts";

const AUTHORS_PER_PAGE = 100;
const RECENT_THREADS = 10;
const TOP_POSTERS = 10;
const HOME_THREADS = 5;
const SEARCH_AUTHOR_SUGGESTIONS = 300;

export interface ListHome {
  id: string;
  title: string;
  address: string;
  descriptionMarkdown: string;
  url: string;
  authorsUrl: string;
  exportUrl: string;
  messageCount: number;
  threadCount: number;
  authorCount: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Latest activity first. */
  recentThreads: ThreadRecord[];
  /** The few latest threads shown on the site home. */
  homeThreads: ThreadRecord[];
  /** Newest year first; months oldest first within a year. */
  years: { year: string; count: number; months: { key: string; url: string; count: number }[] }[];
  topPosters: AuthorRecord[];
}

export interface AuthorIndexPage extends Page<AuthorRecord> {
  listId: string;
  listTitle: string;
}

export interface SearchPageData {
  /** Years with messages, newest first. */
  years: string[];
  /** Author names offered as you type in the author filter: the most active first. */
  authors: string[];
}

export interface SiteModel {
  lists: ListHome[];
  search: SearchPageData;
  /** Each thread's page with its messages' pages, list by list, latest thread first: made as they are iterated. */
  threadGroups: Iterable<ThreadPageGroup>;
  /** Each month's pages (made when asked), list by list, oldest month first. */
  monthPages: PageGroup<MonthViewPage>[];
  /** Each author page (made when asked), a group of one. */
  authorPages: PageGroup<AuthorPage>[];
  authorIndexPages: AuthorIndexPage[];
  /** Notices at the permalinks of messages the lists took down. */
  removedPages: RemovedPage[];
}

export interface ListRecords {
  config: ListConfig;
  /** Chronological. */
  records: MessageRecord[];
  /** In order of their first message. */
  threads: ThreadRecord[];
  removedPages?: RemovedPage[];
}

function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

const byActivity = (a: ThreadRecord, b: ThreadRecord) => compare(b.lastDate ?? "", a.lastDate ?? "") || compare(a.url, b.url);

/** The first `k` threads byActivity, as sorting them all would give (URLs are unique: no ties), in one pass. */
function mostActive(threads: readonly ThreadRecord[], k: number): ThreadRecord[] {
  const top: ThreadRecord[] = [];
  for (const t of threads) {
    if (top.length === k && byActivity(t, top[k - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && byActivity(t, top[at - 1]!) < 0) at--;
    top.splice(at, 0, t);
    if (top.length > k) top.pop();
  }
  return top;
}

/** `digests`: the build's (see list-entries.ts); by default whole records and threads are hashed. */
export function buildSiteModel(lists: readonly ListRecords[], digests: Digests = new Digests()): SiteModel {
  const model: SiteModel = { lists: [], search: { years: [], authors: [] }, threadGroups: [], monthPages: [], authorPages: [], authorIndexPages: [], removedPages: [] };
  const groups: Iterable<ThreadPageGroup>[] = [];
  const everyAuthor: AuthorRecord[] = [];
  for (const { config, records, threads, removedPages } of lists) {
    // Appended one by one: spreading a million pages into push() overflows the call stack.
    append(model.removedPages, removedPages ?? []);
    const authors = buildAuthors(config.id, records, threads);
    const months = buildMonths(config.id, records, threads);
    groups.push(threadPageGroups(config, records, threads, digests));
    const entries = new ListEntries(digests);
    append(model.monthPages, monthPageGroups(config.title, months, entries, digests));
    for (const a of authors) append(model.authorPages, authorPageGroups(a, config.title, entries, digests));
    append(everyAuthor, authors);
    const authorsUrl = `${listPath(config.id)}authors/`;
    for (const page of paginate(authors, AUTHORS_PER_PAGE, authorsUrl)) model.authorIndexPages.push({ ...page, listId: config.id, listTitle: config.title });

    const years = new Map<string, ListHome["years"][number]>();
    for (const m of months) {
      const year = m.key.slice(0, 4);
      let y = years.get(year);
      if (!y) years.set(year, (y = { year, count: 0, months: [] }));
      y.count += m.messages.length;
      y.months.push({ key: m.key, url: m.url, count: m.messages.length });
    }
    const dated = records.filter((r) => r.date !== null);
    model.lists.push({
      id: config.id,
      title: config.title,
      address: config.address,
      descriptionMarkdown: config.descriptionMarkdown,
      url: listPath(config.id),
      authorsUrl,
      exportUrl: `${listPath(config.id)}messages.jsonl`,
      messageCount: records.length,
      threadCount: threads.length,
      authorCount: authors.length,
      firstDate: dated[0]?.date ?? null,
      lastDate: dated[dated.length - 1]?.date ?? null,
      recentThreads: mostActive(threads, RECENT_THREADS),
      homeThreads: mostActive(threads, HOME_THREADS),
      years: [...years.values()].sort((a, b) => compare(b.year, a.year)),
      topPosters: authors.slice(0, TOP_POSTERS),
    });
  }
  model.threadGroups = {
    *[Symbol.iterator]() {
      for (const list of groups) yield* list;
    },
  };
  const years = new Set(model.lists.flatMap((l) => l.years.map((y) => y.year)));
  model.search.years = [...years].sort((a, b) => compare(b, a));
  const byCount = everyAuthor.sort((a, b) => b.messages.length - a.messages.length || compare(a.name, b.name));
  model.search.authors = [...new Set(byCount.map((a) => a.name))].slice(0, SEARCH_AUTHOR_SUGGESTIONS);
  return model;
}

// The site model templates read: lists, threads and message pages with their links resolved.
import type { ListConfig } from "../ingest/index.ts";
import { listPath } from "./permalink.ts";
import type { ThreadRecord } from "./threads.ts";
import type { MessageRecord } from "./types.ts";

export interface LinkRef {
  url: string;
  subject: string;
  fromName: string;
  date: string | null;
}

export interface MessagePage {
  record: MessageRecord;
  listTitle: string;
  threadPageUrl: string;
  parent: LinkRef | null;
  /** The Message-ID replied to when that message is not in the archive. */
  missingParentId: string | null;
  replies: LinkRef[];
}

export interface ListSummary {
  id: string;
  title: string;
  address: string;
  descriptionMarkdown: string;
  url: string;
  messageCount: number;
  threadCount: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Month keys `YYYY-MM` (newest first) with the threads that started in each. */
  months: { key: string; threads: ThreadRecord[] }[];
  undatedThreads: ThreadRecord[];
}

export interface SiteModel {
  lists: ListSummary[];
  threads: (ThreadRecord & { listTitle: string })[];
  messages: MessagePage[];
}

export interface ListRecords {
  config: ListConfig;
  records: MessageRecord[];
  threads: ThreadRecord[];
}

function ref(r: MessageRecord): LinkRef {
  return { url: r.url, subject: r.subject, fromName: r.from.name || r.from.address || "(unknown sender)", date: r.date };
}

export function buildSiteModel(lists: readonly ListRecords[]): SiteModel {
  const model: SiteModel = { lists: [], threads: [], messages: [] };
  for (const { config, records, threads } of lists) {
    const byId = new Map<string, MessageRecord>();
    for (const r of records) if (!byId.has(r.messageId)) byId.set(r.messageId, r); // records are sorted: the plain permalink wins
    const replies = new Map<string, MessageRecord[]>();
    for (const r of records) {
      if (r.parentId === null) continue;
      const list = replies.get(r.parentId);
      if (list) list.push(r);
      else replies.set(r.parentId, [r]);
    }
    for (const r of records) {
      const parent = r.parentId === null ? undefined : byId.get(r.parentId);
      model.messages.push({
        record: r,
        listTitle: config.title,
        threadPageUrl: r.threadUrl.slice(0, r.threadUrl.indexOf("#")),
        parent: parent ? ref(parent) : null,
        missingParentId: r.missingParentId,
        replies: byId.get(r.messageId) === r ? (replies.get(r.messageId) ?? []).map(ref) : [],
      });
    }
    for (const t of threads) model.threads.push({ ...t, listTitle: config.title });
    const months = new Map<string, ThreadRecord[]>();
    const undated: ThreadRecord[] = [];
    for (const t of threads) {
      if (t.firstDate === null) {
        undated.push(t);
        continue;
      }
      const key = t.firstDate.slice(0, 7);
      const list = months.get(key);
      if (list) list.push(t);
      else months.set(key, [t]);
    }
    const dates = records.map((r) => r.date).filter((d): d is string => d !== null);
    model.lists.push({
      id: config.id,
      title: config.title,
      address: config.address,
      descriptionMarkdown: config.descriptionMarkdown,
      url: listPath(config.id),
      messageCount: records.length,
      threadCount: threads.length,
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
      months: [...months].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([key, ts]) => ({ key, threads: ts })),
      undatedThreads: undated,
    });
  }
  return model;
}

// messages.jsonl: the documented JSON export of a list, one published message per line.
import type { MessageRecord } from "./types.ts";

/** The export's fields, in this order (README: "The export format"). */
export function exportRecord(r: MessageRecord): Record<string, unknown> {
  return {
    messageId: r.messageId,
    syntheticId: r.syntheticId,
    parentId: r.parentId,
    threadId: r.threadId,
    url: r.url,
    threadUrl: r.threadUrl,
    date: r.date,
    dateSource: r.dateSource,
    subject: r.subject,
    from: r.from,
    sources: r.sources.map((s) => ({ path: s.path, index: s.index })),
    attachments: r.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, url: a.url })),
  };
}

export function renderExport(records: readonly MessageRecord[]): string {
  return records.map((r) => JSON.stringify(exportRecord(r)) + "\n").join("");
}

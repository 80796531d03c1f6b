// messages.jsonl: the documented JSON export of a list, one published message per line.
import { createHash } from "node:crypto";
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

/** The export's lines of `records` from `from` on, one JSON object and a newline each. */
export function exportLines(records: readonly MessageRecord[], from = 0): string[] {
  const lines: string[] = [];
  for (let i = from; i < records.length; i++) lines.push(`${JSON.stringify(exportRecord(records[i]!))}\n`);
  return lines;
}

/**
 * The export's key: a hash of `version` (the code that makes it) and of its records' digests in
 * order, so a rebuild whose records are all the same keeps the file without serialising it again.
 */
export function exportKey(records: readonly MessageRecord[], digestOf: (r: MessageRecord) => string, version: string): string {
  const hash = createHash("sha1").update(`messages.jsonl\0${version}\0`);
  for (const r of records) hash.update(digestOf(r)).update(",");
  return hash.digest("base64url");
}

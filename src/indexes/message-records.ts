// Message records: published messages with their permalinks, thread links and public fields.
import type { ListConfig } from "../ingest/index.ts";
import type { Message } from "../parse/index.ts";
import type { ThreadLinks } from "../thread/index.ts";
import { compare } from "../report/diagnostics.ts";
import { compareDates } from "./order.ts";
import { mergeDuplicates } from "./duplicates.ts";
import { attachmentPath, messageAnchor, messagePath, threadPath } from "./permalink.ts";
import { publishAddress } from "./privacy.ts";
import type { MessageRecord } from "./types.ts";

export interface RecordEntry {
  record: MessageRecord;
  /** The full message the record publishes (body and attachment bytes included). */
  message: Message;
}

/** Records sorted by date (undated last), then URL; `merged` counts copies folded into another. */
export function buildMessageRecords(list: ListConfig, messages: Message[], links: Map<string, ThreadLinks>): { entries: RecordEntry[]; merged: number } {
  const published = mergeDuplicates(messages);
  const entries: RecordEntry[] = published.map(({ message, copies, variant }) => {
    const link = links.get(message.messageId) ?? { parentId: null, threadId: message.messageId };
    const url = messagePath(list.id, message.messageId, variant);
    const anchor = messageAnchor(url);
    const record: MessageRecord = {
      listId: list.id,
      messageId: message.messageId,
      syntheticId: message.syntheticId,
      references: message.references,
      parentId: link.parentId,
      threadId: link.threadId,
      url,
      threadUrl: `${threadPath(list.id, link.threadId)}#${anchor}`,
      anchor,
      date: message.date,
      dateOffsetMinutes: message.dateOffsetMinutes,
      dateSource: message.dateSource,
      subject: message.subject,
      baseSubject: message.baseSubject,
      from: { name: message.from.name, address: publishAddress(message.from.address, list.settings.privacy) },
      sources: copies.map((c) => ({ path: c.locator.path, index: c.locator.index, format: c.format })),
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        sha256: a.sha256,
        url: attachmentPath(list.id, a.sha256, a.filename),
      })),
      contentHash: message.contentHash,
    };
    return { record, message };
  });
  entries.sort((a, b) => compareDates(a.record.date, b.record.date) || compare(a.record.url, b.record.url));
  return { entries, merged: messages.length - published.length };
}


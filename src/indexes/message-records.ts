// Message records: published messages with their permalinks, thread links and public fields.
import { hashOf } from "../archive/hash.ts";
import type { ListConfig } from "../ingest/index.ts";
import type { ThreadLinks } from "../thread/index.ts";
import type { PublishedCopy } from "./duplicates.ts";
import { attachmentPath, messageAnchor, messagePath, threadPath } from "./permalink.ts";
import { publishAddress } from "./privacy.ts";
import type { MessageRecord } from "./types.ts";
import { StringPool } from "./string-pool.ts";

/**
 * One record per published copy, aligned with `published` and `links`. Records live for the whole
 * build: they share the heads' strings (held once by build-archive.ts), and `strings` holds the
 * published addresses the same way; a thread's path and an author's key are made once each.
 */
export function buildMessageRecords(list: ListConfig, published: readonly PublishedCopy[], links: readonly ThreadLinks[], strings = new StringPool()): MessageRecord[] {
  const authorKeys = new Map<string, string>();
  const threadPaths = new Map<string, string>();
  return published.map(({ message, copies, variant }, i) => {
    const link = links[i]!;
    const url = messagePath(list.id, message.messageId, variant);
    const anchor = messageAnchor(url);
    let thread = threadPaths.get(link.threadId);
    if (thread === undefined) threadPaths.set(link.threadId, (thread = threadPath(list.id, link.threadId)));
    const identity = authorIdentity(message.from);
    let author = authorKeys.get(identity);
    if (author === undefined) authorKeys.set(identity, (author = authorKey(identity)));
    return {
      listId: list.id,
      messageId: message.messageId,
      syntheticId: message.syntheticId,
      parentId: link.parentId,
      missingParentId: link.missingParentId,
      threadId: link.threadId,
      url,
      threadUrl: `${thread}#${anchor}`,
      anchor,
      date: message.date,
      dateOffsetMinutes: message.dateOffsetMinutes,
      dateSource: message.dateSource,
      subject: message.subject,
      displaySubject: message.displaySubject,
      baseSubject: message.baseSubject,
      from: { name: message.from.name, address: strings.one(publishAddress(message.from.address, list.settings.privacy)) },
      authorKey: author,
      authorUrl: "", // set once the list's records are in date order (assignAuthorUrls)
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
  });
}

/** Identity of a sender: the address, case-folded (pipermail's `user at host` is already de-obfuscated), else the name. */
function authorIdentity(from: { name: string; address: string }): string {
  return from.address ? from.address.toLowerCase() : `name:${from.name.toLowerCase().replace(/\s+/g, " ").trim()}`;
}

/** The author key of an identity: a hash, never the address itself. */
function authorKey(identity: string): string {
  return hashOf("sha256", identity, "hex").slice(0, 16);
}

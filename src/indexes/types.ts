// Page records: the slim, published shape of messages and lists that templates and the export read.
import type { ArchiveFormat } from "../ingest/types.ts";
import type { DateSource } from "../parse/types.ts";

export interface PublishedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Site-relative URL of the stored file. */
  url: string;
}

export interface MessageSource {
  /** Path relative to the list folder. */
  path: string;
  index: number;
  format: ArchiveFormat;
}

/** One published message, without its body: what lists, indexes and the export hold. */
export interface MessageRecord {
  listId: string;
  messageId: string;
  syntheticId: boolean;
  parentId: string | null;
  /** The Message-ID replied to when that message is not in the archive. */
  missingParentId: string | null;
  threadId: string;
  url: string;
  /** Thread page URL with this message's `#anchor`. */
  threadUrl: string;
  anchor: string;
  date: string | null;
  dateOffsetMinutes: number | null;
  dateSource: DateSource;
  subject: string;
  /** The subject without list tags, for the list's own pages. */
  displaySubject: string;
  baseSubject: string;
  /** From as published under the list's privacy setting. */
  from: { name: string; address: string };
  /** Who wrote it, for author pages: a hash of the lower-cased address (or name), never the address. */
  authorKey: string;
  /** The author's page (set once the list's records are in date order: assignAuthorUrls). */
  authorUrl: string;
  sources: MessageSource[];
  attachments: PublishedAttachment[];
  contentHash: string;
}

export interface SkippedMessage {
  path: string;
  index: number;
  reason: string;
}

// Parse types: the full Message a RawMessage becomes, and the slim summary later stages keep.
import type { ArchiveFormat, SourceLocator } from "../ingest/types.ts";

export type DateSource = "date" | "received" | "envelope" | "none";

export interface Address {
  /** Display name, decoded; "" when there is none. */
  name: string;
  /** Address as found, de-obfuscated (`user at host` becomes `user@host`); "" when there is none. */
  address: string;
}

export interface Attachment {
  /** Sanitised file name: no path parts, no control characters, never empty. */
  filename: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the decoded bytes. */
  sha256: string;
  content: Buffer;
}

export interface MessageBody {
  /** The text shown: text/plain preferred, decoded, format=flowed already reflowed. */
  text: string;
  /** The same text decoded but not reflowed (what Pony Mail hashes). */
  rawText: string;
  /** Whether the text part was format=flowed. */
  flowed: boolean;
  /** HTML of an HTML-only message, unsanitised: render/ must sanitise it. null otherwise. */
  html: string | null;
  /** Charset the text was decoded with (lower case), and how it was chosen. */
  charset: string;
  charsetSource: "declared" | "utf-8-valid" | "fallback" | "ascii";
}

export interface Message {
  /** Message-ID with angle brackets, as written; synthetic ones look like <sha256hex@synthetic.invalid>. */
  messageId: string;
  syntheticId: boolean;
  /** In-Reply-To and References merged: ordered oldest ancestor first, the direct parent last, no duplicates. */
  references: string[];
  /** The first usable id of In-Reply-To, or null. */
  inReplyTo: string | null;
  /** ISO 8601 UTC, or null when no source gave a date. */
  date: string | null;
  /** The sender's UTC offset in minutes, when the Date header gave one. */
  dateOffsetMinutes: number | null;
  dateSource: DateSource;
  from: Address;
  /** Decoded subject as written (list tags included). */
  subject: string;
  /** The subject without its list tags, reply prefixes kept: what the list's pages show. */
  displaySubject: string;
  /** Subject without list tags and reply/forward prefixes, for threading and display. */
  baseSubject: string;
  /** The subject starts with a reply or forward prefix (subject grouping only joins such messages). */
  subjectIsReply: boolean;
  /** List tags found in the subject, without brackets: `[lustre-devel]` gives "lustre-devel". */
  listTags: string[];
  body: MessageBody;
  attachments: Attachment[];
  /** Hex SHA-256 over From address, date, subject and decoded body: equal for copies of one mail. */
  contentHash: string;
  format: ArchiveFormat;
  locator: SourceLocator;
  /** Extra headers later stages need (X-No-Archive and the like), lower-case names. */
  flags: { noArchive: boolean };
}

/** An attachment without its bytes. */
export type AttachmentInfo = Omit<Attachment, "content">;

/**
 * A message without its body and attachment bytes: what the stages after parsing hold for every
 * message (bodies are read back from the parse cache when pages and the search index are made).
 */
export type MessageHead = Omit<Message, "body" | "attachments"> & { attachments: AttachmentInfo[] };

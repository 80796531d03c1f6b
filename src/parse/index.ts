// Parse stage: a RawMessage becomes a Message; per-message problems go to the sink, never thrown.
import type { RawMessage } from "../ingest/types.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import type { Message } from "./types.ts";
import { splitMime } from "./mailparser-adapter.ts";
import { firstField, parseHeaderBlock } from "./header-block.ts";
import { decodeHeaderBytes, decodeHeaderWords, headerText } from "./encoded-words.ts";
import { extractMessageIds, normalizeMessageId } from "./message-id.ts";
import { mergeReferences } from "./references.ts";
import { resolveDate } from "./message-date.ts";
import { parseFromHeader } from "./address.ts";
import { parseSubject, stripListTags } from "./subject.ts";
import { selectBodyParts } from "./body.ts";
import { computeContentHash } from "./content-hash.ts";

export type { Address, Attachment, AttachmentInfo, DateSource, Message, MessageBody, MessageHead } from "./types.ts";

export interface ParseOptions {
  /** Charset for unlabelled 8-bit text that is not valid UTF-8. */
  fallbackCharset: string;
  /** List tags always recognised in subjects (e.g. the list id). */
  knownTags: string[];
}

/** Synthetic Message-IDs use a reserved domain (RFC 2606), so they never clash with real ones. */
export const SYNTHETIC_ID_DOMAIN = "synthetic.invalid";

export async function parseMessage(raw: RawMessage, options: ParseOptions, sink: DiagnosticSink): Promise<Message> {
  const block = parseHeaderBlock(raw.bytes);
  // Each field decoded once, when first asked for.
  const decoded = new Map<string, string | null>();
  const header = (name: string): string | null => {
    let text = decoded.get(name);
    if (text === undefined) {
      const value = firstField(block, name);
      decoded.set(name, (text = value === null ? null : decodeHeaderBytes(value, options.fallbackCharset)));
    }
    return text;
  };
  if (block.fields.size === 0) sink.report("warning", "no-headers", "the message has no header fields");

  const tree = await splitMime(raw.bytes);
  for (const error of tree.errors) sink.report("warning", "mime-structure", `MIME structure: ${error}`);
  const { body, attachments } = selectBodyParts(tree.leaves, options.fallbackCharset, sink);

  const fromField = firstField(block, "from") ?? firstField(block, "sender");
  const fromValue = fromField === null ? "" : headerText(fromField, options.fallbackCharset);
  const from = parseFromHeader(fromValue, (text) => decodeHeaderWords(text, options.fallbackCharset));
  if (!fromValue.trim()) sink.report("warning", "from-missing", "no From header");
  const { subject, baseSubject, listTags, isReply: subjectIsReply } = parseSubject(header("subject") ?? "", options.knownTags);
  const date = resolveDate(header("date"), () => header("received"), raw.envelope, sink);

  const contentHash = computeContentHash({
    address: from.address || from.name,
    date: date.source === "date" ? date.iso : null,
    subject,
    body: body.text || body.html || "",
  });
  const written = header("message-id");
  let messageId = written === null ? null : normalizeMessageId(written);
  if (messageId === null) {
    sink.report("warning", written === null ? "message-id-missing" : "message-id-junk",
      written === null ? "no Message-ID: a synthetic one was made from the content" : `unusable Message-ID ${JSON.stringify(written.slice(0, 200))}: a synthetic one was made from the content`);
  }
  const syntheticId = messageId === null;
  if (messageId === null) messageId = `<${contentHash.slice(0, 32)}@${SYNTHETIC_ID_DOMAIN}>`;
  const { references, inReplyTo } = mergeReferences(header("references"), header("in-reply-to"), messageId);
  if (!syntheticId && ["references", "in-reply-to"].some((name) => extractMessageIds(header(name) ?? "").includes(messageId))) {
    sink.report("warning", "references-self", `the message names its own Message-ID ${JSON.stringify(messageId.slice(0, 200))} as an ancestor: that reference is ignored`);
  }

  const noArchive = /^\s*yes\b/i.test(header("x-no-archive") ?? "") || /^\s*no\b/i.test(header("x-archive") ?? "");
  return {
    messageId,
    syntheticId,
    references,
    inReplyTo,
    date: date.iso,
    dateOffsetMinutes: date.offsetMinutes,
    dateSource: date.source,
    from,
    subject,
    displaySubject: stripListTags(subject, listTags),
    baseSubject,
    subjectIsReply,
    listTags,
    body,
    attachments,
    contentHash,
    format: raw.format,
    locator: raw.locator,
    flags: { noArchive },
  };
}

// A parsed message as the archive keeps it: the Message, and what is made of it alone (its body as
// HTML, the words search indexes, and their counts), worked out where it is parsed (on the parse
// workers) and cached with it, so later stages neither render nor tokenize a body again.
import type { Privacy, RawMessage } from "../ingest/index.ts";
import { parseMessage, type Message, type ParseOptions } from "../parse/index.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import { bodyBlocks, renderMessageBody } from "../render/message-body.ts";
import { encodeDocTerms } from "../search/doc-terms.ts";
import { ownText } from "../search/own-text.ts";
import { messageParts, type MessageParts, type Report } from "./message-parts.ts";

/** What a message is parsed and made into under: the parser's options and its list's address privacy. */
export interface ArchiveOptions extends ParseOptions {
  privacy: Privacy;
}

export interface ArchivedMessage extends Message {
  /** The message's own words (search/own-text.ts), addresses shown as the list's privacy setting says. */
  ownText: string;
  /** Those words with their counts, as the index builder takes them (search/doc-terms.ts). */
  ownTerms: string;
  /** The body as the reading view shows it (render/message-body.ts), under the list's privacy setting. */
  bodyHtml: string;
}

export async function parseForArchive(raw: RawMessage, options: ArchiveOptions, sink: DiagnosticSink): Promise<ArchivedMessage> {
  const message = await parseMessage(raw, options, sink);
  // The text's blocks, parsed once for the reading view and for search.
  const blocks = bodyBlocks(message.body);
  const own = ownText(message.body, options.privacy, blocks);
  return { ...message, ownText: own, ownTerms: encodeDocTerms(own), bodyHtml: renderMessageBody(message.body, { privacy: options.privacy, blocks }) };
}

/** A message parsed into its parts as the parse cache stores them (what parsing reported is in the head), or why it could not be. */
export type ParsedParts = { parts: MessageParts } | { error: string; reports: Report[] };

/** Parses `raw` into its parts: on a parse worker, or on the main thread. */
export async function parseToParts(raw: RawMessage, options: ArchiveOptions): Promise<ParsedParts> {
  const reports: Report[] = [];
  try {
    const message = await parseForArchive(raw, options, { report: (s, c, m) => reports.push([s, c, m]) });
    return { parts: messageParts(message, reports) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), reports };
  }
}

/** The parts of a parsed message; a failure reports what parsing did to `sink` and throws. */
export function partsOrThrow(parsed: ParsedParts, sink: DiagnosticSink): MessageParts {
  if ("parts" in parsed) return parsed.parts;
  for (const [severity, code, text] of parsed.reports) sink.report(severity, code, text);
  throw new Error(parsed.error);
}

// A parsed message as the archive keeps it: the Message and the words search indexes, worked out
// where the message is parsed (on the parse workers) and cached with it, so search reads no body.
import type { RawMessage } from "../ingest/index.ts";
import { parseMessage, type Message, type ParseOptions } from "../parse/index.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import { ownText } from "../search/own-text.ts";

export interface ArchivedMessage extends Message {
  /** The message's own words (search/own-text.ts), addresses as written: the list's privacy setting is applied when the index is built. */
  ownText: string;
}

export async function parseForArchive(raw: RawMessage, options: ParseOptions, sink: DiagnosticSink): Promise<ArchivedMessage> {
  const message = await parseMessage(raw, options, sink);
  return { ...message, ownText: ownText(message.body, "show") };
}

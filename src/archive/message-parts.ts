// A parsed message as the parse cache stores it: five parts (head with what parsing reported, body
// with the attachments' bytes, search words, word counts, body as HTML) in one buffer, made where
// the message is parsed: a parse worker hands the buffer over without copying, and the main thread
// stores it as it is and reads back only the head. The words and their counts lie side by side,
// so the index builder reads both in one read.
import { serialize } from "node:v8";
import type { MessageBody, MessageHead } from "../parse/index.ts";
import type { Severity } from "../report/diagnostics.ts";
import type { ArchivedMessage } from "./archived-message.ts";

export const HEAD = 0;
export const BODY = 1;
export const TEXT = 2;
export const TERMS = 3;
export const HTML = 4;
export const PARTS = 5;

/** What parsing reported: severity, code, text. */
export type Report = [Severity, string, string];

/** A message's stored head: what later stages hold of it, and what parsing reported. */
export interface StoredHead {
  message: Omit<MessageHead, "locator">;
  /** What parsing reported, replayed on a cache hit. */
  reports: Report[];
}

/** A message's body part as stored: its body and the bytes of its attachments. */
export interface StoredBody {
  /** rawText null: the same as text (all but reflowed format=flowed mail; a body's text is not kept twice). */
  body: Omit<MessageBody, "rawText"> & { rawText: string | null };
  /** The attachments' bytes, in the order of the head's attachments. */
  contents: Uint8Array[];
}

/** The body as parsed, from its stored part. */
export function readBody(stored: StoredBody): { body: MessageBody; contents: Uint8Array[] } {
  const { body, contents } = stored;
  return { body: { ...body, rawText: body.rawText ?? body.text }, contents };
}

/** The parts of a message one after the other in a buffer of their own (transferable), and their sizes. */
export interface MessageParts {
  bytes: Uint8Array;
  sizes: number[];
}

/** The parts of a parsed message, with what parsing reported. */
export function messageParts(message: ArchivedMessage, reports: Report[]): MessageParts {
  const { locator: _, ownText, ownTerms, bodyHtml, body, attachments, ...rest } = message;
  const head: StoredHead["message"] = { ...rest, attachments: attachments.map(({ content: _c, ...info }) => info) };
  const parts: Uint8Array[] = [];
  // The head as JSON (its fields are strings, numbers, booleans and arrays of them): a rebuild reads
  // every message's head back, and JSON.parse takes a third of the time v8.deserialize does.
  parts[HEAD] = Buffer.from(JSON.stringify({ message: head, reports } satisfies StoredHead), "utf8");
  parts[BODY] = serialize({ body: { ...body, rawText: body.rawText === body.text ? null : body.rawText }, contents: attachments.map((a) => a.content) } satisfies StoredBody);
  parts[TEXT] = Buffer.from(ownText, "utf8");
  parts[TERMS] = Buffer.from(ownTerms, "utf8");
  parts[HTML] = Buffer.from(bodyHtml, "utf8");
  const sizes = parts.map((p) => p.byteLength);
  // Not from Buffer's shared pool: the buffer is handed to another thread whole.
  const bytes = Buffer.allocUnsafeSlow(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { bytes, sizes };
}

/** Part `i` of `parts`. */
export function partOf(parts: MessageParts, i: number): Uint8Array {
  let start = 0;
  for (let k = 0; k < i; k++) start += parts.sizes[k]!;
  return parts.bytes.subarray(start, start + parts.sizes[i]!);
}

/** The head part read back; null when it does not (then the message is parsed again). */
export function readHead(bytes: Uint8Array): StoredHead | null {
  try {
    const head = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")) as StoredHead;
    if (head && typeof head === "object" && head.message && Array.isArray(head.reports)) return head;
  } catch {
    // fall through
  }
  return null;
}

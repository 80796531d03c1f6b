// A message's parts as another thread reads them back from the parse cache: where they lie in an
// open segment file (file descriptors are the process's, so any thread can read them) or the
// bytes themselves, and the readers of the two parts other threads need (search words, bodies).
import { deserialize } from "node:v8";
import type { MessageBody } from "../parse/index.ts";
import { readAt } from "./cache-segment.ts";

/** A message's body part as stored: its body and the bytes of its attachments. */
export interface StoredBody {
  body: MessageBody;
  /** The attachments' bytes, in the order of the head's attachments. */
  contents: Uint8Array[];
}

/** A message's search words: where they lie in an open segment, or the words themselves. Valid until the cache is closed. */
export type StoredText = { fd: number; offset: number; length: number } | { text: string };

/** A stored part: where it lies in an open segment, or its bytes. Valid until the cache is closed. */
export type StoredBytes = { fd: number; offset: number; length: number } | { bytes: Uint8Array };

/** The words a StoredText names; on any thread of the process, while the cache is open. */
export function readStoredText(stored: StoredText): string {
  return "text" in stored ? stored.text : readAt(stored.fd, stored.offset, stored.length).toString("utf8");
}

/** The body a StoredBytes of a body part names; on any thread of the process, while the cache is open. */
export function readStoredBody(stored: StoredBytes): MessageBody {
  const bytes = "bytes" in stored ? stored.bytes : readAt(stored.fd, stored.offset, stored.length);
  return (deserialize(bytes) as StoredBody).body;
}

// The reader registry: which container format a file holds, decided from its content.
import type { ArchiveReader } from "./types.ts";
import { pipermailReader } from "./pipermail-reader.ts";
import { mboxReader } from "./mbox-reader.ts";
import { emlReader, maildirReader } from "./single-message-reader.ts";

/**
 * Sniffing order: pipermail before mbox (both start with `From `; pipermail's sender is
 * obfuscated), Maildir before .eml (same content, Maildir only under cur/ or new/).
 */
export const readers: readonly ArchiveReader[] = [pipermailReader, mboxReader, maildirReader, emlReader];

export function chooseReader(head: Buffer, path: string): ArchiveReader | null {
  return readers.find((r) => r.sniff(head, path)) ?? null;
}

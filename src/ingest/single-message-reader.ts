// One-message files: Maildir entries (under cur/ or new/) and .eml files, sniffed by content.
import type { ArchiveReader, RawMessage } from "./types.ts";
import { looksLikeHeaderBlock } from "./sniff.ts";

async function* readOne(chunks: AsyncIterable<Buffer>, path: string, format: RawMessage["format"]): AsyncGenerator<RawMessage> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  if (parts.every((p) => p.length === 0)) return;
  yield { bytes: Buffer.concat(parts), locator: { path, index: 0, offset: 0 }, format, envelope: null };
}

function inMaildir(path: string): boolean {
  const parts = path.split("/");
  const dir = parts[parts.length - 2];
  return dir === "cur" || dir === "new";
}

export const maildirReader: ArchiveReader = {
  format: "maildir",
  sniff: (head, path) => inMaildir(path) && looksLikeHeaderBlock(head),
  read: (chunks, path) => readOne(chunks, path, "maildir"),
};

export const emlReader: ArchiveReader = {
  format: "eml",
  sniff: (head) => looksLikeHeaderBlock(head),
  read: (chunks, path) => readOne(chunks, path, "eml"),
};

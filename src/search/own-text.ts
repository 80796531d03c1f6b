// The words a message adds itself: what search indexes (quotes, signatures, footers and patch context left out).
import type { MessageBody } from "../parse/index.ts";
import type { Privacy } from "../ingest/index.ts";
import { maskAddresses } from "../render/body-addresses.ts";
import { bodyBlocks, type BodyBlocks } from "../render/message-body.ts";
import type { Block } from "../render/text-blocks.ts";

/** Indexed characters per message: enough for what a reply says; quotes of it are found on the original. */
export const MAX_INDEXED_CHARS = 4000;

/**
 * Text blocks and the added/removed lines of patches; addresses shown as the list's privacy
 * setting says. `blocks`: the body's, when already parsed (bodyBlocks).
 */
export function ownText(body: MessageBody, privacy: Privacy, blocks: BodyBlocks = bodyBlocks(body)): string {
  const out: string[] = [];
  let size = 0;
  const add = (line: string) => {
    if (size >= MAX_INDEXED_CHARS) return;
    out.push(line);
    size += line.length + 1;
  };
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.kind === "text") b.lines.forEach(add);
      else if (b.kind === "diff") for (const l of b.lines) if (l.kind === "add" || l.kind === "del") add(l.text.slice(1));
    }
  };
  // A blank body with no HTML has no words (its blank lines are no text block to search).
  if (blocks.fromHtml || blocks.text.trim() !== "") walk(blocks.blocks);
  return maskAddresses(out.join("\n").slice(0, MAX_INDEXED_CHARS), privacy);
}

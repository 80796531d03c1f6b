// Pipermail reader: Mailman 2 monthly text archives, split at `From user at host  date` + `From:`.
import type { ArchiveReader } from "./types.ts";
import { isFromHeaderLine, parsePipermailSeparator } from "./envelope.ts";
import { splitAtSeparators } from "./envelope-splitter.ts";
import { lineText } from "./lines.ts";

export const pipermailReader: ArchiveReader = {
  format: "pipermail",
  sniff(head) {
    const first = head.indexOf(10);
    if (first === -1) return false;
    const second = head.indexOf(10, first + 1);
    const envelope = parsePipermailSeparator(lineText(head.subarray(0, first + 1)));
    const next = lineText(head.subarray(first + 1, second === -1 ? head.length : second + 1));
    // Pipermail obfuscates the separator's sender (`user at host`): a plain address is an mbox.
    return envelope !== null && envelope.sender.includes(" ") && isFromHeaderLine(next);
  },
  read(chunks, path, sink, from) {
    return splitAtSeparators(
      chunks,
      path,
      {
        format: "pipermail",
        separator(line, next) {
          if (!next || !isFromHeaderLine(lineText(next.bytes))) return null;
          return parsePipermailSeparator(lineText(line.bytes));
        },
      },
      sink,
      from,
    );
  },
};

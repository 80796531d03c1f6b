// mbox reader (mboxo and mboxrd): a message starts at every line beginning `From `.
import type { ArchiveReader } from "./types.ts";
import { isMboxFromLine, parseMboxFromLine } from "./envelope.ts";
import { splitAtSeparators } from "./envelope-splitter.ts";
import { lineText } from "./lines.ts";
import { HEADER_FIELD } from "./sniff.ts";

/** `>From `, `>>From `, ...: mboxrd escaping (and mboxo's single level) of body lines. */
const ESCAPED_FROM = /^>+From /;

export const mboxReader: ArchiveReader = {
  format: "mbox",
  sniff(head) {
    if (!isMboxFromLine(head)) return false;
    // A `From ` line and a header field after it (a message may have a single header, or none).
    const nl = head.indexOf(10);
    return nl !== -1 && (HEADER_FIELD.test(head.toString("latin1", nl + 1, nl + 200)) || lineText(head.subarray(nl + 1, nl + 3)) === "");
  },
  read(chunks, path, sink, from) {
    return splitAtSeparators(
      chunks,
      path,
      {
        format: "mbox",
        separator: (line) => (isMboxFromLine(line.bytes) ? parseMboxFromLine(lineText(line.bytes)) : null),
        unescape: (bytes) => (bytes[0] === 0x3e && ESCAPED_FROM.test(bytes.toString("latin1", 0, 64)) ? bytes.subarray(1) : bytes),
      },
      sink,
      from,
    );
  },
};

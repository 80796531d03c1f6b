// Splits an envelope-separated stream (mbox, pipermail) into messages; shared by both readers.
import type { DiagnosticSink } from "../report/diagnostics.ts";
import type { ArchiveFormat, Envelope, RawMessage, ReadFrom } from "./types.ts";
import { lineText, splitLines, type Line } from "./lines.ts";

export interface SeparatorRule {
  format: ArchiveFormat;
  /** The envelope of `line` if it starts a message, given the line after it (null at end of file). */
  separator(line: Line, next: Line | null): Envelope | null;
  /** Rewrites a body line (mboxrd `>From ` unescaping); identity when absent. */
  unescape?(line: Buffer): Buffer;
}

/** Messages between separators. Bytes before the first separator are reported, not read. */
export async function* splitAtSeparators(
  chunks: AsyncIterable<Buffer>,
  path: string,
  rule: SeparatorRule,
  sink: DiagnosticSink,
  from: ReadFrom = { offset: 0, index: 0 },
): AsyncGenerator<RawMessage> {
  let index = from.index;
  let current: { envelope: Envelope; offset: number; lines: Buffer[] } | null = null;
  let preamble = 0;
  let prev: Line | null = null;

  const finish = (): RawMessage | null => {
    if (!current) return null;
    const lines = current.lines;
    // The blank line before the next separator belongs to the container, not the message.
    const last = lines[lines.length - 1];
    if (last && lineText(last) === "") lines.pop();
    const message: RawMessage = {
      bytes: Buffer.concat(lines),
      locator: { path, index: index++, offset: current.offset },
      format: rule.format,
      envelope: current.envelope,
    };
    current = null;
    return message;
  };

  /** Takes one line; returns the message it ends, if it starts the next. */
  const take = (line: Line, next: Line | null): RawMessage | null => {
    const envelope = rule.separator(line, next);
    if (envelope) {
      const done = finish();
      current = { envelope, offset: line.offset, lines: [] };
      return done;
    } else if (current) {
      current.lines.push(rule.unescape ? rule.unescape(line.bytes) : line.bytes);
    } else if (lineText(line.bytes).trim() !== "") {
      preamble++;
    }
    return null;
  };

  for await (const lines of splitLines(chunks, from.offset)) {
    const done: RawMessage[] = [];
    for (const line of lines) {
      const message = prev ? take(prev, line) : null;
      if (message) done.push(message);
      prev = line;
    }
    yield* done;
  }
  const last = prev ? take(prev, null) : null;
  if (last) yield last;
  const done = finish();
  if (done) yield done;
  if (preamble > 0) {
    sink.report("warning", "text-before-first-message", `${preamble} non-blank line(s) before the first ${rule.format} separator were not read as mail`);
  }
}

// Splits an envelope-separated stream (mbox, pipermail) into messages; shared by both readers.
import type { DiagnosticSink } from "../report/diagnostics.ts";
import type { ArchiveFormat, Envelope, RawMessage, ReadFrom } from "./types.ts";
import { isBlankLine, lineText, splitLines, type Line } from "./lines.ts";

export interface SeparatorRule {
  format: ArchiveFormat;
  /**
   * The envelope of `line` if it starts a message, given the line after it (null at end of file).
   * Asked only of lines beginning with `F`: both formats' separators are `From ` lines.
   */
  separator(line: Line, next: Line | null): Envelope | null;
  /** Rewrites a body line (mboxrd `>From ` unescaping); asked only of lines beginning with `>`. */
  unescape?(line: Buffer): Buffer;
}

const F = 0x46;
const GT = 0x3e;

/** A line as the splitter holds it: its place in a buffer (the chunk's, or a copy of its own at a chunk's end). */
interface At {
  buf: Buffer;
  start: number;
  end: number;
  offset: number;
}

const asLine = (at: At): Line => ({ bytes: at.buf.subarray(at.start, at.end), offset: at.offset });

/** Messages between separators. Bytes before the first separator are reported, not read. */
export async function* splitAtSeparators(
  chunks: AsyncIterable<Buffer>,
  path: string,
  rule: SeparatorRule,
  sink: DiagnosticSink,
  from: ReadFrom = { offset: 0, index: 0 },
): AsyncGenerator<RawMessage> {
  let index = from.index;
  /**
   * The message being read: its bytes so far as pieces (runs of whole lines, copied out only when
   * it ends), the run still growing, and the length of its last line, if that is blank.
   */
  let current: { envelope: Envelope; offset: number; pieces: Buffer[]; run: At | null; lastBlank: number } | null = null;
  let preamble = 0;
  let prev: At | null = null;

  const closeRun = () => {
    if (current?.run) current.pieces.push(current.run.buf.subarray(current.run.start, current.run.end));
    if (current) current.run = null;
  };

  const finish = (): RawMessage | null => {
    if (!current) return null;
    closeRun();
    const { pieces, lastBlank } = current;
    // The blank line before the next separator belongs to the container, not the message.
    if (lastBlank > 0) {
      const last = pieces.pop()!;
      if (last.length > lastBlank) pieces.push(last.subarray(0, last.length - lastBlank));
    }
    const message: RawMessage = {
      bytes: Buffer.concat(pieces),
      locator: { path, index: index++, offset: current.offset },
      format: rule.format,
      envelope: current.envelope,
    };
    current = null;
    return message;
  };

  /** Takes one line; returns the message it ends, if it starts the next. */
  const take = (line: At, next: At | null): RawMessage | null => {
    const first = line.buf[line.start];
    const envelope = first === F ? rule.separator(asLine(line), next && asLine(next)) : null;
    if (envelope) {
      const done = finish();
      current = { envelope, offset: line.offset, pieces: [], run: null, lastBlank: 0 };
      return done;
    }
    if (!current) {
      if (lineText(line.buf, line.start, line.end).trim() !== "") preamble++;
      return null;
    }
    const length = line.end - line.start;
    current.lastBlank = isBlankLine(line.buf, line.start, line.end) ? length : 0;
    if (first === GT && rule.unescape) {
      const bytes = line.buf.subarray(line.start, line.end);
      const kept = rule.unescape(bytes);
      if (kept !== bytes) {
        closeRun();
        current.pieces.push(kept);
        return null;
      }
    }
    const run = current.run;
    if (run && run.buf === line.buf && run.end === line.start) run.end = line.end;
    else {
      closeRun();
      current.run = { ...line };
    }
    return null;
  };

  for await (const { data, offset, ends } of splitLines(chunks, from.offset)) {
    const done: RawMessage[] = [];
    let start = 0;
    for (const end of ends) {
      const line: At = { buf: data, start, end, offset: offset + start };
      const message = prev ? take(prev, line) : null;
      if (message) done.push(message);
      prev = line;
      start = end;
    }
    // The next chunk is another buffer: the run so far is a piece, and the last line a copy of its own.
    closeRun();
    if (prev) prev = { buf: Buffer.from(prev.buf.subarray(prev.start, prev.end)), start: 0, end: prev.end - prev.start, offset: prev.offset };
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

// Line splitting over a byte stream: each chunk with where its lines end, and their byte offsets.

/** A line: its bytes including its `\n` (absent on a last line without one) and its offset in the stream. */
export interface Line {
  bytes: Buffer;
  offset: number;
}

/** The whole lines of a stretch of the stream: line i is `data[ends[i - 1] ?? 0 .. ends[i]]`. */
export interface LineChunk {
  data: Buffer;
  /** Byte offset of `data[0]` in the stream. */
  offset: number;
  /** Where each line ends: the index after its `\n` (or `data.length` for a last line without one). */
  ends: number[];
}

/**
 * Splits chunks at `\n`; a CR before it stays part of the line. Offsets count from `start`, the
 * offset in the file of the first chunk's first byte. Lines are positions, not buffers: an mbox has
 * millions, and most are only copied into their message. A line cut by a chunk's end goes on in the next.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, start = 0): AsyncGenerator<LineChunk> {
  let carry: Buffer | null = null;
  let offset = start;
  for await (const chunk of chunks) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const ends: number[] = [];
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, nl + 1)) ends.push(nl + 1);
    const whole = ends.length > 0 ? ends[ends.length - 1]! : 0;
    carry = whole < data.length ? Buffer.from(data.subarray(whole)) : null;
    if (ends.length > 0) yield { data, offset, ends };
    offset += whole;
  }
  if (carry && carry.length > 0) yield { data: carry, offset, ends: [carry.length] };
}

/** The line without its `\n` or `\r\n`, as latin1 text (byte-preserving, for matching ASCII syntax). */
export function lineText(bytes: Buffer, from = 0, to = bytes.length): string {
  let end = to;
  if (end > from && bytes[end - 1] === 10) end--;
  if (end > from && bytes[end - 1] === 13) end--;
  return bytes.toString("latin1", from, end);
}

/** Whether `bytes[from..to]` is a blank line: nothing but its `\n` or `\r\n` (as lineText gives ""). */
export function isBlankLine(bytes: Buffer, from: number, to: number): boolean {
  const n = to - from;
  if (n === 0) return true;
  if (n === 1) return bytes[from] === 10 || bytes[from] === 13;
  return n === 2 && bytes[from] === 13 && bytes[from + 1] === 10;
}

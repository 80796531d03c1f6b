// Header block: the top-level header fields of a message as raw bytes, unfolded, by lower-case name.

export interface HeaderBlock {
  /** Field values in order of appearance, raw bytes with folding undone. */
  fields: Map<string, Buffer[]>;
  /** Byte offset where the body starts (after the blank line), or bytes.length. */
  bodyStart: number;
}

/** Past this many header bytes the rest is taken as body: real headers stay far below it. */
const MAX_HEADER_BYTES = 1 << 20;

/** Splits at the first empty line (CRLF or LF). Lines that are no field are ignored. */
export function parseHeaderBlock(bytes: Buffer): HeaderBlock {
  const fields = new Map<string, Buffer[]>();
  let pos = 0;
  let name: string | null = null;
  let value: Buffer[] = [];
  const commit = () => {
    if (name === null) return;
    const joined = Buffer.concat(value);
    const list = fields.get(name);
    if (list) list.push(joined);
    else fields.set(name, [joined]);
    name = null;
    value = [];
  };
  const limit = Math.min(bytes.length, MAX_HEADER_BYTES);
  while (pos < limit) {
    let nl = bytes.indexOf(10, pos);
    if (nl === -1) nl = bytes.length;
    let end = nl;
    if (end > pos && bytes[end - 1] === 13) end--;
    const next = nl + 1;
    if (end === pos) {
      commit();
      return { fields, bodyStart: Math.min(next, bytes.length) };
    }
    const first = bytes[pos]!;
    if (first === 0x20 || first === 0x09) {
      if (name !== null) value.push(Buffer.from(" "), trimStart(bytes.subarray(pos, end)));
    } else {
      commit();
      const colon = bytes.indexOf(0x3a, pos);
      if (colon !== -1 && colon < end) {
        const raw = bytes.toString("latin1", pos, colon).trim();
        if (/^[!-9;-~]+$/.test(raw)) {
          name = raw.toLowerCase();
          value = [trimStart(bytes.subarray(colon + 1, end))];
        }
      }
    }
    pos = next;
  }
  commit();
  return { fields, bodyStart: Math.min(pos, bytes.length) };
}

function trimStart(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09)) i++;
  return b.subarray(i);
}

export function firstField(block: HeaderBlock, name: string): Buffer | null {
  return block.fields.get(name)?.[0] ?? null;
}

// The search index's binary format, both ways: the builder encodes term chunks in Node, the search
// page decodes them. A chunk holds consecutive terms of the sorted dictionary with their postings:
//   varint count, then per term: varint byte length, UTF-8 term, varint document frequency,
//   u8 kind; kind 0: varint byte length, then per posting varint doc-id gap and u8 impact;
//   kind 1 (dense terms): u8 impact shared by all, varint first doc id, varint byte length, bitmap.
// Files are gzip-compressed by the builder and inflated in the page with DecompressionStream.

/** Filter terms start with `~`, which no word does: `~l:<list id>`, `~a:<word of the author's name>`. */
export const LIST_TERM = "~l:";
export const AUTHOR_TERM = "~a:";

const LIST = 0;
const BITMAP = 1;

class Writer {
  constructor() {
    this.bytes = new Uint8Array(1024);
    this.length = 0;
  }
  room(n) {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  byte(b) {
    this.room(1);
    this.bytes[this.length++] = b;
  }
  varint(n) {
    this.room(5);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.bytes[this.length++] = n;
  }
  raw(data) {
    this.room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
  result() {
    return this.bytes.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Postings of one term as bytes: doc ids ascending with their impact (1–255). A term in many
 * documents is stored as a bitmap from its first document when that is smaller than the list.
 */
export function encodeTerm(term, docs, impacts) {
  const list = new Writer();
  let previous = 0;
  for (let i = 0; i < docs.length; i++) {
    list.varint(docs[i] - previous);
    list.byte(impacts[i]);
    previous = docs[i];
  }
  const out = new Writer();
  const name = encoder.encode(term);
  out.varint(name.length);
  out.raw(name);
  out.varint(docs.length);
  const first = docs[0];
  const span = docs[docs.length - 1] - first + 1;
  const bitmapBytes = Math.ceil(span / 8);
  if (bitmapBytes + 8 < list.length) {
    let sum = 0;
    const bitmap = new Uint8Array(bitmapBytes);
    for (let i = 0; i < docs.length; i++) {
      const at = docs[i] - first;
      bitmap[at >>> 3] |= 1 << (at & 7);
      sum += impacts[i];
    }
    out.byte(BITMAP);
    out.byte(Math.max(1, Math.round(sum / docs.length)));
    out.varint(first);
    out.varint(bitmap.length);
    out.raw(bitmap);
  } else {
    out.byte(LIST);
    out.varint(list.length);
    out.raw(list.result());
  }
  return out.result();
}

/** Joins encoded terms into one chunk (before compression). */
export function encodeChunk(encodedTerms) {
  const out = new Writer();
  out.varint(encodedTerms.length);
  for (const t of encodedTerms) out.raw(t);
  return out.result();
}

/**
 * The terms of a chunk: `{ term, df, forEach(fn(doc, impact)) }` each, postings decoded only
 * when walked.
 */
export function decodeChunk(bytes) {
  let at = 0;
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  const terms = [];
  const count = varint();
  for (let k = 0; k < count; k++) {
    const nameLength = varint();
    const term = decoder.decode(bytes.subarray(at, at + nameLength));
    at += nameLength;
    const df = varint();
    const kind = bytes[at++];
    if (kind === BITMAP) {
      const impact = bytes[at++];
      const first = varint();
      const length = varint();
      const bitmap = bytes.subarray(at, at + length);
      at += length;
      terms.push({
        term,
        df,
        forEach(fn) {
          for (let i = 0; i < bitmap.length; i++) {
            const b = bitmap[i];
            if (b === 0) continue;
            for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) fn(first + i * 8 + bit, impact);
          }
        },
      });
    } else {
      const length = varint();
      const end = at + length;
      const start = at;
      at = end;
      terms.push({
        term,
        df,
        forEach(fn) {
          let p = start;
          let doc = 0;
          while (p < end) {
            let gap = 0;
            let shift = 0;
            for (;;) {
              const b = bytes[p++];
              gap += (b & 0x7f) * 2 ** shift;
              if (b < 0x80) break;
              shift += 7;
            }
            doc += gap;
            fn(doc, bytes[p++]);
          }
        },
      });
    }
  }
  return terms;
}

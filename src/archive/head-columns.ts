// The stored heads of a file's messages as columns, kept in the read snapshot: a rebuild makes the
// heads of the messages it knows from these (each distinct string once, those shared across chunks
// taken into the list's string pool once) instead of reading and parsing each one's JSON from the
// parse cache, which at 100k messages took three times as long and made every string again.
import type { StringPool } from "../indexes/string-pool.ts";
import type { StoredHead } from "./message-parts.ts";

type HeadMessage = StoredHead["message"];

/**
 * How each field of a head is kept. Every field must be named here (a new one fails to compile
 * until it is): `pooled` strings by their number in the chunk's strings, the others as said.
 */
const FIELDS = {
  messageId: "pooled",
  syntheticId: "bit",
  references: "pooled list",
  inReplyTo: "pooled or null",
  date: "column",
  dateOffsetMinutes: "number or null",
  dateSource: "pooled",
  from: "pooled name and address",
  subject: "pooled",
  displaySubject: "pooled",
  baseSubject: "pooled",
  subjectIsReply: "bit",
  listTags: "pooled list",
  contentHash: "column",
  format: "pooled",
  flags: "bit (noArchive)",
  attachments: "rare",
} as const satisfies Record<keyof HeadMessage, string>;
/** Likewise the sender's fields and the flags. */
const FROM = { name: "pooled", address: "pooled" } as const satisfies Record<keyof HeadMessage["from"], string>;
const FLAGS = { noArchive: "bit" } as const satisfies Record<keyof HeadMessage["flags"], string>;
void [FIELDS, FROM, FLAGS];

/** The pooled strings of a message, in this order, in `ids`. */
const MESSAGE_ID = 0;
const IN_REPLY_TO = 1;
const DATE_SOURCE = 2;
const FROM_NAME = 3;
const FROM_ADDRESS = 4;
const SUBJECT = 5;
const DISPLAY_SUBJECT = 6;
const BASE_SUBJECT = 7;
const FORMAT = 8;
const SLOTS = 9;

const SYNTHETIC_ID = 1;
const SUBJECT_IS_REPLY = 2;
const NO_ARCHIVE = 4;
const NO_DATE_OFFSET = 8;

/** Messages per chunk: each chunk's strings are found once through a map of its own, kept this small. */
const CHUNK = 20_000;

/** Heads of consecutive messages. */
export interface HeadChunk {
  count: number;
  /** Each distinct string of the pooled fields once. */
  strings: string[];
  /** SLOTS numbers in `strings` per message (-1: null). */
  ids: Int32Array;
  /** Message i's References are refs[refStart[i]] up to refs[refStart[i + 1]]; its list tags likewise. */
  refStart: Int32Array;
  refs: Int32Array;
  tagStart: Int32Array;
  tags: Int32Array;
  /** Strings all but unique to a message, kept as they are. */
  dates: (string | null)[];
  contentHashes: string[];
  dateOffsets: Float64Array;
  bits: Uint8Array;
  /** The few messages with attachments or reports: their number in the chunk, and those as JSON. */
  rare: [number, string][];
}

/** The heads of a file's messages, in file order. */
export type HeadColumns = HeadChunk[];

export function headCount(columns: HeadColumns): number {
  let n = 0;
  for (const chunk of columns) n += chunk.count;
  return n;
}

/** The columns of `heads`. */
export function encodeHeads(heads: readonly StoredHead[]): HeadColumns {
  const out: HeadColumns = [];
  for (let start = 0; start < heads.length; start += CHUNK) out.push(encodeChunk(heads.slice(start, start + CHUNK)));
  return out;
}

/** The columns of the first `keep` heads of `columns`, then of `more`. */
export function appendHeads(columns: HeadColumns, keep: number, more: readonly StoredHead[]): HeadColumns {
  const out: HeadColumns = [];
  let left = keep;
  for (const chunk of columns) {
    if (left === 0) break;
    // A chunk cut short keeps its strings whole: some then go unused, until the file is read whole again.
    out.push(left >= chunk.count ? chunk : { ...chunk, count: left });
    left -= Math.min(left, chunk.count);
  }
  if (left > 0) throw new Error(`internal error: ${keep} heads kept of ${headCount(columns)}`);
  return more.length === 0 ? out : [...out, ...encodeHeads(more)];
}

/**
 * The heads the columns were made of, as the parse cache gives them (their fields in the same
 * order), made a chunk at a time as they are asked for, their strings taken from `pool`; null when
 * the columns are not whole (a damaged snapshot), so that every head asked for can be made.
 */
export function headReader(columns: HeadColumns, pool: StringPool): ((index: number) => StoredHead) | null {
  if (!Array.isArray(columns) || !columns.every(wholeChunk)) return null;
  const starts: number[] = [];
  let n = 0;
  for (const chunk of columns) {
    starts.push(n);
    n += chunk.count;
  }
  const made: StoredHead[][] = [];
  let k = 0;
  return (index) => {
    if (!(index >= 0 && index < n)) throw new Error(`internal error: head ${index} of ${n}`);
    // Heads are asked for in file order: the chunk of the last one asked, or a later one.
    if (index < starts[k]!) k = 0;
    while (index >= starts[k]! + columns[k]!.count) k++;
    made[k] ??= decodeChunk(columns[k]!, pool);
    return made[k]![index - starts[k]!]!;
  };
}

/** Every head of the columns (headReader), or null when they are not whole. */
export function decodeHeads(columns: HeadColumns, pool: StringPool): StoredHead[] | null {
  const at = headReader(columns, pool);
  return at && Array.from({ length: headCount(columns) }, (_, i) => at(i));
}

/** Whether every head of a chunk can be made: its columns as long as its count, each number naming a string it has. */
function wholeChunk(chunk: HeadChunk): boolean {
  if (!chunk || typeof chunk !== "object") return false;
  const { count, strings, ids, refStart, refs, tagStart, tags, dates, contentHashes, dateOffsets, bits, rare } = chunk;
  if (!Number.isSafeInteger(count) || count < 0 || !Array.isArray(strings) || !strings.every((v) => typeof v === "string")) return false;
  if (!(ids instanceof Int32Array) || ids.length < count * SLOTS || !(dateOffsets instanceof Float64Array) || dateOffsets.length < count || !(bits instanceof Uint8Array) || bits.length < count) return false;
  for (let i = 0; i < count * SLOTS; i++) if (ids[i]! >= strings.length || ids[i]! < (i % SLOTS === IN_REPLY_TO ? -1 : 0)) return false;
  const list = (start: unknown, items: unknown) => {
    if (!(start instanceof Int32Array) || start.length <= count || !(items instanceof Int32Array) || start[0]! < 0 || start[count]! > items.length) return false;
    for (let i = 0; i < count; i++) if (start[i + 1]! < start[i]!) return false;
    return items.every((id) => id >= 0 && id < strings.length);
  };
  if (!list(refStart, refs) || !list(tagStart, tags)) return false;
  if (!Array.isArray(dates) || dates.length < count || !Array.isArray(contentHashes) || contentHashes.length < count) return false;
  for (let i = 0; i < count; i++) if ((dates[i] !== null && typeof dates[i] !== "string") || typeof contentHashes[i] !== "string") return false;
  if (!Array.isArray(rare)) return false;
  return rare.every((entry) => {
    if (!Array.isArray(entry) || !Number.isSafeInteger(entry[0]) || typeof entry[1] !== "string") return false;
    try {
      const parts = JSON.parse(entry[1]) as unknown;
      return Array.isArray(parts) && Array.isArray(parts[0]) && Array.isArray(parts[1]);
    } catch {
      return false;
    }
  });
}

function encodeChunk(heads: readonly StoredHead[]): HeadChunk {
  const n = heads.length;
  const numbers = new Map<string, number>();
  const strings: string[] = [];
  const id = (s: string | null): number => {
    if (s === null) return -1;
    let i = numbers.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      numbers.set(s, i);
    }
    return i;
  };
  const ids = new Int32Array(n * SLOTS);
  const refStart = new Int32Array(n + 1);
  const tagStart = new Int32Array(n + 1);
  const refs: number[] = [];
  const tags: number[] = [];
  const dates: (string | null)[] = new Array(n);
  const contentHashes: string[] = new Array(n);
  const dateOffsets = new Float64Array(n);
  const bits = new Uint8Array(n);
  const rare: [number, string][] = [];
  for (let i = 0; i < n; i++) {
    const { message: m, reports } = heads[i]!;
    const at = i * SLOTS;
    ids[at + MESSAGE_ID] = id(m.messageId);
    ids[at + IN_REPLY_TO] = id(m.inReplyTo);
    ids[at + DATE_SOURCE] = id(m.dateSource);
    ids[at + FROM_NAME] = id(m.from.name);
    ids[at + FROM_ADDRESS] = id(m.from.address);
    ids[at + SUBJECT] = id(m.subject);
    ids[at + DISPLAY_SUBJECT] = id(m.displaySubject);
    ids[at + BASE_SUBJECT] = id(m.baseSubject);
    ids[at + FORMAT] = id(m.format);
    refStart[i] = refs.length;
    for (const r of m.references) refs.push(id(r));
    tagStart[i] = tags.length;
    for (const t of m.listTags) tags.push(id(t));
    dates[i] = m.date;
    contentHashes[i] = m.contentHash;
    dateOffsets[i] = m.dateOffsetMinutes ?? 0;
    bits[i] = (m.syntheticId ? SYNTHETIC_ID : 0) | (m.subjectIsReply ? SUBJECT_IS_REPLY : 0) | (m.flags.noArchive ? NO_ARCHIVE : 0) | (m.dateOffsetMinutes === null ? NO_DATE_OFFSET : 0);
    if (m.attachments.length > 0 || reports.length > 0) rare.push([i, JSON.stringify([m.attachments, reports])]);
  }
  refStart[n] = refs.length;
  tagStart[n] = tags.length;
  return { count: n, strings, ids, refStart, refs: Int32Array.from(refs), tagStart, tags: Int32Array.from(tags), dates, contentHashes, dateOffsets, bits, rare };
}

/**
 * A chunk's strings, those the pool shares across chunks and with new mail (names, subjects, tags)
 * taken from it. A Message-ID (three in four of a chunk's strings at 150k messages) is named again
 * mostly by replies near it, in its own chunk, where it is one string already: it is left as it
 * is (the pool's look-ups, in a map of every string of the list, were 0.3 s of a rebuild).
 */
function pooledStrings(chunk: HeadChunk, pool: StringPool): string[] {
  const { count, ids, tagStart, tags } = chunk;
  const strings = chunk.strings.slice();
  const shared = new Uint8Array(strings.length);
  for (let i = 0; i < count; i++) {
    const at = i * SLOTS;
    for (let slot = 0; slot < SLOTS; slot++) if (slot !== MESSAGE_ID && slot !== IN_REPLY_TO) shared[ids[at + slot]!] = 1;
  }
  for (let k = tagStart[0]!; k < tagStart[count]!; k++) shared[tags[k]!] = 1;
  for (let i = 0; i < strings.length; i++) if (shared[i] === 1) strings[i] = pool.one(strings[i]!);
  return strings;
}

function decodeChunk(chunk: HeadChunk, pool: StringPool): StoredHead[] {
  const { count, ids, refStart, refs, tagStart, tags, dates, contentHashes, dateOffsets, bits } = chunk;
  const strings = pooledStrings(chunk, pool);
  const rare = new Map(chunk.rare);
  const out: StoredHead[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * SLOTS;
    const references: string[] = [];
    for (let k = refStart[i]!; k < refStart[i + 1]!; k++) references.push(strings[refs[k]!]!);
    const listTags: string[] = [];
    for (let k = tagStart[i]!; k < tagStart[i + 1]!; k++) listTags.push(strings[tags[k]!]!);
    const b = bits[i]!;
    const inReplyTo = ids[at + IN_REPLY_TO]!;
    const extra = rare.get(i);
    const [attachments, reports] = extra === undefined ? [[], []] : (JSON.parse(extra) as [HeadMessage["attachments"], StoredHead["reports"]]);
    // The fields in the order a head stored as JSON has them.
    const message: HeadMessage = {
      messageId: strings[ids[at + MESSAGE_ID]!]!,
      syntheticId: (b & SYNTHETIC_ID) !== 0,
      references,
      inReplyTo: inReplyTo < 0 ? null : strings[inReplyTo]!,
      date: dates[i] ?? null,
      dateOffsetMinutes: b & NO_DATE_OFFSET ? null : dateOffsets[i]!,
      dateSource: strings[ids[at + DATE_SOURCE]!]! as HeadMessage["dateSource"],
      from: { name: strings[ids[at + FROM_NAME]!]!, address: strings[ids[at + FROM_ADDRESS]!]! },
      subject: strings[ids[at + SUBJECT]!]!,
      displaySubject: strings[ids[at + DISPLAY_SUBJECT]!]!,
      baseSubject: strings[ids[at + BASE_SUBJECT]!]!,
      subjectIsReply: (b & SUBJECT_IS_REPLY) !== 0,
      listTags,
      contentHash: contentHashes[i]!,
      format: strings[ids[at + FORMAT]!]! as HeadMessage["format"],
      flags: { noArchive: (b & NO_ARCHIVE) !== 0 },
      attachments,
    };
    out.push({ message, reports });
  }
  return out;
}

// Dates in mail: Date and Received headers, mbox and pipermail envelope lines; never "now".

export interface ParsedDate {
  /** UTC, as Date.toISOString() writes it. */
  iso: string;
  /** The writer's UTC offset in minutes; null when the zone was absent, -0000 or unknown. */
  offsetMinutes: number | null;
}

/** Longest date text looked at: real dates are short, the rest is junk. */
const MAX_DATE_LENGTH = 200;
/** Dates outside these years are taken as broken clocks, not history. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
/** Largest real UTC offset is +14:00; anything larger is a broken zone, treated as unknown. */
const MAX_OFFSET_MINUTES = 14 * 60;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ["jan", 0], ["feb", 1], ["mar", 2], ["apr", 3], ["may", 4], ["jun", 5],
  ["jul", 6], ["aug", 7], ["sep", 8], ["oct", 9], ["nov", 10], ["dec", 11],
  // German spellings seen in hand-written and localised dates.
  ["mär", 2], ["mrz", 2], ["mai", 4], ["okt", 9], ["dez", 11],
]);

const WEEKDAYS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

/** Zone names with one meaning: RFC 5322's obsolete zones plus common unambiguous ones. */
const NAMED_ZONES: ReadonlyMap<string, number> = new Map([
  ["UT", 0], ["UTC", 0], ["GMT", 0], ["Z", 0], ["WET", 0],
  ["EST", -300], ["EDT", -240], ["CST", -360], ["CDT", -300],
  ["MST", -420], ["MDT", -360], ["PST", -480], ["PDT", -420],
  ["AKST", -540], ["AKDT", -480], ["HST", -600],
  ["CET", 60], ["CEST", 120], ["MET", 60], ["MEST", 120], ["MEZ", 60], ["MESZ", 120],
  ["BST", 60], ["WEST", 60], ["EET", 120], ["EEST", 180], ["MSK", 180], ["MSD", 240],
  ["JST", 540], ["KST", 540], ["HKT", 480], ["SGT", 480], ["NZST", 720], ["NZDT", 780],
]);

interface Fields {
  year: number | null;
  month: number | null;
  day: number | null;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC; null = unknown zone (time taken as UTC). */
  offset: number | null;
}

/**
 * A Date header value: RFC 5322 and what mailers really write (missing or wrong weekday,
 * two- and three-digit years, obsolete and named zones, single military letters as unknown,
 * `+0100 (CET)` comments, missing seconds, dots for colons, lower-case months, ISO 8601,
 * extra spaces). null for anything unparseable or outside 1970-2100; never the current time.
 */
export function parseDateHeader(value: string): ParsedDate | null {
  const text = value.slice(0, MAX_DATE_LENGTH * 4).trim().slice(0, MAX_DATE_LENGTH);
  if (text.length === 0) return null;
  const iso = parseIso(text);
  if (iso !== undefined) return iso;
  const fields = parseTokens(text, true);
  return fields === null ? null : toParsed(fields);
}

/** The date after the last `;` of a Received header; null without one. */
export function parseReceivedDate(received: string): ParsedDate | null {
  const at = received.lastIndexOf(";");
  return at < 0 ? null : parseDateHeader(received.slice(at + 1));
}

const ENVELOPE_START = /(?:^|\s)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/**
 * The asctime date of an mbox `From ` line or pipermail separator (`Tue Mar  1 21:02:27 2005`,
 * also with the year before the time or a numeric zone). Taken as UTC unless a numeric offset
 * is written; zone names there are ignored. A whole `From sender date` line is accepted too.
 * ISO string or null.
 */
export function parseEnvelopeDate(asctime: string): string | null {
  let text = asctime.slice(0, MAX_DATE_LENGTH * 4);
  const start = ENVELOPE_START.exec(text);
  if (start !== null) text = text.slice(start.index);
  text = text.trim().slice(0, MAX_DATE_LENGTH);
  const fields = parseTokens(text, false);
  return fields === null ? null : (toParsed(fields)?.iso ?? null);
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** ISO 8601; undefined when the text is not ISO-shaped, null when it is but invalid. */
function parseIso(text: string): ParsedDate | null | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const zone = m[7];
  let offset: number | null = null;
  if (zone !== undefined) offset = /^[+-]/.test(zone) ? numericOffset(zone) : 0;
  return toParsed({
    year: Number(m[1]),
    month: Number(m[2]) - 1,
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    offset,
  });
}

/** `+0100`, `-05:00`, `+01`: minutes east of UTC; null when -0000 or out of range. */
function numericOffset(zone: string): number | null {
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (minutes > 59) return null;
  const total = hours * 60 + minutes;
  if (total === 0) return sign < 0 ? null : 0;
  return total > MAX_OFFSET_MINUTES ? null : sign * total;
}

const TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d{1,9})?([+-]\d{4}|Z)?$/i;
const NUMERIC_ZONE = /^[+-]\d{4}$|^[+-]\d{2}:\d{2}$/;
const PREFIXED_ZONE = /^(?:GMT|UTC|UT)([+-]\d{1,2}(?::?\d{2})?)$/i;
const DMY_DASHED = /^(\d{1,2})-([a-zäöü]{3,9})-(\d{2,4})$/i;
const YMD = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const DMY_DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Token-by-token reading of the free forms; null when no day, month and year were found. */
function parseTokens(text: string, namedZones: boolean): Fields | null {
  const cleaned = text.replace(/\([^()]*\)/g, " ").replace(/,/g, " ");
  const f: Fields = { year: null, month: null, day: null, hour: 0, minute: 0, second: 0, offset: null };
  let timeSeen = false;
  let zoneSeen = false;
  let meridiem: "am" | "pm" | null = null;
  const small: number[] = [];
  for (const raw of cleaned.split(/\s+/)) {
    if (raw.length === 0 || raw.length > 40) continue;
    const tok = raw.replace(/\.$/, "");
    let m: RegExpExecArray | null;
    if ((m = DMY_DASHED.exec(tok)) !== null) {
      const month = monthOf(m[2] as string);
      if (month !== null) {
        f.month = month;
        small.push(Number(m[1]));
        setYear(f, small, m[3] as string);
      }
    } else if ((m = YMD.exec(tok)) !== null) {
      f.year = Number(m[1]);
      f.month = Number(m[2]) - 1;
      small.push(Number(m[3]));
    } else if ((m = DMY_DOTTED.exec(tok)) !== null) {
      small.push(Number(m[1]));
      f.month = Number(m[2]) - 1;
      f.year = Number(m[3]);
    } else if (!timeSeen && (m = TIME.exec(tok)) !== null) {
      timeSeen = true;
      f.hour = Number(m[1]);
      f.minute = Number(m[2]);
      f.second = m[3] === undefined ? 0 : Number(m[3]);
      if (m[4] !== undefined && !zoneSeen) {
        zoneSeen = true;
        f.offset = m[4].toUpperCase() === "Z" ? 0 : numericOffset(m[4]);
      }
    } else if (/^\d+$/.test(tok)) {
      if (tok.length >= 3) setYear(f, small, tok);
      else small.push(Number(tok));
    } else if (!zoneSeen && NUMERIC_ZONE.test(tok)) {
      zoneSeen = true;
      f.offset = numericOffset(tok);
    } else if (!zoneSeen && (m = PREFIXED_ZONE.exec(tok)) !== null) {
      zoneSeen = true;
      const z = m[1] as string;
      f.offset = numericOffset(z.length <= 3 ? `${z[0]}${z.slice(1).padStart(2, "0")}` : z);
    } else if (/^(?:am|pm|a\.m|p\.m)$/i.test(tok)) {
      meridiem = tok.toLowerCase().startsWith("a") ? "am" : "pm";
    } else if (/^[a-zäöü]+$/i.test(tok)) {
      const lower = tok.toLowerCase();
      const month = f.month === null ? monthOf(lower) : null;
      if (month !== null) {
        f.month = month;
      } else if (!zoneSeen && namedZones && tok.length === 1) {
        zoneSeen = true; // RFC 5322 4.3: military zones were misdefined; treat as unknown.
      } else if (!zoneSeen && namedZones && NAMED_ZONES.has(tok.toUpperCase())) {
        zoneSeen = true;
        f.offset = NAMED_ZONES.get(tok.toUpperCase()) as number;
      }
      // Weekdays (right or wrong) and other words are ignored.
    }
  }
  if (f.year === null && small.length >= 2) setYear(f, small.slice(0, 1), String(small[1]));
  if (small.length > 0) f.day = small[0] as number;
  if (f.year === null || f.month === null || f.day === null) return null;
  if (meridiem !== null && f.hour >= 1 && f.hour <= 12) {
    if (meridiem === "am" && f.hour === 12) f.hour = 0;
    if (meridiem === "pm" && f.hour < 12) f.hour += 12;
  }
  return f;
}

/** RFC 5322 4.3: two-digit years 00-49 are 20xx, 50-99 19xx; three-digit years add 1900. */
function setYear(f: Fields, small: number[], digits: string): void {
  if (f.year !== null) {
    small.push(Number(digits));
    return;
  }
  const n = Number(digits);
  if (digits.length <= 2) f.year = n < 50 ? 2000 + n : 1900 + n;
  else if (digits.length === 3) f.year = 1900 + n;
  else if (digits.length === 4) f.year = n;
}

function monthOf(word: string): number | null {
  const lower = word.toLowerCase();
  if (lower.length < 3 || lower.length > 9 || WEEKDAYS.has(lower.slice(0, 3))) return null;
  return MONTHS.get(lower.slice(0, 3)) ?? null;
}

function toParsed(f: Fields): ParsedDate | null {
  const { year, month, day } = f;
  if (year === null || month === null || day === null) return null;
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return null;
  const second = Math.min(f.second, 59); // a leap second lands on :59
  const local = Date.UTC(year, month, day, f.hour, f.minute, second);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return null; // 31 Feb and the like
  const utc = new Date(local - (f.offset ?? 0) * 60_000);
  const y = utc.getUTCFullYear();
  if (Number.isNaN(utc.getTime()) || y < MIN_YEAR || y > MAX_YEAR) return null;
  return { iso: utc.toISOString(), offsetMinutes: f.offset };
}

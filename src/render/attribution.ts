// Attribution lines ("On <date>, <name> wrote:" and its kin in other mailers and languages): which lines are one.

/**
 * A verb of writing, then at most a date or a list name, then the final colon: `X wrote:`, `X wrote on <date>:`, `X writes:`,
 * `Am ... schrieb X:`, `Le ... X a écrit :`, `El ... X escribió:`, `Il ... X ha scritto:`, `W dniu ... X pisze:`,
 * `Op ... schreef X:`, `... X написал(а):` / `написал:` / `пишет:`, `X napsal(a):`, `X skrev:` and others. Pipermail's
 * mis-decoded `a ?crit`, `? ?crit` and `escribi?` count too.
 */
const VERB_THEN_COLON = new RegExp(
  "(?:^|[^\\p{L}\\p{N}])(?:" +
    [
      "wrote", "writes", "write", "said", "says", "quoted", "schrieb", "schreibt", "schreef", "escribió", "escribio", "escribi\\?",
      "escreveu", "ha scritto", "scrisse", "a écrit", "a ecrit", "a \\?crit", "\\? \\?crit", "pisze", "napisał\\(a\\)", "napisała", "napisał",
      "napsal\\(a\\)", "napsala", "napsal", "napísal", "skrev", "skriver", "kirjoitti", "yazdı", "έγραψε",
      "написал\\(а\\)", "написала", "написал", "написав", "пишет",
    ].join("|") +
    ")(?![\\p{L}\\p{N}])[^\\n]{0,120}[:：]\\s*$",
  "iu",
);
/** Chinese and Japanese: `X 写道：`, `X さんは書きました:`. */
const CJK = /(?:写道|寫道|書きました)\s*[：:]\s*$/u;
/** `Quoting X:` (Horde), `Quoting from X's mail on <date>:`, `Zitat von X:`, `Citando X:`. */
const QUOTING = /^(?:Quoting|Zitat von|Citando|Citant)\b[^\n]{1,200}[:：]\s*$/iu;
/** Mutt's `* Name <addr> [2007-01-02 10:00]:`. */
const MUTT = /^\* [^\n]{1,150} \[[^\]\n]{4,40}\]:\s*$/u;
/** Gmail's localised form and its kin: a date or a name, then `<address>:` (`2015-11-12 10:20 GMT+01:00 Name <a@b.c>:`). */
const ADDRESS_THEN_COLON = /<[^<>\n]{1,100}(?:@| at )[^<>\n]{1,100}>\s*[:：]\s*$/u;
/** How an attribution that wraps onto a second line begins. */
const OPENER = /^(?:On|Am|Le|El|Il|W dniu|Op|Em|Den|Dne|På|Quoting)\s/u;

const MAX_ONE_LINE = 300;
const MAX_FIRST_OF_TWO = 200;

/** Whether the text (one line, or two joined by a space) is an attribution. */
export function isAttribution(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_ONE_LINE * 2) return false;
  const last = t[t.length - 1];
  if (last !== ":" && last !== "：") return false;
  return VERB_THEN_COLON.test(t) || CJK.test(t) || QUOTING.test(t) || MUTT.test(t) || ADDRESS_THEN_COLON.test(t);
}

/** Whether `first` is the beginning of an attribution that `second` finishes (`On ..., Name <` / `addr> wrote:`). */
function wrapsInto(first: string, second: string): boolean {
  const a = first.trim();
  return (
    a.length > 0 && a.length <= MAX_FIRST_OF_TWO && second.length <= MAX_ONE_LINE && OPENER.test(a) && !a.endsWith(":") && isAttribution(`${a} ${second.trim()}`)
  );
}

function isOneLine(line: string): boolean {
  return line.length <= MAX_ONE_LINE && isAttribution(line);
}

/**
 * The attribution that ends a run of lines, allowing two blank lines after it: `[start, end)` of its one or two lines and
 * `cut`, where the run should be cut (the blank lines go too); null when the run does not end with one.
 */
export function attributionAtEnd(lines: readonly string[]): { start: number; end: number; cut: number } | null {
  let e = lines.length - 1;
  if (e >= 0 && lines[e]!.trim() === "") e--;
  if (e >= 0 && lines[e]!.trim() === "") e--;
  if (e < 0) return null;
  const line = lines[e]!;
  const one = isOneLine(line);
  if (one && OPENER.test(line.trim())) return { start: e, end: e + 1, cut: e };
  if (e >= 1 && wrapsInto(lines[e - 1]!, line)) return { start: e - 1, end: e + 1, cut: e - 1 };
  return one ? { start: e, end: e + 1, cut: e } : null;
}

/** The attribution that opens a run of lines (after at most one blank line): `[start, end)` of its one or two lines, or null. */
export function attributionAtStart(lines: readonly string[]): { start: number; end: number } | null {
  let s = 0;
  if (s < lines.length && lines[s]!.trim() === "") s++;
  if (s >= lines.length) return null;
  const line = lines[s]!;
  if (isOneLine(line)) return { start: s, end: s + 1 };
  if (s + 1 < lines.length && wrapsInto(line, lines[s + 1]!)) return { start: s, end: s + 2 };
  return null;
}

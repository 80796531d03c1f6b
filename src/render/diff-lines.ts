// Patches in message text: where a unified diff starts and ends, and what each of its lines is.

export type DiffLineKind = "file" | "hunk" | "add" | "del" | "context";

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

const DIFF_COMMAND = /^diff (?:--git |--cc |-[a-zA-Z]+ )\S/;
const FILE_HEADER =
  /^(?:diff |index [0-9a-f]|--- \S|\+\+\+ \S|new file mode |deleted file mode |old mode |new mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files |Index: \S|={20,}\s*$|RCS file: |retrieving revision |Only in )/;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
// Longer lines are never taken for the start of a diff: keeps pattern tests cheap on absurd input.
const MAX_HEADER_LINE = 1000;

/** Whether a diff starts at line `i`: `diff --git`, `Index:` over `====`, a `---`/`+++` pair, or a hunk header `@@ -a,b +c,d @@`. */
function startsDiff(lines: readonly string[], i: number, end: number): boolean {
  const line = lines[i]!;
  if (line.length > MAX_HEADER_LINE) return false;
  const c = line[0];
  if (c === "d") return DIFF_COMMAND.test(line);
  if (c === "@") return HUNK.test(line);
  const next = i + 1 < end ? lines[i + 1]! : "";
  if (c === "-") return line.startsWith("--- ") && /^\+\+\+ \S/.test(next) && /^--- \S/.test(line);
  if (c === "I") return /^Index: \S/.test(line) && /^={20,}\s*$/.test(next);
  return false;
}

/**
 * The diff starting at line `i` (before `end`), or null. Hunks are read by their line counts, so a removed line `-- ` is
 * not a signature and the text after a hunk is not swallowed; a hunk cut short (a reviewer trimmed the quote) ends at the
 * first line that is not `+`, `-`, ` ` or empty. Trailing empty lines are left to the text after the diff.
 */
export function parseDiffAt(lines: readonly string[], i: number, end = lines.length): { lines: DiffLine[]; end: number } | null {
  if (!startsDiff(lines, i, end)) return null;
  const out: DiffLine[] = [];
  let k = i;
  while (k < end) {
    const line = lines[k]!;
    const hunk = line.length <= MAX_HEADER_LINE ? HUNK.exec(line) : null;
    if (hunk) {
      out.push({ kind: "hunk", text: line });
      k++;
      let before = hunk[2] === undefined ? 1 : Number(hunk[2]);
      let after = hunk[4] === undefined ? 1 : Number(hunk[4]);
      while (k < end && (before > 0 || after > 0)) {
        const body = lines[k]!;
        const c = body[0];
        if (c === "+") (after--, out.push({ kind: "add", text: body }));
        else if (c === "-") (before--, out.push({ kind: "del", text: body }));
        else if (c === " " || body === "") (before--, after--, out.push({ kind: "context", text: body }));
        else if (c === "\\") out.push({ kind: "context", text: body });
        else break;
        k++;
      }
      if (k < end && lines[k]!.startsWith("\\ ")) out.push({ kind: "context", text: lines[k++]! });
      continue;
    }
    if (line.length <= MAX_HEADER_LINE && FILE_HEADER.test(line) && (!line.startsWith("--- ") || /^\+\+\+ \S/.test(lines[k + 1] ?? ""))) {
      out.push({ kind: "file", text: line });
      k++;
      continue;
    }
    break;
  }
  while (out.length > 0 && out[out.length - 1]!.text.trim() === "") {
    out.pop();
    k--;
  }
  return out.length > 0 ? { lines: out, end: k } : null;
}

/**
 * A paragraph cut out of a hunk (a reviewer quoted a few lines, without the `@@` header): every line starts with `+`, `-`,
 * a space or a tab, both `+` and `-` lines are there, and they are not all list bullets (`- item`, `+ item`).
 */
export function diffFragment(lines: readonly string[]): DiffLine[] | null {
  if (lines.length < 2) return null;
  let add = 0;
  let del = 0;
  let bullets = 0;
  for (const line of lines) {
    const c = line[0];
    if (c === "+") add++;
    else if (c === "-") del++;
    else if (c !== " " && c !== "\t") return null;
    if ((c === "+" || c === "-") && /^[-+] \S/.test(line)) bullets++;
  }
  if (add === 0 || del === 0 || bullets === add + del) return null;
  return lines.map((text) => ({ kind: text[0] === "+" ? "add" : text[0] === "-" ? "del" : "context", text }));
}

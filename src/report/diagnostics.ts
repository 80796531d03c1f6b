// Diagnostics: per-message and per-file problems collected as values, never thrown.
export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable, kebab-case kind of problem, e.g. "date-unparseable"; counted in the build report. */
  code: string;
  /** Input file, relative to the content folder (posix separators). */
  path: string;
  /** 0-based position of the message in that file; null for a problem with the whole file. */
  index: number | null;
  message: string;
}

/** Where a per-message problem was found; parse functions report against it. */
export interface DiagnosticSink {
  report(severity: Severity, code: string, message: string): void;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  /** A sink bound to one message (or file, with index null). */
  at(path: string, index: number | null): DiagnosticSink {
    return new LocatedSink(this.items, path, index);
  }

  /** Problems per code, codes in alphabetical order. */
  countsByCode(): Record<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.items) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
    return Object.fromEntries([...counts].sort((a, b) => compare(a[0], b[0])));
  }

  /** Deterministic order: by path, index, code, message. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        compare(a.path, b.path) ||
        (a.index ?? -1) - (b.index ?? -1) ||
        compare(a.code, b.code) ||
        compare(a.message, b.message),
    );
  }
}

/** Code-unit order, independent of the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sink that drops everything, for callers that do not collect. */
export const ignoreDiagnostics: DiagnosticSink = { report: () => {} };

/** What Diagnostics.at() gives: a class, not a closure, as there is one per message read. */
class LocatedSink implements DiagnosticSink {
  constructor(
    private readonly items: Diagnostic[],
    private readonly path: string,
    private readonly index: number | null,
  ) {}

  report(severity: Severity, code: string, message: string): void {
    this.items.push({ severity, code, path: this.path, index: this.index, message });
  }
}

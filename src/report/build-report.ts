// build-report.json: every input message accounted for, every problem listed, time per stage.
import type { Diagnostic, Diagnostics } from "./diagnostics.ts";

export interface ListReportInput {
  id: string;
  inputs: { path: string; format: string; gzip: boolean; messages: number }[];
  messagesRead: number;
  messagesPublished: number;
  duplicatesMerged: number;
  skipped: { path: string; index: number; reason: string }[];
  threads: number;
}

export interface BuildReport {
  generator: string;
  lists: (Omit<ListReportInput, "skipped"> & { messagesSkipped: number; skipped: ListReportInput["skipped"] })[];
  totals: { lists: number; messagesRead: number; messagesPublished: number; duplicatesMerged: number; messagesSkipped: number; threads: number };
  diagnosticCounts: Record<string, number>;
  diagnostics: Diagnostic[];
  /** Milliseconds per stage: with `work`, the only part that differs between two builds of the same content. */
  timings: Record<string, number>;
  /** What this build did to the output: pages rendered, files written, left as they were, removed. */
  work: Record<string, number>;
}

export function buildReport(lists: ListReportInput[], diagnostics: Diagnostics, timings: Record<string, number>, work: Record<string, number> = {}): BuildReport {
  const out = lists.map((l) => {
    const skipped = [...l.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.index - b.index));
    const messagesSkipped = skipped.length;
    if (l.messagesRead !== l.messagesPublished + l.duplicatesMerged + messagesSkipped) {
      throw new Error(`internal error: list ${l.id} read ${l.messagesRead} messages but accounts for ${l.messagesPublished + l.duplicatesMerged + messagesSkipped}`);
    }
    return { id: l.id, inputs: l.inputs, messagesRead: l.messagesRead, messagesPublished: l.messagesPublished, duplicatesMerged: l.duplicatesMerged, messagesSkipped, skipped, threads: l.threads };
  });
  const sum = (f: (l: (typeof out)[number]) => number) => out.reduce((n, l) => n + f(l), 0);
  return {
    generator: "listarchive",
    lists: out,
    totals: {
      lists: out.length,
      messagesRead: sum((l) => l.messagesRead),
      messagesPublished: sum((l) => l.messagesPublished),
      duplicatesMerged: sum((l) => l.duplicatesMerged),
      messagesSkipped: sum((l) => l.messagesSkipped),
      threads: sum((l) => l.threads),
    },
    diagnosticCounts: diagnostics.countsByCode(),
    diagnostics: diagnostics.sorted(),
    timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    work,
  };
}

/** The console summary: lists, messages, threads, problems by kind, time. */
export function formatSummary(report: BuildReport, output: string, seconds: number): string {
  const t = report.totals;
  const lines = [
    `listarchive: ${t.lists} list(s), ${t.messagesRead} messages read: ${t.messagesPublished} published, ${t.duplicatesMerged} duplicates merged, ${t.messagesSkipped} skipped; ${t.threads} threads`,
  ];
  const bySeverity: Record<string, Record<string, number>> = {};
  for (const d of report.diagnostics) {
    const s = (bySeverity[d.severity] ??= {});
    s[d.code] = (s[d.code] ?? 0) + 1;
  }
  for (const severity of ["error", "warning", "info"]) {
    const codes = bySeverity[severity];
    if (!codes) continue;
    lines.push(`  ${severity}s: ${Object.entries(codes).map(([c, n]) => `${c} ${n}`).join(", ")}`);
  }
  lines.push(`  built in ${seconds.toFixed(1)} s into ${output} (details: build-report.json)`);
  return lines.join("\n");
}

// Report stage: diagnostics collected as values, the build report and the console summary.
export { Diagnostics, compare, ignoreDiagnostics, type Diagnostic, type DiagnosticSink, type Severity } from "./diagnostics.ts";
export { buildReport, formatSummary, type BuildReport, type ListReportInput } from "./build-report.ts";
export { createProgress, type Progress } from "./progress.ts";

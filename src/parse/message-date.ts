// A message's date and where it came from: Date header, then first Received, then the envelope line.
import type { Envelope } from "../ingest/types.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import type { DateSource } from "./types.ts";
import { parseDateHeader, parseEnvelopeDate, parseReceivedDate } from "./date.ts";

export interface ResolvedDate {
  iso: string | null;
  offsetMinutes: number | null;
  source: DateSource;
}

/**
 * Never the build time: with no usable source the date is null and the message is reported.
 * `firstReceived` gives the first Received header's value: asked only when the Date header fails.
 */
export function resolveDate(dateHeader: string | null, firstReceived: () => string | null, envelope: Envelope | null, sink: DiagnosticSink): ResolvedDate {
  if (dateHeader !== null) {
    const parsed = parseDateHeader(dateHeader);
    if (parsed) return { iso: parsed.iso, offsetMinutes: parsed.offsetMinutes, source: "date" };
    sink.report("warning", "date-unparseable", `Date header ${JSON.stringify(dateHeader.slice(0, 100))} cannot be read; falling back`);
  }
  // The first Received header is the last hop: the closest to when the list delivered it.
  const received = firstReceived();
  const parsed = received === null ? null : parseReceivedDate(received);
  if (parsed) return { iso: parsed.iso, offsetMinutes: parsed.offsetMinutes, source: "received" };
  if (envelope) {
    const iso = parseEnvelopeDate(envelope.date);
    if (iso) return { iso, offsetMinutes: null, source: "envelope" };
  }
  sink.report("warning", "date-missing", "no usable date in the Date header, Received headers or envelope line");
  return { iso: null, offsetMinutes: null, source: "none" };
}

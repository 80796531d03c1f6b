// The processing order of threading: date (undated last), then Message-ID, then tiebreak; never input order.
import { compare as compareText } from "../report/diagnostics.ts";
import type { ThreadInput } from "./types.ts";

export function compareInputs(a: ThreadInput, b: ThreadInput): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return compareText(a.date, b.date);
  }
  return compareText(a.messageId, b.messageId) || compareText(a.tiebreak, b.tiebreak);
}

/** Input indexes in processing order. */
export function processingOrder(inputs: readonly ThreadInput[]): number[] {
  return inputs.map((_, i) => i).sort((x, y) => compareInputs(inputs[x]!, inputs[y]!) || x - y);
}

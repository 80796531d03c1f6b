// Orders shared by the index builders: ISO dates with undated last.
import { compare } from "../report/diagnostics.ts";

/** ISO 8601 UTC strings compare as text; null (undated) sorts after every date. */
export function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compare(a, b);
}

// Dates for readers: absolute, in UTC, with the sender's own offset when known.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2025-03-04 10:12 UTC` (and `(+01:00 sender)` when the offset is known and not zero). */
export function formatDate(iso: string | null, offsetMinutes: number | null = null): string {
  if (iso === null) return "date unknown";
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  if (offsetMinutes === null || offsetMinutes === 0) return base;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${base} (sender's time ${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")})`;
}

/** `March 2025` for a `YYYY-MM` key. */
export function formatMonth(key: string): string {
  const month = Number(key.slice(5, 7));
  return `${MONTHS[month - 1] ?? key} ${key.slice(0, 4)}`;
}

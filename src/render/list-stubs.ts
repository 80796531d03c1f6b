// What Mailman adds to bodies: pipermail's "next part" attachment stubs and the list footer.

/** Pipermail's separator before an attachment, in the languages Mailman 2 ships. */
const NEXT_PART =
  /^-{5,} ?(?:next part|nächster Teil|section suivante|parte successiva|próxima parte|parte siguiente|siguiente parte|volgend deel|nästa del|następna część|další část|следующая часть|次のパート) ?-{5,}\s*$/i;
/** Lines of the stub that replaces a scrubbed attachment (`A non-text attachment was scrubbed...`, `Name:`, `URL:` ...). */
const SCRUBBED = /^(?:An? [^\n]{0,60}was scrubbed|An embedded [^\n]{0,80}was scrubbed|Skipped content of type|(?:Name|Type|Size|Desc|Url|URL) ?: )/;
/** Mailman's line of underscores; ezmlm (Apache) uses dashes. */
const RULE = /^(?:_{20,}|-{40,})\s*$/;
const FOOTER_WORDS = /mailing list|listinfo|mailman|unsubscribe/i;
const MORE_INFORMATION = /^More information about the\s+\S+\s*$/;
const MAILING_LIST = /^mailing list\s*$/i;
// Pattern tests skip longer lines: none of these markers is long, and it keeps absurd lines cheap.
const MAX_MARKER = 200;

export function isNextPartMarker(line: string): boolean {
  return line.length <= MAX_MARKER && NEXT_PART.test(line);
}

/** End (exclusive) of the next-part stub starting at `i`: the marker and the scrubbed-attachment lines after it; -1 if none starts there. */
export function nextPartEnd(lines: readonly string[], i: number, end = lines.length): number {
  if (!isNextPartMarker(lines[i] ?? "")) return -1;
  let k = i + 1;
  while (k < end && lines[k]!.length <= MAX_MARKER && SCRUBBED.test(lines[k]!)) k++;
  return k;
}

/**
 * Whether a list footer starts at `i`: a line of underscores (Mailman) or dashes (ezmlm) with "mailing list", "listinfo" or
 * "unsubscribe" in the three lines under it, or pipermail's "More information about the X / mailing list".
 */
export function isListFooterStart(lines: readonly string[], i: number, end = lines.length): boolean {
  const line = lines[i] ?? "";
  if (line.length > MAX_MARKER) return false;
  if (MORE_INFORMATION.test(line)) return i + 1 < end && MAILING_LIST.test(lines[i + 1]!);
  if (!RULE.test(line)) return false;
  for (let k = i + 1; k < Math.min(end, i + 4); k++) if (lines[k]!.length <= MAX_MARKER && FOOTER_WORDS.test(lines[k]!)) return true;
  return false;
}

/** End (exclusive) of the list footer starting at `i`: up to the next next-part stub or `end`; -1 if none starts there. */
export function listFooterEnd(lines: readonly string[], i: number, end = lines.length): number {
  if (!isListFooterStart(lines, i, end)) return -1;
  if (MORE_INFORMATION.test(lines[i]!)) return i + 2;
  let k = i + 1;
  while (k < end && !isNextPartMarker(lines[k]!)) k++;
  return k;
}

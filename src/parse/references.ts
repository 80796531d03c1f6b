// References and In-Reply-To merged into one ancestor list, direct parent last.
import { extractMessageIds, normalizeMessageId } from "./message-id.ts";

export interface MergedReferences {
  /** Ancestor ids, oldest first, no duplicates, never the message's own id. */
  references: string[];
  /** The first usable In-Reply-To id, or null. */
  inReplyTo: string | null;
}

/**
 * Gmane's archive rewrote the local part of ids in In-Reply-To (`<9603.1277311877@redhat.com>`
 * became `<9603.1277311877-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>`) but left References alone.
 * Such an id is taken as the References id it was made from: same local part up to the `-`.
 */
function unmangleGmane(irt: string, refs: readonly string[]): string {
  const m = /^<(.+)-[^-@]+@public\.gmane\.org>$/i.exec(irt);
  if (!m) return irt;
  const local = m[1]!;
  for (let i = refs.length - 1; i >= 0; i--) {
    const ref = refs[i]!;
    if (ref.startsWith(`<${local}@`)) return ref;
  }
  return irt;
}

/**
 * The References ids in order, with the first usable In-Reply-To id appended when References
 * does not contain it at all (when it does, References' order is kept as written). Ids equal
 * to the message's own id are dropped from both, so a message never lists itself. An
 * In-Reply-To id rewritten by Gmane is taken as the References id it came from.
 */
export function mergeReferences(
  references: string | null,
  inReplyTo: string | null,
  ownId: string | null = null,
): MergedReferences {
  const own = ownId === null ? null : normalizeMessageId(ownId);
  const refs = (references === null ? [] : extractMessageIds(references)).filter((id) => id !== own);
  const written = (inReplyTo === null ? [] : extractMessageIds(inReplyTo)).find((id) => id !== own) ?? null;
  const irt = written === null ? null : unmangleGmane(written, refs);
  if (irt !== null && !refs.includes(irt)) refs.push(irt);
  return { references: refs, inReplyTo: irt };
}

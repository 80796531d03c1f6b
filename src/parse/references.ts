// References and In-Reply-To merged into one ancestor list, direct parent last.
import { extractMessageIds, normalizeMessageId } from "./message-id.ts";

export interface MergedReferences {
  /** Ancestor ids, oldest first, no duplicates, never the message's own id. */
  references: string[];
  /** The first usable In-Reply-To id, or null. */
  inReplyTo: string | null;
}

/**
 * The References ids in order, with the first usable In-Reply-To id appended when References
 * does not contain it at all (when it does, References' order is kept as written). Ids equal
 * to the message's own id are dropped from both, so a message never lists itself.
 */
export function mergeReferences(
  references: string | null,
  inReplyTo: string | null,
  ownId: string | null = null,
): MergedReferences {
  const own = ownId === null ? null : normalizeMessageId(ownId);
  const refs = (references === null ? [] : extractMessageIds(references)).filter((id) => id !== own);
  const irt = (inReplyTo === null ? [] : extractMessageIds(inReplyTo)).find((id) => id !== own) ?? null;
  if (irt !== null && !refs.includes(irt)) refs.push(irt);
  return { references: refs, inReplyTo: irt };
}

// jwz's linking over a whole list: one container per Message-ID, ghosts for ids referenced but not archived.
import { addChild, Container } from "./container.ts";
import type { ThreadInput, ThreadLinks } from "./types.ts";

export interface LinkedTable {
  /** One container per input, aligned with it. */
  containers: Container[];
  linkedBy: ThreadLinks["linkedBy"][];
  /** Per message: the id it names as parent whose link was refused because it made a loop, or null. */
  cut: (string | null)[];
}

/**
 * 1. Ownership: the first message of a Message-ID in processing order (earliest date, then the
 *    smaller tiebreak: the one with the plain permalink) owns its container; a later message
 *    sharing the id gets a container of its own that nothing can reply to by id, and when its
 *    own headers give it no parent it is placed under the owner, so one id is one thread.
 * 2. Ghost ancestry: each References chain links consecutive ids where the child is a ghost
 *    without a parent, so replies to a missing message share its (ghost) parent and thread.
 * 3. Own parent, from the message's own headers only: the In-Reply-To id when that message is
 *    archived, else the deepest archived References id (see deepestReference), else the
 *    In-Reply-To (or last reference) ghost. Done newest first, so in an In-Reply-To loop the
 *    earliest message stays the root.
 * Every link goes through addChild: no re-parenting, no loops, no self-references.
 */
export function linkParents(inputs: readonly ThreadInput[], order: readonly number[]): LinkedTable {
  const byId = new Map<string, Container>();
  const containers: Container[] = new Array(inputs.length);
  const linkedBy: ThreadLinks["linkedBy"][] = new Array(inputs.length).fill(null);
  const cut: (string | null)[] = new Array(inputs.length).fill(null);
  const get = (id: string): Container => {
    let c = byId.get(id);
    if (!c) byId.set(id, (c = new Container(id)));
    return c;
  };

  for (const i of order) {
    const id = inputs[i]!.messageId;
    const owned = get(id);
    const c = owned.isGhost ? owned : new Container(id);
    c.index = i;
    containers[i] = c;
  }

  for (const i of order) {
    const refs = inputs[i]!.references;
    for (let k = 0; k + 1 < refs.length; k++) {
      const child = get(refs[k + 1]!);
      if (child.isGhost && child.parent === null) addChild(get(refs[k]!), child);
    }
  }

  /** Links message `i` under the container of another message's `id`; false (and that link cut) when it would close a loop. */
  const link = (i: number, id: string, how: ThreadLinks["linkedBy"]): boolean => {
    if (addChild(get(id), containers[i]!)) {
      linkedBy[i] = how;
      return true;
    }
    if (cut[i] === null) cut[i] = id;
    return false;
  };
  for (let n = order.length - 1; n >= 0; n--) {
    const i = order[n]!;
    const m = inputs[i]!;
    const own = m.messageId;
    // The candidates in turn: the first that links without a loop; a loop falls back to the next
    // one. Tried as they are found, not gathered in a list first (a list a message).
    if (m.inReplyTo !== null && m.inReplyTo !== own && byId.get(m.inReplyTo)?.isGhost === false && link(i, m.inReplyTo, "in-reply-to")) continue;
    const deepest = deepestReference(m, inputs, byId);
    if (deepest !== null && link(i, deepest, deepest === m.inReplyTo ? "in-reply-to" : "references")) continue;
    const ghost = m.inReplyTo ?? m.references[m.references.length - 1] ?? null;
    if (ghost !== null && ghost !== own && link(i, ghost, ghost === m.inReplyTo ? "in-reply-to" : "references")) continue;
    const owner = byId.get(own)!;
    if (owner !== containers[i] && addChild(owner, containers[i]!)) linkedBy[i] = "message-id";
  }
  return { containers, linkedBy, cut };
}

/**
 * Among the archived ids of a message's References, the one deepest in the thread: the one whose
 * own References name the most of the others (its ancestors); ties go to the later position.
 * Most mailers list ancestors oldest first, so this is usually the last archived id, but some
 * write the direct parent first, and then only this finds it. Uses only the messages' headers,
 * so the answer never depends on processing order.
 */
function deepestReference(m: ThreadInput, inputs: readonly ThreadInput[], byId: Map<string, Container>): string | null {
  const isCandidate = (id: string) => id !== m.messageId && byId.get(id)?.isGhost === false;
  // Most messages name one archived id or none: no list is made for them.
  let only: string | null = null;
  let count = 0;
  for (const id of m.references) {
    if (!isCandidate(id)) continue;
    only = id;
    if (++count > 1) break;
  }
  if (count <= 1) return only;
  const candidates = m.references.filter(isCandidate);
  let best: string | null = null;
  let bestScore = -1;
  for (const id of candidates) {
    const theirs = inputs[byId.get(id)!.index!]!.references;
    let score = 0;
    for (const other of candidates) if (other !== id && theirs.includes(other)) score++;
    if (score >= bestScore) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}

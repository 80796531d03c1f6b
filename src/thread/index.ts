// Thread stage: each message's parent and thread root over a whole list, knowing nothing of HTML.
//
// Parent rule: the In-Reply-To id when that message is archived, else the latest References id
// that is. Loops (In-Reply-To cycles, self-references) are cut where they close. The thread is
// named after its topmost archived message. (Whole-list jwz threading with ghost roots and
// subject grouping is the threading stage's next step.)

export interface ThreadInput {
  messageId: string;
  /** In-Reply-To and References merged, the direct parent last. */
  references: string[];
  inReplyTo: string | null;
}

export interface ThreadLinks {
  parentId: string | null;
  threadId: string;
}

export function resolveThreads(messages: readonly ThreadInput[]): Map<string, ThreadLinks> {
  const archived = new Set(messages.map((m) => m.messageId));
  const parent = new Map<string, string | null>();
  for (const m of messages) {
    if (parent.has(m.messageId)) continue; // one node per Message-ID
    let p: string | null = null;
    if (m.inReplyTo && m.inReplyTo !== m.messageId && archived.has(m.inReplyTo)) p = m.inReplyTo;
    else {
      for (let i = m.references.length - 1; i >= 0; i--) {
        const ref = m.references[i]!;
        if (ref !== m.messageId && archived.has(ref)) {
          p = ref;
          break;
        }
      }
    }
    parent.set(m.messageId, p);
  }
  cutLoops(parent);
  const out = new Map<string, ThreadLinks>();
  const root = new Map<string, string>();
  for (const id of parent.keys()) {
    const chain: string[] = [];
    let cur = id;
    let top: string | undefined;
    for (;;) {
      top = root.get(cur);
      if (top !== undefined) break;
      chain.push(cur);
      const p = parent.get(cur) ?? null;
      if (p === null) {
        top = cur;
        break;
      }
      cur = p;
    }
    for (const c of chain) root.set(c, top);
    out.set(id, { parentId: parent.get(id) ?? null, threadId: top });
  }
  return out;
}

/** Removes the parent link that closes each cycle (the one found last when walking up), iteratively. */
function cutLoops(parent: Map<string, string | null>): void {
  const state = new Map<string, 1 | 2>(); // 1: on the current walk, 2: known to reach a root
  for (const start of parent.keys()) {
    const walk: string[] = [];
    let cur: string | null = start;
    while (cur !== null && state.get(cur) === undefined) {
      state.set(cur, 1);
      walk.push(cur);
      const next: string | null = parent.get(cur) ?? null;
      if (next !== null && state.get(next) === 1) {
        parent.set(cur, null);
        break;
      }
      cur = next;
    }
    for (const id of walk) state.set(id, 2);
  }
}

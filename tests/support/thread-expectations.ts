// Compares our parent links with the archivers' expected thread files in ../shared/corpus.
import { readFileSync } from "node:fs";
import type { MessageRecord } from "../../src/indexes/index.ts";

/** A record with the reply headers it was threaded by (records leave them out: see StoredMessages.head). */
export type ThreadedRecord = MessageRecord & { references: string[]; inReplyTo: string | null };

/** The records of a list with their reply headers, read back from the archive's parse cache. */
export function withHeaders(records: readonly MessageRecord[], head: (url: string) => { references: string[]; inReplyTo: string | null } | undefined): ThreadedRecord[] {
  return records.map((r) => {
    const h = head(r.url)!;
    return { ...r, references: h.references, inReplyTo: h.inReplyTo };
  });
}

interface ExpectedLine {
  message_id: string;
  parent_message_id: string | null;
  month?: string;
}

export interface Agreement {
  compared: number;
  agreed: number;
  /** Disagreements where the message's own headers side with us (see `justification`). */
  justified: number;
  /** Disagreements: id, expected parent, ours. */
  differences: { messageId: string; expected: string | null; ours: string | null; kind: string }[];
}

export function readExpected(path: string): ExpectedLine[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as ExpectedLine);
}

/** The pipermail month (`2005-March`) a record was read from. */
function monthOf(r: MessageRecord): string | null {
  const m = /(\d{4}-[A-Za-z]+)\.txt(?:\.gz)?$/.exec(r.sources[0]?.path ?? "");
  return m ? m[1]! : null;
}

/**
 * Parent agreement per Message-ID. With `sameMonth`, our parent counts only when it was read from
 * the same pipermail month (pipermail threads each month apart, so a reply to last month is a root).
 */
export function compareParents(records: readonly ThreadedRecord[], expected: readonly ExpectedLine[], sameMonth = false): Agreement {
  const byId = new Map<string, ThreadedRecord>();
  for (const r of records) if (!byId.has(r.messageId)) byId.set(r.messageId, r);
  const out: Agreement = { compared: 0, agreed: 0, justified: 0, differences: [] };
  const seen = new Set<string>();
  for (const e of expected) {
    if (seen.has(e.message_id)) continue;
    seen.add(e.message_id);
    const r = byId.get(e.message_id);
    if (!r) {
      out.differences.push({ messageId: e.message_id, expected: e.parent_message_id, ours: null, kind: "message not found" });
      out.compared++;
      continue;
    }
    let ours = r.parentId;
    if (sameMonth && ours !== null && monthOf(byId.get(ours)!) !== monthOf(r)) ours = null;
    out.compared++;
    if (ours === e.parent_message_id) out.agreed++;
    else {
      const why = justification(r, e.parent_message_id, ours, byId);
      if (why) out.justified++;
      out.differences.push({ messageId: e.message_id, expected: e.parent_message_id, ours, kind: why ?? classify(r, e.parent_message_id, ours, byId) });
    }
  }
  return out;
}

/**
 * Why a disagreement is the peer's mistake, judged from the message's own headers only; null when
 * the headers do not settle it.
 * - our parent is the message's In-Reply-To (Gmane's rewriting undone) and is archived;
 * - both parents are in the message's References and ours lists the peer's among its own
 *   References: ours is the nearer ancestor;
 * - the peer made it a root, its In-Reply-To is absent or not archived, and ours is an archived
 *   References id (pipermail reads In-Reply-To only).
 */
export function justification(r: ThreadedRecord, expected: string | null, ours: string | null, byId: Map<string, ThreadedRecord>): string | null {
  if (ours === null) return null;
  if (ours === r.inReplyTo) return "ours is the message's own In-Reply-To, archived (the peer did not follow it: Gmane rewrote it, or the parent came later)";
  const mine = byId.get(ours);
  if (expected !== null && r.references.includes(expected) && r.references.includes(ours) && mine?.references.includes(expected)) {
    return "both are ancestors in References; ours is the nearer one";
  }
  if (expected === null && r.references.includes(ours) && (r.inReplyTo === null || !byId.has(r.inReplyTo))) {
    return "In-Reply-To names a message not archived; ours comes from References (the peer reads In-Reply-To only)";
  }
  return null;
}

function classify(r: ThreadedRecord, expected: string | null, ours: string | null, byId: Map<string, ThreadedRecord>): string {
  if (expected === null && ours !== null) return "we link, the peer made it a root";
  if (expected !== null && ours === null) {
    if (!r.references.includes(expected)) return "peer links by something other than our headers (subject?)";
    return byId.has(expected) ? "we found no usable parent in the headers" : "the peer's parent is not in the archive";
  }
  if (expected !== null && !r.references.includes(expected)) return "peer's parent is not in this message's headers";
  return "both link, to different messages";
}

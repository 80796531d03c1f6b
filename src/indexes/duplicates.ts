// Duplicate Message-IDs: copies of one mail merge; different mails sharing an id each keep a permalink.
import { compare } from "../report/diagnostics.ts";
import { compareDates } from "./order.ts";
import type { MessageHead } from "../parse/types.ts";

export interface PublishedCopy<M extends MessageHead = MessageHead> {
  /** The copy whose fields are published: the earliest dated, then the first in path order. */
  message: M;
  /** Every place the same content was found, in path and index order. */
  copies: M[];
  /** null for the plain permalink; the content hash for the other contents of a shared id. */
  variant: string | null;
}

function bySource(a: MessageHead, b: MessageHead): number {
  return compare(a.locator.path, b.locator.path) || a.locator.index - b.locator.index;
}

/** Copies without a Date header take theirs from Received or envelope lines, which differ by export: the earliest wins. */
function byDateThenSource(a: MessageHead, b: MessageHead): number {
  return compareDates(a.date, b.date) || bySource(a, b);
}

/** Earliest date first (undated last), then the smaller content hash: never file order. */
function byDateThenHash(a: MessageHead, b: MessageHead): number {
  return compareDates(a.date, b.date) || compare(a.contentHash, b.contentHash);
}

/**
 * Groups messages by Message-ID, then by content hash (equal From, Date, Subject and decoded body).
 * One PublishedCopy per distinct content.
 */
export function mergeDuplicates<M extends MessageHead>(messages: M[]): PublishedCopy<M>[] {
  const byId = new Map<string, M[]>();
  for (const m of messages) {
    const same = byId.get(m.messageId);
    if (same) same.push(m);
    else byId.set(m.messageId, [m]);
  }
  const out: PublishedCopy<M>[] = [];
  for (const same of byId.values()) {
    // Most ids name one message: nothing to group or order.
    if (same.length === 1) {
      out.push({ message: same[0]!, copies: same, variant: null });
      continue;
    }
    const contents = new Map<string, M[]>();
    for (const m of same) {
      const copies = contents.get(m.contentHash);
      if (copies) copies.push(m);
      else contents.set(m.contentHash, [m]);
    }
    const groups = [...contents.values()].map((copies) => ({ message: [...copies].sort(byDateThenSource)[0]!, copies: copies.sort(bySource) }));
    groups.sort((a, b) => byDateThenHash(a.message, b.message));
    groups.forEach(({ message, copies }, i) => out.push({ message, copies, variant: i === 0 ? null : message.contentHash }));
  }
  return out;
}

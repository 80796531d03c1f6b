// Duplicate Message-IDs: copies of one mail merge; different mails sharing an id each keep a permalink.
import { compare } from "../report/diagnostics.ts";
import type { Message } from "../parse/types.ts";

export interface PublishedCopy {
  /** The copy whose fields are published (the first source in path order). */
  message: Message;
  /** Every place the same content was found, in path and index order. */
  copies: Message[];
  /** null for the plain permalink; the content hash for the other contents of a shared id. */
  variant: string | null;
}

function bySource(a: Message, b: Message): number {
  return compare(a.locator.path, b.locator.path) || a.locator.index - b.locator.index;
}

/** Earliest date first (undated last), then the smaller content hash: never file order. */
function byDateThenHash(a: Message, b: Message): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return compare(a.date, b.date);
  }
  return compare(a.contentHash, b.contentHash);
}

/**
 * Groups messages by Message-ID, then by content hash (equal From, Date, Subject and decoded body).
 * One PublishedCopy per distinct content.
 */
export function mergeDuplicates(messages: Message[]): PublishedCopy[] {
  const byId = new Map<string, Map<string, Message[]>>();
  for (const m of messages) {
    let contents = byId.get(m.messageId);
    if (!contents) byId.set(m.messageId, (contents = new Map()));
    const list = contents.get(m.contentHash);
    if (list) list.push(m);
    else contents.set(m.contentHash, [m]);
  }
  const out: PublishedCopy[] = [];
  for (const contents of byId.values()) {
    const groups = [...contents.values()].map((copies) => copies.sort(bySource));
    groups.sort((a, b) => byDateThenHash(a[0]!, b[0]!));
    groups.forEach((copies, i) => out.push({ message: copies[0]!, copies, variant: i === 0 ? null : copies[0]!.contentHash }));
  }
  return out;
}

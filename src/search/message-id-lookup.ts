// "Go to Message-ID": a static lookup from Message-ID to permalink, cut into 256 small files by a hash of the id.
import type { Archive } from "../archive/build-archive.ts";
import { lookupShard } from "./client/message-id-hash.js";

export { lookupShard };

/** Every published message's Message-ID and permalink, list by list, each list's chronologically. */
export function idEntries(archive: Archive): [messageId: string, url: string][] {
  return archive.lists.flatMap((list) => list.records.map((r): [string, string] => [r.messageId, r.url]));
}

/** File name (`ids/<xx>.json`) → `{ "<id>": "/list/m/.../" }`; an id in several lists keeps every permalink. `entries` as idEntries gives them. */
export function buildIdLookup(entries: Iterable<readonly [messageId: string, url: string]>): Map<string, Record<string, string[]>> {
  const files = new Map<string, Record<string, string[]>>();
  for (const [messageId, url] of entries) {
    const name = lookupShard(messageId);
    let file = files.get(name);
    if (!file) files.set(name, (file = {}));
    const urls = (file[messageId] ??= []);
    // Records are chronological: a message sharing its id with a later one keeps the first place.
    if (!urls.includes(url)) urls.push(url);
  }
  return files;
}

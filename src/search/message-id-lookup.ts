// "Go to Message-ID": a static lookup from Message-ID to permalink, cut into 256 small files by a hash of the id.
import type { Archive } from "../archive/build-archive.ts";
import { lookupShard } from "./client/message-id-hash.js";

export { lookupShard };

/** File name (`ids/<xx>.json`) → `{ "<id>": "/list/m/.../" }`; an id in several lists keeps every permalink. */
export function buildIdLookup(archive: Archive): Map<string, Record<string, string[]>> {
  const files = new Map<string, Record<string, string[]>>();
  for (const list of archive.lists) {
    for (const r of list.records) {
      const name = lookupShard(r.messageId);
      let file = files.get(name);
      if (!file) files.set(name, (file = {}));
      const urls = (file[r.messageId] ??= []);
      // Records are chronological: a message sharing its id with a later one keeps the first place.
      if (!urls.includes(r.url)) urls.push(r.url);
    }
  }
  return files;
}

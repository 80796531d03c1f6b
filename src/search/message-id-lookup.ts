// "Go to Message-ID": a static lookup from Message-ID to permalink, cut into 256 small files by a hash of the id.
import type { Archive } from "../archive/build-archive.ts";

/**
 * FNV-1a (32 bit) over the UTF-16 code units of `<id>`; the search page computes the same in
 * public/search.js. Not cryptographic: it only spreads ids over files, and works on plain-http hosts.
 */
export function lookupShard(messageId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) {
    h ^= messageId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) & 0xff).toString(16).padStart(2, "0");
}

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

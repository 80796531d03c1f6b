// "Go to Message-ID": which lookup file holds an id, computed alike by the builder and the search page.

/**
 * FNV-1a (32 bit) over the UTF-16 code units of `<id>`, low byte as two hex digits. Not
 * cryptographic: it only spreads ids over 256 files, and works on plain-http hosts.
 */
export function lookupShard(messageId) {
  let h = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) {
    h ^= messageId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) & 0xff).toString(16).padStart(2, "0");
}

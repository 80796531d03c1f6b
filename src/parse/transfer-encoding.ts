// Content-Transfer-Encoding: base64 and quoted-printable decoded tolerantly; anything else as is.

export function decodeTransferEncoding(encoding: string, bytes: Buffer): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case "base64":
      // Node skips characters outside the alphabet and stops at padding: tolerant of line noise.
      return Buffer.from(bytes.toString("latin1").replace(/[^A-Za-z0-9+/=_-]+/g, ""), "base64");
    case "quoted-printable":
      return decodeQuotedPrintable(bytes);
    default:
      return bytes;
  }
}

const HEX: Record<number, number> = {};
for (let i = 0; i < 16; i++) {
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
  HEX["0123456789abcdef".charCodeAt(i)] = i;
}

/** RFC 2045 quoted-printable: `=XX` escapes, soft line breaks `=\r?\n`, trailing blanks of lines kept as found. */
export function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x3d) {
      out[o++] = b;
      continue;
    }
    const h = HEX[bytes[i + 1] ?? -1];
    const l = HEX[bytes[i + 2] ?? -1];
    if (h !== undefined && l !== undefined) {
      out[o++] = h * 16 + l;
      i += 2;
      continue;
    }
    // Soft line break: `=` then optional blanks then CRLF or LF.
    let j = i + 1;
    while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
    if (bytes[j] === 0x0d && bytes[j + 1] === 0x0a) {
      i = j + 1;
    } else if (bytes[j] === 0x0a) {
      i = j;
    } else if (j >= bytes.length) {
      i = j;
    } else {
      out[o++] = b; // a lone `=` that escapes nothing stays
    }
  }
  return out.subarray(0, o);
}

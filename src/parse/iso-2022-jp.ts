// ISO-2022-JP decoding, which iconv-lite lacks (Japanese mail of the 1990s and 2000s).
import iconv from "iconv-lite";

const ESC = 0x1b;

/**
 * ISO-2022-JP, which iconv-lite lacks: escape sequences switch between ASCII/JIS-Roman,
 * JIS X 0208 (two bytes, decoded as EUC-JP by setting the high bit) and half-width katakana.
 */
export function decodeIso2022Jp(bytes: Buffer): string {
  type Mode = "ascii" | "jis0208" | "katakana";
  let mode: Mode = "ascii";
  let out = "";
  let run: number[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    out += mode === "ascii" ? Buffer.from(run).toString("latin1") : iconv.decode(Buffer.from(run), "euc-jp");
    run = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === ESC && i + 2 < bytes.length) {
      const b1 = bytes[i + 1];
      const b2 = bytes[i + 2];
      let next: Mode | null = null;
      if (b1 === 0x28 && (b2 === 0x42 || b2 === 0x4a)) next = "ascii"; // ESC ( B, ESC ( J
      else if (b1 === 0x24 && (b2 === 0x42 || b2 === 0x40)) next = "jis0208"; // ESC $ B, ESC $ @
      else if (b1 === 0x28 && b2 === 0x49) next = "katakana"; // ESC ( I
      if (next !== null) {
        flush();
        mode = next;
        i += 2;
        continue;
      }
    }
    if (b === 0x0a || b === 0x0d) {
      // A line break always returns to ASCII (RFC 1468).
      flush();
      mode = "ascii";
      run.push(b);
      continue;
    }
    if (mode === "jis0208") run.push(b >= 0x21 && b <= 0x7e ? b | 0x80 : b);
    else if (mode === "katakana") run.push(0x8e, b | 0x80);
    else run.push(b);
  }
  flush();
  return out;
}

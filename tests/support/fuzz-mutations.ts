// Mutations for the fuzz test: a real message's bytes bent the ways broken and hostile mail bends them, driven by a seeded PRNG.
import type { Prng } from "./prng.ts";

export interface Mutation {
  name: string;
  apply(bytes: Buffer, prng: Prng): Buffer;
}

/** End of the header block (the first blank line), or the whole message. */
function headerEnd(bytes: Buffer): number {
  const lf = bytes.indexOf("\n\n");
  const crlf = bytes.indexOf("\r\n\r\n");
  const ends = [lf, crlf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : bytes.length;
}

function headerLines(bytes: Buffer): { lines: Buffer[]; rest: Buffer } {
  const end = headerEnd(bytes);
  const text = bytes.subarray(0, end);
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = text.indexOf(10); nl !== -1; nl = text.indexOf(10, start)) {
    lines.push(text.subarray(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(Buffer.concat([text.subarray(start), Buffer.from("\n")]));
  return { lines, rest: bytes.subarray(end) };
}

const HOSTILE_HTML = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', '<a href="jav&#x61;script:alert(1)">x</a>',
  "<svg onload=alert(1)>", "<iframe src=//evil.example>", "<form action=//evil.example><input></form>", '<div style="display:none">hidden</div>',
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;\">",
  "<!--", "<![CDATA[", "</pre><script>", "<base href=//evil.example>", "<meta http-equiv=refresh content=0;url=//evil.example>",
  "\u202e", "&#x202E;", "<table><td>", "<p>", "</div></div></div>", "<a href=\"https://ok.example/\">ok</a>",
];

const insertAt = (bytes: Buffer, at: number, piece: Buffer) => Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);

export const MUTATIONS: Mutation[] = [
  {
    name: "flip bits",
    apply: (b, prng) => {
      const out = Buffer.from(b);
      for (let k = 0; k < 1 + prng.int(20) && out.length > 0; k++) out[prng.int(out.length)]! ^= 1 << prng.int(8);
      return out;
    },
  },
  { name: "truncate", apply: (b, prng) => b.subarray(0, prng.int(b.length + 1)) },
  {
    name: "insert NUL and 0xFF",
    apply: (b, prng) => {
      let out = b;
      for (let k = 0; k < 1 + prng.int(10); k++) out = insertAt(out, prng.int(out.length + 1), Buffer.from([prng.pick([0x00, 0xff, 0xfe, 0xc0, 0x0d])]));
      return out;
    },
  },
  {
    name: "duplicate a header line",
    apply: (b, prng) => {
      const { lines, rest } = headerLines(b);
      if (lines.length === 0) return b;
      const k = prng.int(lines.length);
      lines.splice(k, 0, lines[k]!);
      return Buffer.concat([...lines.slice(0, -1), lines.at(-1)!.subarray(0, -1), rest]);
    },
  },
  {
    name: "delete a header line",
    apply: (b, prng) => {
      const { lines, rest } = headerLines(b);
      if (lines.length < 2) return b;
      lines.splice(prng.int(lines.length - 1), 1);
      return Buffer.concat([...lines.slice(0, -1), lines.at(-1)!.subarray(0, -1), rest]);
    },
  },
  {
    name: "break a boundary",
    apply: (b, prng) => {
      const m = /boundary="?([^";\r\n]+)/i.exec(b.toString("latin1"));
      if (!m) return b;
      const text = b.toString("latin1");
      const uses = [...text.matchAll(new RegExp(`--${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(--)?`, "g"))];
      if (uses.length === 0) return b;
      const use = prng.pick(uses);
      const replacement = prng.pick(["", `--${m[1]}X`, `--${m[1]}--`, `--${m[1]}`]);
      return Buffer.from(text.slice(0, use.index) + replacement + text.slice(use.index! + use[0].length), "latin1");
    },
  },
  {
    name: "huge header",
    apply: (b, prng) => {
      const name = prng.pick(["Subject", "From", "References", "X-Junk", "Content-Type", "Message-ID"]);
      const unit = prng.pick(["a", "<x@y> ", "=?utf-8?b?PHNjcmlwdD4=?= ", "\u00e9", "\t\n "]);
      return Buffer.concat([Buffer.from(`${name}: ${unit.repeat(Math.ceil(100_000 / unit.length))}\n`), b]);
    },
  },
  {
    name: "nested multipart wrappers",
    apply: (b, prng) => {
      const depth = 1 + prng.int(60);
      const open = Array.from({ length: depth }, (_, k) => `Content-Type: multipart/${prng.pick(["mixed", "alternative", "related"])}; boundary="w${k}"\n\n--w${k}\n`).join("");
      const close = Array.from({ length: depth }, (_, k) => `\n--w${depth - 1 - k}--\n`).join("");
      return Buffer.concat([Buffer.from(`Message-ID: <wrapped@fuzz.example>\n${open}`), b, Buffer.from(close)]);
    },
  },
  {
    name: "hostile HTML body",
    apply: (b, prng) => {
      const end = headerEnd(b);
      const html = Array.from({ length: 1 + prng.int(12) }, () => prng.pick(HOSTILE_HTML)).join(prng.pick(["", " ", "\n"]));
      const headers = b.subarray(0, end).toString("latin1").replace(/^content-(type|transfer-encoding):.*(\r?\n[ \t].*)*\r?\n?/gim, "");
      return Buffer.concat([Buffer.from(`${headers}\nContent-Type: text/html; charset=utf-8\n\n${html}`, "latin1"), b.subarray(end)]);
    },
  },
  {
    name: "encoded words in headers",
    apply: (b, prng) => {
      const word = `=?${prng.pick(["utf-8", "iso-8859-1", "x-unknown", "utf-7", ""])}?${prng.pick(["b", "q", "x"])}?${prng.bytes(1 + prng.int(30)).toString("base64")}?=`;
      return Buffer.concat([Buffer.from(`${prng.pick(["Subject", "From", "Content-Disposition"])}: ${word} <a@b>; filename="${word}"\n`), b]);
    },
  },
  {
    name: "splice random bytes",
    apply: (b, prng) => insertAt(b, prng.int(b.length + 1), prng.bytes(1 + prng.int(200))),
  },
];

/** One to four mutations applied in turn; returns the bytes and the names, for a failure's report. */
export function mutate(bytes: Buffer, prng: Prng): { bytes: Buffer; applied: string[] } {
  let out = bytes;
  const applied: string[] = [];
  for (let k = 0; k < 1 + prng.int(4); k++) {
    const m = prng.pick(MUTATIONS);
    out = m.apply(out, prng);
    applied.push(m.name);
  }
  return { bytes: out, applied };
}

// The hostile content folder: tests/fixtures/hostile/content copied to a temporary folder, plus the generated cases.
//
// What is better generated than stored (binary, huge or unreadable) is written here, deterministically:
// the same call gives the same bytes. Everything goes under the list folder's `generated/`.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { PROJECT_ROOT } from "./corpus.ts";
import { createPrng } from "./prng.ts";

export const HOSTILE_FIXTURE = join(PROJECT_ROOT, "tests", "fixtures", "hostile", "content");
export const HOSTILE_LIST = "hostile";

export interface HostileContent {
  dir: string;
  /** Whether the chmod 000 file could still be read (running as root): it is then published, not reported. */
  unreadableIsReadable: boolean;
  /** Whether a named pipe could be made (mkfifo). */
  hasNamedPipe: boolean;
}

/** A message in mbox form: envelope line, then header lines, a blank line and the body. */
function mboxMessage(envelope: string, headers: string[], body: string): string {
  return [`From ${envelope}`, ...headers, "", body, ""].join("\n");
}

function header(id: string, subject: string, minute: number): string[] {
  return [
    "From: Generated Sender <generated@example.org>",
    `Date: Mon, 13 Jan 2025 05:${String(minute).padStart(2, "0")}:00 +0000`,
    `Subject: ${subject}`,
    `Message-ID: ${id}`,
  ];
}

/** A multipart message nested `depth` levels deep, a hostile leaf at the bottom. */
export function nestedMime(depth: number, id: string): string {
  const lines = [...header(id, `MIME nested ${depth} levels deep`, 10), "MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="b1"`, ""];
  for (let level = 1; level < depth; level++) {
    lines.push(`--b${level}`, `Content-Type: multipart/mixed; boundary="b${level + 1}"`, "");
  }
  lines.push(`--b${depth}`, "Content-Type: text/plain; charset=utf-8", "", `The leaf at depth ${depth}: <script>alert('deep')</script>`);
  lines.push(`--b${depth}`, "Content-Type: text/html", `Content-Disposition: attachment; filename="deep-${depth}.html"`, "", "<script>alert('deep attachment')</script>");
  for (let level = depth; level >= 1; level--) lines.push(`--b${level}--`);
  return lines.join("\n") + "\n";
}

/** Three messages; the gzip file is cut in the middle of the third one's body. */
export const TRUNCATED_MBOX = [
  mboxMessage("gz@example.org Mon Jan 13 05:20:00 2025", header("<gz-1@example.org>", "truncated gzip: first, complete", 20), "The first message is whole."),
  mboxMessage("gz@example.org Mon Jan 13 05:21:00 2025", header("<gz-2@example.org>", "truncated gzip: second, complete", 21), "The second message is whole."),
  mboxMessage("gz@example.org Mon Jan 13 05:22:00 2025", header("<gz-3@example.org>", "truncated gzip: third, cut short", 22), "The third message is cut somewhere in this sentence, which goes on for a while so the cut falls inside it."),
].join("\n");

/** Stored (level 0) deflate blocks: the decompressed bytes before the cut are exactly the file's first bytes. */
function truncatedGzip(text: string, keep: number): Buffer {
  const whole = gzipSync(Buffer.from(text), { level: 0 });
  return whole.subarray(0, 10 + 5 + keep); // gzip header, stored block header, `keep` bytes of data
}

function nulAndInvalidBytes(): Buffer {
  const b = (s: string) => Buffer.from(s, "latin1");
  const parts: Buffer[] = [
    b("From bytes@example.org Mon Jan 13 05:30:00 2025\n"),
    b("From: Bytes \x00Sender \xff\xfe <bytes@example.org>\n"),
    b("Date: Mon, 13 Jan 2025 05:30:00 +0000\n"),
    b("Subject: NUL\x00 and <scr\x00ipt>alert(1)</scr\x00ipt> and \xc0\xbc overlong\n"),
    b("Message-ID: <bytes-1@example.org>\n"),
    b("Content-Type: text/plain; charset=utf-8\n\n"),
    b("NUL \x00 in the body, 0xFF \xff, overlong < \xc0\xbc, a surrogate \xed\xa0\x80, past U+10FFFF \xf4\x90\x80\x80,\n"),
    b("an escape sequence \x1b[31mred\x1b[0m, DEL \x7f, form feed \x0c, vertical tab \x0b, <script>alert('bytes')</script>\n\n"),
    b("From bytes@example.org Mon Jan 13 05:31:00 2025\n"),
    b("From: Bytes Sender <bytes@example.org>\n"),
    b("Date: Mon, 13 Jan 2025 05:31:00 +0000\n"),
    b("Subject: NUL bytes inside HTML tags\n"),
    b("Message-ID: <bytes-2@example.org>\n"),
    b("Content-Type: text/html; charset=utf-8\n\n"),
    b("<scr\x00ipt>alert('nul tag')</script><a href=\"java\x00script:alert(1)\">nul in scheme</a><img src=x o\x00nerror=alert(1)>"),
    b("<p>\xff\xfe invalid bytes in HTML</p>\n\n"),
    b("From bytes@example.org Mon Jan 13 05:32:00 2025\n"),
    b("Sub\x00ject: a NUL in a header name\n"),
    b("From: Bytes Sender <bytes@example.org>\n"),
    b("Date: Mon, 13 Jan 2025 05:32:00 +0000\n"),
    b("Message-ID: <bytes\x00-3@example.org>\n\n"),
    b("A NUL in a header name and in the Message-ID.\n\n"),
    b("From bytes@example.org Mon Jan 13 05:33:00 2025\n"),
    b("From: Bytes Sender <bytes@example.org>\rSubject: bare CR line ends\rMessage-ID: <bytes-4@example.org>\r\rA message with bare CR line ends only.\r\n"),
  ];
  return Buffer.concat(parts);
}

/** Copies the hostile fixture to `dir` (created) and writes the generated cases into it. */
export function writeHostileContent(dir: string): HostileContent {
  cpSync(HOSTILE_FIXTURE, dir, { recursive: true });
  const gen = join(dir, HOSTILE_LIST, "generated");
  mkdirSync(gen, { recursive: true });
  const put = (name: string, content: string | Buffer) => writeFileSync(join(gen, name), content);

  const subject = "<script>alert('long subject')</script> ".repeat(Math.ceil((200 * 1024) / 39)).slice(0, 200 * 1024);
  put("subject-200kb.eml", [...header("<subject-200kb@example.org>", subject, 0), "", "A 200 KB subject.", ""].join("\n"));

  const longId = `<${"x".repeat(3000 - "<@example.org>".length)}@example.org>`;
  put(
    "message-id-3000-chars.mbox",
    mboxMessage("long@example.org Mon Jan 13 05:01:00 2025", header(longId, "a 3,000-character Message-ID", 1), "My Message-ID is 3,000 characters long.") +
      "\n" +
      mboxMessage("long@example.org Mon Jan 13 05:02:00 2025", [...header("<long-reply@example.org>", "Re: a 3,000-character Message-ID", 2), `In-Reply-To: ${longId}`, `References: ${longId}`], "A reply to it."),
  );
  put("mime-nested-60-deep.eml", nestedMime(60, "<nested-60@example.org>"));
  put("mime-nested-3000-deep.eml", nestedMime(3000, "<nested-3000@example.org>"));
  put("nul-and-invalid-bytes.mbox", nulAndInvalidBytes());

  const cut = TRUNCATED_MBOX.indexOf("cut somewhere") + 6;
  put("truncated.mbox.gz", truncatedGzip(TRUNCATED_MBOX, cut));
  const corrupt = Buffer.from(gzipSync(Buffer.from(mboxMessage("crc@example.org Mon Jan 13 05:25:00 2025", header("<crc-1@example.org>", "gzip with a bad checksum", 25), "All data is there; the checksum is wrong.")), { level: 0 }));
  corrupt[corrupt.length - 8]! ^= 0xff; // CRC-32 in the trailer
  put("bad-checksum.mbox.gz", corrupt);
  put("empty.mbox", "");
  put("empty.eml.gz", gzipSync(Buffer.alloc(0)));

  const prng = createPrng(0x5eed);
  const junk = prng.bytes(4096);
  junk[0] = 0x00; // never gzip's magic, never "From "
  put("binary-junk.dat", junk);

  const unreadable = join(gen, "unreadable.mbox");
  writeFileSync(unreadable, mboxMessage("locked@example.org Mon Jan 13 05:40:00 2025", header("<unreadable@example.org>", "a file nobody may read", 40), "Readable only by root."));
  chmodSync(unreadable, 0o000);
  let unreadableIsReadable = true;
  try {
    readFileSync(unreadable);
  } catch {
    unreadableIsReadable = false;
  }
  // A name that is not UTF-8: readdir gives U+FFFD in its place, so opening it fails, even for root.
  writeFileSync(Buffer.concat([Buffer.from(gen + "/"), Buffer.from("latin1-name-\xe9.eml", "latin1")]), [...header("<latin1-name@example.org>", "a file whose name is not UTF-8", 41), "", "x", ""].join("\n"));
  let hasNamedPipe = false;
  try {
    execFileSync("mkfifo", [join(gen, "named-pipe.mbox")], { stdio: "ignore" });
    hasNamedPipe = true;
  } catch {
    // no mkfifo on this machine: the case is left out
  }
  return { dir, unreadableIsReadable, hasNamedPipe };
}

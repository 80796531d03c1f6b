// The one conformance suite every ingest reader passes (unstorage's pattern): same messages in, same messages out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readers, chooseReader } from "../../src/ingest/readers.ts";
import { readListMessages, type ArchiveReader, type RawMessage } from "../../src/ingest/index.ts";
import { DEFAULT_LIST_SETTINGS } from "../../src/ingest/settings.ts";
import { Diagnostics, ignoreDiagnostics } from "../../src/report/diagnostics.ts";
import { writtenContent } from "../support/archive.ts";

interface Sample {
  sender: string;
  date: string;
  headers: string;
  body: string;
}

const SAMPLES: Sample[] = [
  {
    sender: "ana@example.org",
    date: "Tue Mar  4 10:12:33 2025",
    headers: "From: Ana Souza <ana@example.org>\nDate: Tue, 4 Mar 2025 10:12:33 +0100\nSubject: [tern-devel] Build fails on arm64\nMessage-ID: <a1@example.org>\n",
    body: "The nightly build fails:\n\nFrom what I understand, the linker is too old.\n> From the log: ld: unknown option\n",
  },
  {
    sender: "ivan@example.net",
    date: "Wed Mar  5 08:00:01 2025",
    headers: "From: Ivan Petrov <ivan@example.net>\nDate: Wed, 5 Mar 2025 08:00:01 +0300\nSubject: Re: [tern-devel] Build fails on arm64\nMessage-ID: <b2@example.net>\nIn-Reply-To: <a1@example.org>\n",
    body: "Which binutils?\n\nFrom 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b Mon Sep 17 00:00:00 2001\n",
  },
  {
    sender: "kim@example.com",
    date: "Thu Mar  6 23:59:59 2025",
    headers: "From: Kim Lee <kim@example.com>\nDate: Thu, 6 Mar 2025 23:59:59 +0900\nSubject: Re: [tern-devel] Build fails on arm64\nMessage-ID: <c3@example.com>\n",
    body: "binutils 2.30 here.\n",
  },
];

interface FormatFixture {
  reader: ArchiveReader;
  /** How many of the samples one file holds. */
  perFile: number;
  /** File path for the n-th file. */
  path(n: number): string;
  /** One file's bytes (LF line ends). */
  write(samples: Sample[]): string;
  /** The message bytes a reader must give for a sample (the header and body it was written from). */
  expected(s: Sample): string;
}

const obfuscate = (a: string) => a.replace("@", " at ");

const FIXTURES: FormatFixture[] = [
  {
    reader: readers.find((r) => r.format === "mbox")!,
    perFile: SAMPLES.length,
    path: () => "archive.mbox",
    write: (ss) => ss.map((s) => `From ${s.sender} ${s.date}\n${s.headers}\n${s.body.replace(/^(>*From )/gm, ">$1")}\n`).join(""),
    expected: (s) => `${s.headers}\n${s.body}`,
  },
  {
    reader: readers.find((r) => r.format === "pipermail")!,
    perFile: SAMPLES.length,
    path: () => "2025-March.txt",
    write: (ss) =>
      ss.map((s) => `From ${obfuscate(s.sender)}  ${s.date}\n${s.headers.replace(/^From: (.*) <(.*)>$/m, (_, n, a) => `From: ${obfuscate(a)} (${n})`)}\n${s.body}\n`).join(""),
    expected: (s) => `${s.headers.replace(/^From: (.*) <(.*)>$/m, (_, n, a) => `From: ${obfuscate(a)} (${n})`)}\n${s.body}`,
  },
  {
    reader: readers.find((r) => r.format === "maildir")!,
    perFile: 1,
    path: (n) => `inbox/cur/17410831${n}.M1P2.host:2,S`,
    write: ([s]) => `${s!.headers}\n${s!.body}`,
    expected: (s) => `${s.headers}\n${s.body}`,
  },
  {
    reader: readers.find((r) => r.format === "eml")!,
    perFile: 1,
    path: (n) => `messages/${n}.eml`,
    write: ([s]) => `${s!.headers}\n${s!.body}`,
    expected: (s) => `${s.headers}\n${s.body}`,
  },
];

async function readAll(reader: ArchiveReader, bytes: Buffer, path: string): Promise<RawMessage[]> {
  const out: RawMessage[] = [];
  async function* chunks() {
    // Odd chunk sizes, so line splitting across chunk edges is exercised.
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
  for await (const m of reader.read(chunks(), path, ignoreDiagnostics)) out.push(m);
  return out;
}

function files(f: FormatFixture, crlf = false): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (let i = 0; i < SAMPLES.length; i += f.perFile) {
    const text = f.write(SAMPLES.slice(i, i + f.perFile));
    out.push({ path: f.path(i), bytes: Buffer.from(crlf ? text.replace(/\n/g, "\r\n") : text) });
  }
  return out;
}

for (const f of FIXTURES) {
  const name = f.reader.format;

  test(`${name}: its own files are sniffed as ${name}, and no other reader claims them first`, () => {
    for (const { path, bytes } of files(f)) assert.equal(chooseReader(bytes, path)?.format, name);
  });

  test(`${name}: every message comes out once, in file order, with its index and byte offset`, async () => {
    const got: RawMessage[] = [];
    for (const { path, bytes } of files(f)) {
      const messages = await readAll(f.reader, bytes, path);
      messages.forEach((m, i) => {
        assert.equal(m.locator.index, i);
        assert.equal(m.locator.path, path);
        assert.equal(m.format, name);
        assert.ok(bytes.subarray(m.locator.offset).toString().startsWith(f.perFile > 1 ? "From " : m.bytes.toString().slice(0, 20)));
      });
      got.push(...messages);
    }
    assert.deepEqual(got.map((m) => m.bytes.toString()), SAMPLES.map((s) => f.expected(s)));
  });

  test(`${name}: CRLF line ends give the same messages with CRLF kept`, async () => {
    const got: string[] = [];
    for (const { path, bytes } of files(f, true)) for (const m of await readAll(f.reader, bytes, path)) got.push(m.bytes.toString());
    assert.deepEqual(got, SAMPLES.map((s) => f.expected(s).replace(/\n/g, "\r\n")));
  });

  test(`${name}: a gzip-compressed file, whatever its name, reads the same through the content walk`, async () => {
    const plain: Record<string, Buffer> = {};
    const zipped: Record<string, Buffer> = {};
    for (const { path, bytes } of files(f)) {
      plain[`list/${path}`] = bytes;
      zipped[`list/${path}.gz`] = gzipSync(bytes);
    }
    const read = async (content: Record<string, Buffer>) => {
      const dir = writtenContent(content);
      const out: string[] = [];
      const inputs: { format: string; gzip: boolean }[] = [];
      const list = { config: { id: "list", title: "list", address: "", descriptionMarkdown: "", settings: DEFAULT_LIST_SETTINGS, removed: [] }, dir: `${dir}/list` };
      for await (const m of readListMessages(list, new Diagnostics(), inputs as never)) out.push(m.bytes.toString());
      return { out, inputs };
    };
    const a = await read(plain);
    const b = await read(zipped);
    assert.deepEqual(b.out, a.out);
    assert.equal(a.out.length, SAMPLES.length);
    assert.ok(b.inputs.every((i) => i.gzip && i.format === name));
  });

  test(`${name}: an empty stream gives no message`, async () => {
    assert.deepEqual(await readAll(f.reader, Buffer.alloc(0), f.path(0)), []);
  });
}

test("a README, an HTML page and a JSON file in a list folder are skipped as not mail, with an info diagnostic each", async () => {
  const dir = writtenContent({
    "list/README.md": "# Notes\n\nThis folder holds the archive.\n",
    "list/index.html": "<!doctype html><title>x</title>",
    "list/data.json": '{"a": 1}\n',
    "list/picture.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    "list/one.eml": `${SAMPLES[0]!.headers}\n${SAMPLES[0]!.body}`,
  });
  const diagnostics = new Diagnostics();
  const inputs: never[] = [];
  const list = { config: { id: "list", title: "list", address: "", descriptionMarkdown: "", settings: DEFAULT_LIST_SETTINGS, removed: [] }, dir: `${dir}/list` };
  let n = 0;
  for await (const _ of readListMessages(list, diagnostics, inputs)) n++;
  assert.equal(n, 1);
  const notMail = diagnostics.items.filter((d) => d.code === "not-mail").map((d) => d.path).sort();
  assert.deepEqual(notMail, ["list/README.md", "list/data.json", "list/index.html", "list/picture.png"]);
  assert.ok(diagnostics.items.every((d) => d.severity === "info"));
});

test("mboxrd escaping is undone one level: >From becomes From, >>From becomes >From", async () => {
  const mbox = "From a@example.org Tue Mar  4 10:12:33 2025\nSubject: x\n\n>From here\n>>From there\n";
  const [m] = await readAll(readers.find((r) => r.format === "mbox")!, Buffer.from(mbox), "x.mbox");
  assert.equal(m!.bytes.toString(), "Subject: x\n\nFrom here\n>From there\n");
});

test("a pipermail body line 'From what I understand' after a blank line does not start a message", async () => {
  const text = "From a at example.org  Tue Mar  4 10:12:33 2025\nFrom: a at example.org (A)\nSubject: x\n\nhello\n\nFrom what I understand, no.\nFrom: is not a header here\n\n";
  const messages = await readAll(readers.find((r) => r.format === "pipermail")!, Buffer.from(text), "x.txt");
  assert.equal(messages.length, 1);
});

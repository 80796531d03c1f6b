// Damaged and odd files in a list folder: truncated and corrupt gzip, named pipes; every message read is accounted for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readListMessages, type ListInput } from "../../src/ingest/index.ts";
import { DEFAULT_LIST_SETTINGS } from "../../src/ingest/settings.ts";
import { Diagnostics } from "../../src/report/diagnostics.ts";
import { writtenContent } from "../support/archive.ts";
import { TRUNCATED_MBOX } from "../support/hostile-content.ts";

async function readList(files: Record<string, string | Buffer>, extra?: (listDir: string) => void) {
  const dir = writtenContent(files);
  extra?.(join(dir, "list"));
  const diagnostics = new Diagnostics();
  const inputs: ListInput[] = [];
  const list = { config: { id: "list", title: "list", address: "", descriptionMarkdown: "", settings: DEFAULT_LIST_SETTINGS, removed: [] }, dir: join(dir, "list") };
  const messages: string[] = [];
  for await (const m of readListMessages(list, diagnostics, inputs)) messages.push(m.bytes.toString());
  return { messages, diagnostics: diagnostics.sorted(), inputs };
}

test("a gzip file cut in the middle of a message still gives that message, reported as truncated with its file and index", async () => {
  const whole = gzipSync(Buffer.from(TRUNCATED_MBOX), { level: 0 });
  const cut = TRUNCATED_MBOX.indexOf("cut somewhere") + 6;
  const { messages, diagnostics, inputs } = await readList({ "list/archive.mbox.gz": whole.subarray(0, 10 + 5 + cut) });
  assert.equal(messages.length, 3);
  assert.match(messages[2]!, /The third message is cut so$/);
  assert.deepEqual(inputs.map((i) => i.messages), [3]);
  const file = diagnostics.find((d) => d.code === "file-truncated");
  assert.equal(file?.path, "list/archive.mbox.gz");
  assert.equal(file?.index, null);
  assert.match(file!.message, /unexpected end of file.*3 message/);
  const message = diagnostics.find((d) => d.code === "message-truncated");
  assert.deepEqual([message?.path, message?.index], ["list/archive.mbox.gz", 2]);
});

test("a gzip file with a bad checksum loses no data: every message before the trailer is read", async () => {
  const big = TRUNCATED_MBOX + "\n" + Array.from({ length: 3000 }, (_, i) => `From x@example.org Mon Jan 13 06:00:00 2025\nSubject: filler ${i}\n\nline ${i}\n`).join("\n");
  for (const level of [0, 6]) {
    const gz = Buffer.from(gzipSync(Buffer.from(big), { level }));
    gz[gz.length - 8]! ^= 0xff;
    const { messages, diagnostics } = await readList({ "list/archive.mbox.gz": gz });
    assert.equal(messages.length, 3003, `level ${level}`);
    assert.match(messages[3002]!, /filler 2999\n\nline 2999/);
    assert.ok(diagnostics.some((d) => d.code === "file-truncated" && /incorrect data check/.test(d.message)));
  }
});

test("a gzip file cut inside its header gives no message and one error naming the file", async () => {
  const { messages, diagnostics } = await readList({ "list/archive.mbox.gz": gzipSync(Buffer.from(TRUNCATED_MBOX)).subarray(0, 6), "list/ok.eml": "From: a@example.org\nSubject: ok\n\nok\n" });
  assert.equal(messages.length, 1);
  assert.deepEqual(
    diagnostics.filter((d) => d.path === "list/archive.mbox.gz").map((d) => [d.severity, d.code]),
    [["warning", "file-empty"]],
  );
});

test("a named pipe in a list folder is passed over with a note, never opened (which would wait forever)", async (t) => {
  let made = true;
  const { messages, diagnostics } = await readList({ "list/ok.eml": "From: a@example.org\nSubject: ok\n\nok\n" }, (dir) => {
    try {
      execFileSync("mkfifo", [join(dir, "pipe.mbox")], { stdio: "ignore" });
    } catch {
      made = false;
    }
  });
  if (!made) return t.skip("mkfifo is not available here");
  assert.equal(messages.length, 1);
  const note = diagnostics.find((d) => d.path === "list/pipe.mbox");
  assert.equal(note?.code, "file-skipped");
  assert.match(note!.message, /not a regular file/);
});

test("a gzip file cut short gives the same bytes on every read (zlib's last write is not lost by timing)", async () => {
  const text = TRUNCATED_MBOX + "\n" + Array.from({ length: 2000 }, (_, i) => `From x@example.org Mon Jan 13 06:00:00 2025\nSubject: filler ${i}\n\nline ${i}\n`).join("\n");
  for (const level of [0, 6]) {
    const gz = gzipSync(Buffer.from(text), { level });
    const cut = gz.subarray(0, gz.length - 100);
    const seen = new Set<string>();
    for (let k = 0; k < 12; k++) {
      const { messages } = await readList({ "list/archive.mbox.gz": cut });
      seen.add(`${messages.length}:${messages.at(-1)}`);
    }
    assert.equal(seen.size, 1, `level ${level}: ${[...seen].map((s) => s.slice(0, 40)).join(" | ")}`);
  }
});

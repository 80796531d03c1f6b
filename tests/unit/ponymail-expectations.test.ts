// Pony Mail's own parsing expectations (Message-ID, attachments, body hash) at every mbox index.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, createReadStream } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { mboxReader } from "../../src/ingest/mbox-reader.ts";
import { parseMessage, type Message } from "../../src/parse/index.ts";
import { ignoreDiagnostics } from "../../src/report/diagnostics.ts";
import { CORPUS, corpusSkip } from "../support/corpus.ts";

interface Expected {
  index: number;
  "message-id": string;
  body_sha3_256: string | null;
  foal?: string;
  "v0.10"?: string;
  attachments: null | { content_type: string; filename: string; hash: string; size: number }[];
}

const PONY = join(CORPUS, "ponymail-unit-tests");

/** Every (mbox file, expectations) pair; a null value takes the next key's expectations. */
function expectations(): [string, Expected[]][] {
  const out: [string, Expected[]][] = [];
  for (const file of readdirSync(join(PONY, "yaml")).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parseYaml(readFileSync(join(PONY, "yaml", file), "utf8")) as { parsing?: Record<string, Expected[] | null> };
    if (!doc.parsing) continue;
    const entries = Object.entries(doc.parsing);
    for (let i = 0; i < entries.length; i++) {
      let value = entries[i]![1];
      for (let j = i + 1; value === null && j < entries.length; j++) value = entries[j]![1];
      out.push([entries[i]![0], value ?? []]);
    }
  }
  return out;
}

async function parseMbox(path: string): Promise<Message[]> {
  const out: Message[] = [];
  const options = { fallbackCharset: "windows-1252", knownTags: [] };
  for await (const raw of mboxReader.read(createReadStream(path), path, ignoreDiagnostics)) out.push(await parseMessage(raw, options, ignoreDiagnostics));
  return out;
}

const sha3 = (text: string) => createHash("sha3-256").update(text, "utf8").digest("hex");

test("Pony Mail's Message-IDs, attachments and body hashes agree at every mbox index", { skip: corpusSkip }, async (t) => {
  let total = 0;
  let ids = 0;
  let attachments = 0;
  let bodies = 0;
  let compared = 0;
  let withAttachments = 0;
  const misses: string[] = [];
  for (const [file, expected] of expectations()) {
    const messages = await parseMbox(join(PONY, file));
    for (const e of expected) {
      total++;
      const m = messages[e.index];
      assert.ok(m, `${file}#${e.index} missing`);
      const wantId = e["message-id"].trim();
      if (wantId === "" ? m.syntheticId : m.messageId === wantId) ids++;
      else misses.push(`${file}#${e.index} id ${m.messageId} != ${wantId}`);
      if (e.attachments === null) continue; // "no expectation" entries (HTML-only without html2text)
      const got = m.attachments.map((a) => `${a.sha256}/${a.size}/${a.contentType}`).sort();
      const want = e.attachments.map((a) => `${a.hash}/${a.size}/${a.content_type}`).sort();
      withAttachments++;
      if (JSON.stringify(got) === JSON.stringify(want)) attachments++;
      else misses.push(`${file}#${e.index} attachments ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      const accepted = [e.body_sha3_256, e.foal, e["v0.10"]].filter(Boolean);
      if (accepted.length === 0) continue;
      compared++;
      if (accepted.includes(sha3(m.body.rawText)) || accepted.includes(sha3(m.body.text))) bodies++;
      else misses.push(`${file}#${e.index} body differs${m.body.flowed ? " (format=flowed)" : ""}${m.body.html !== null ? " (HTML only)" : ""}`);
    }
  }
  t.diagnostic(`Pony Mail agreement over ${total} messages: Message-ID ${ids}/${total}, attachments ${attachments}/${withAttachments}, body ${bodies}/${compared} (${((100 * bodies) / compared).toFixed(1)}%)`);
  for (const miss of misses) t.diagnostic(miss);
  assert.equal(ids, total, "Message-ID agreement");
  assert.equal(attachments, withAttachments, "attachment agreement");
  assert.ok(bodies / compared >= 0.98, `body agreement ${bodies}/${compared}`);
});

// The fuzz test's worker: real corpus messages, mutated, through ingest, parse and render; every step and problem is posted to the test.
import { parentPort, workerData } from "node:worker_threads";
import { join } from "node:path";
import { readListMessages, type ListInput, type RawMessage } from "../../src/ingest/index.ts";
import { chooseReader } from "../../src/ingest/readers.ts";
import { DEFAULT_LIST_SETTINGS } from "../../src/ingest/settings.ts";
import { parseMessage } from "../../src/parse/index.ts";
import { renderMessageBody } from "../../src/render/index.ts";
import { Diagnostics } from "../../src/report/diagnostics.ts";
import { CORPUS_LISTS } from "./corpus.ts";
import { mutate } from "./fuzz-mutations.ts";
import { findLiveMarkup } from "./inert-output.ts";
import { createPrng, type Prng } from "./prng.ts";

export interface FuzzJob {
  seed: number;
  iterations: number;
  corpus: string;
  /** A message taking longer than this (parse and render) is a failure. */
  perMessageMs: number;
}

export type FuzzReport =
  | { kind: "start"; iteration: number; source: string; applied: string[] }
  | { kind: "problem"; iteration: number; source: string; applied: string[]; problem: string }
  | { kind: "done"; iterations: number; messages: number; ms: number };

const job = workerData as FuzzJob;
const post = (report: FuzzReport) => parentPort!.postMessage(report);

/** Every message of the corpus lists (split only, not parsed), in file order. */
async function readCorpus(): Promise<RawMessage[]> {
  const out: RawMessage[] = [];
  for (const { folder } of CORPUS_LISTS) {
    const list = { config: { id: folder, title: folder, address: "", descriptionMarkdown: "", settings: DEFAULT_LIST_SETTINGS, removed: [] }, dir: join(job.corpus, folder) };
    const inputs: ListInput[] = [];
    for await (const raw of readListMessages(list, new Diagnostics(), inputs)) out.push({ ...raw, locator: { ...raw.locator, path: `${folder}/${raw.locator.path}` } });
  }
  return out;
}

/** The file's bytes in chunks of random sizes, as a stream would hand them over. */
async function* chunked(bytes: Buffer, prng: Prng): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + prng.int(prng.next() < 0.5 ? 64 : 65536);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** The mutated message as an mbox file or a single message, through the reader its content picks. */
async function ingest(bytes: Buffer, prng: Prng, sink: Diagnostics): Promise<RawMessage[]> {
  const asMbox = prng.next() < 0.5;
  const file = asMbox ? Buffer.concat([Buffer.from("From fuzz@example.org Mon Jan 13 05:00:00 2025\n"), bytes]) : bytes;
  const path = asMbox ? "fuzz.mbox" : "fuzz.eml";
  const reader = chooseReader(file.subarray(0, 8192), path);
  if (!reader) return [{ bytes, locator: { path, index: 0, offset: 0 }, format: "eml", envelope: null }];
  const out: RawMessage[] = [];
  for await (const raw of reader.read(chunked(file, prng), path, sink.at(path, null))) out.push(raw);
  return out;
}

function checkAttachmentName(name: string): string | null {
  if (name === "" || /[/\\\u0000-\u001f<>:"|?*\u202a-\u202e\u2066-\u2069]/.test(name) || /^\./.test(name)) return `unsafe attachment name ${JSON.stringify(name)}`;
  return null;
}

const started = performance.now();
const all = await readCorpus();
const prng = createPrng(job.seed);
let messages = 0;
for (let iteration = 0; iteration < job.iterations; iteration++) {
  const original = prng.pick(all);
  const source = `${original.locator.path}#${original.locator.index}`;
  const { bytes, applied } = mutate(original.bytes, prng);
  post({ kind: "start", iteration, source, applied });
  const problem = (text: string) => post({ kind: "problem", iteration, source, applied, problem: text });
  try {
    const diagnostics = new Diagnostics();
    for (const raw of await ingest(bytes, prng, diagnostics)) {
      messages++;
      const t = performance.now();
      const message = await parseMessage(raw, { fallbackCharset: "windows-1252", knownTags: ["fuzz"] }, diagnostics.at(raw.locator.path, raw.locator.index));
      const html = renderMessageBody(message.body, { privacy: prng.pick(["obfuscate", "show", "hide"] as const) });
      const ms = performance.now() - t;
      if (ms > job.perMessageMs) problem(`parse and render took ${Math.round(ms)} ms`);
      if (typeof html !== "string" || html.length === 0) problem("render gave no HTML");
      for (const p of findLiveMarkup(html, { pathPrefix: "/", searchPage: false }).slice(0, 3)) problem(`live markup: ${p}`);
      for (const a of message.attachments) {
        const bad = checkAttachmentName(a.filename);
        if (bad) problem(bad);
      }
      if (typeof message.subject !== "string" || typeof message.from.name !== "string" || !message.messageId.startsWith("<")) problem("a field of the message is not what its type says");
    }
  } catch (e) {
    problem(`exception: ${(e as Error).stack ?? String(e)}`);
  }
}
post({ kind: "done", iterations: job.iterations, messages, ms: performance.now() - started });

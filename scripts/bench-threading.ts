// Threading benchmark: real thread shapes from ../shared/corpus replicated to 10k, 100k and 200k messages.
// Run: node --import tsx scripts/bench-threading.ts   (not part of npm test)
import { join } from "node:path";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { buildArchive } from "../src/archive/build-archive.ts";
import { threadMessages, type ThreadInput } from "../src/thread/index.ts";

const corpus = process.env.LISTARCHIVE_CORPUS ?? fileURLToPath(new URL("../../shared/corpus", import.meta.url));
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus}`);
  process.exit(1);
}
const content = mkdtempSync(join(tmpdir(), "bench-threading-"));
for (const [id, folder] of [["fetchmail", "berlios-fetchmail-devel"], ["maven", "ponymail-unit-tests"], ["lkml", "notmuch/corpora/lkml"]]) {
  symlinkSync(join(corpus, folder!), join(content, id!));
}
const archive = await buildArchive(content, { writeAttachment: async () => {} });
const seed: ThreadInput[] = archive.lists.flatMap((l) =>
  l.records.map((r) => ({
    messageId: r.messageId,
    references: r.references,
    inReplyTo: r.inReplyTo,
    date: r.date,
    baseSubject: r.baseSubject,
    subjectIsReply: false,
    tiebreak: r.contentHash,
  })),
);

/** Copy k of the seed: every id rewritten (so thread shapes stay), dates shifted by k weeks. */
function replicate(n: number): ThreadInput[] {
  const out: ThreadInput[] = [];
  const rename = (id: string, k: number) => id.replace(/@/, `.r${k}@`);
  for (let k = 0; out.length < n; k++) {
    for (const m of seed) {
      if (out.length >= n) break;
      out.push({
        ...m,
        messageId: rename(m.messageId, k),
        references: m.references.map((r) => rename(r, k)),
        inReplyTo: m.inReplyTo === null ? null : rename(m.inReplyTo, k),
        date: m.date === null ? null : new Date(Date.parse(m.date) + k * 7 * 86_400_000).toISOString(),
      });
    }
  }
  return out;
}

console.log(`seed: ${seed.length} real messages; median of 3 runs each`);
console.log("messages  ms      ms per 1k  threads");
for (const n of [10_000, 100_000, 200_000]) {
  const inputs = replicate(n);
  const times: number[] = [];
  let threads = 0;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    threads = threadMessages(inputs).trees.length;
    times.push(performance.now() - t);
  }
  const ms = times.sort((a, b) => a - b)[1]!;
  console.log(`${String(n).padEnd(9)} ${ms.toFixed(0).padEnd(7)} ${((ms / n) * 1000).toFixed(1).padEnd(10)} ${threads}`);
}

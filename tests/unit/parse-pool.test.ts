// Parsing on worker threads: the same messages, diagnostics and order as parsing on the main thread.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { deserialize } from "node:v8";
import { ParsePool } from "../../src/archive/parse-pool.ts";
import { readContent, readListMessages } from "../../src/ingest/index.ts";
import { parseToParts, partsOrThrow } from "../../src/archive/archived-message.ts";
import { BODY, HEAD, HTML, partOf, TERMS, TEXT, type MessageParts } from "../../src/archive/message-parts.ts";
import { Diagnostics } from "../../src/report/diagnostics.ts";
import { linkedContent } from "../support/archive.ts";
import { CORPUS, HAVE_CORPUS, PROJECT_ROOT } from "../support/corpus.ts";

async function compare(contentDir: string): Promise<number> {
  const { lists } = await readContent(contentDir);
  const pool = new ParsePool(2);
  let n = 0;
  try {
    for (const list of lists) {
      const options = { fallbackCharset: list.config.settings.fallbackCharset, knownTags: [list.config.id], privacy: list.config.settings.privacy };
      const jobs: Promise<void>[] = [];
      for await (const raw of readListMessages(list, new Diagnostics(), [])) {
        // Parsed here into the parts the cache stores (what parsing reported is in the head part).
        const expected = await parseToParts(raw, options);
        const here: string[] = [];
        let expectedParts: MessageParts | null = null;
        try {
          expectedParts = partsOrThrow(expected, { report: (s, c, m) => here.push(`${s} ${c} ${m}`) });
        } catch {
          // a failure: the worker must fail alike
        }
        const there: string[] = [];
        jobs.push(
          pool.parse(raw, options, { report: (s, c, m) => there.push(`${s} ${c} ${m}`) }).then(
            (parts) => {
              const at = `${list.config.id}/${raw.locator.path} #${raw.locator.index}`;
              assert.ok(expectedParts, `${at} parsed there, not here`);
              // V8 may write an empty array either way (dense or sparse): the serialised body is compared read back.
              assert.ok(isDeepStrictEqual(deserialize(partOf(parts, BODY)), deserialize(partOf(expectedParts, BODY))), `${at} parsed alike (part ${BODY})`);
              for (const part of [HEAD, TEXT, HTML, TERMS]) assert.ok(Buffer.from(partOf(parts, part)).equals(Buffer.from(partOf(expectedParts, part))), `${at} parsed alike (part ${part})`);
            },
            () => {
              assert.equal(expectedParts, null, `${raw.locator.path} #${raw.locator.index} failed there, not here`);
              assert.deepEqual(there, here);
            },
          ),
        );
        n++;
      }
      pool.flush();
      await Promise.all(jobs);
    }
  } finally {
    await pool.close();
  }
  return n;
}

test("the sample parsed on worker threads gives the messages and diagnostics parsed here", async () => {
  assert.equal(await compare(join(PROJECT_ROOT, "content")), 68);
});

test("a corpus list parsed on worker threads gives the messages parsed here, each to its own raw message", { skip: HAVE_CORPUS ? false : "../shared/corpus not found" }, async () => {
  // Batches finish out of order (parsing awaits): answers must still reach the message asked.
  assert.equal(await compare(linkedContent({ fetchmail: join(CORPUS, "berlios-fetchmail-devel") })), 1656);
});

test("a pool says when a worker has started, so the caller parses meanwhile rather than waiting", async () => {
  const pool = new ParsePool(1);
  try {
    assert.equal(pool.ready, false, "a worker takes a while to load its modules");
    const started = Date.now();
    while (!pool.ready && Date.now() - started < 30_000) await new Promise((next) => setTimeout(next, 10));
    assert.equal(pool.ready, true);
  } finally {
    await pool.close();
  }
});

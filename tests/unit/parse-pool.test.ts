// Parsing on worker threads: the same messages, diagnostics and order as parsing on the main thread.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { ParsePool } from "../../src/archive/parse-pool.ts";
import { readContent, readListMessages } from "../../src/ingest/index.ts";
import { parseForArchive } from "../../src/archive/archived-message.ts";
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
        const here: string[] = [];
        const there: string[] = [];
        const expected = await parseForArchive(raw, options, { report: (s, c, m) => here.push(`${s} ${c} ${m}`) });
        jobs.push(
          pool.parse(raw, options, { report: (s, c, m) => there.push(`${s} ${c} ${m}`) }).then((message) => {
            assert.ok(isDeepStrictEqual(message, expected), `${list.config.id}/${raw.locator.path} #${raw.locator.index} parsed alike`);
            assert.deepEqual(there, here);
          }),
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

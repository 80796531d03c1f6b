// A link check over builds of the sample and of the whole shared corpus: every internal link and #anchor resolves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { CORPUS, CORPUS_LISTS, PROJECT_ROOT, corpusSkip } from "../support/corpus.ts";
import { linkedContent, tempDir } from "../support/archive.ts";
import { runCli } from "../support/cli.ts";
import { checkLinks } from "../support/link-check.ts";

test("every internal link and anchor of the sample site resolves", () => {
  const out = tempDir();
  assert.equal(runCli([`--content=${join(PROJECT_ROOT, "content")}`, `--output=${out}`, "--quiet"]).status, 0);
  const result = checkLinks(out);
  assert.ok(result.pages > 100 && result.links > 1000, `${result.pages} pages, ${result.links} links`);
  assert.deepEqual(result.broken.slice(0, 10), []);
});

test("every internal link and anchor of the whole shared corpus, built under a sub-path, resolves", { skip: corpusSkip }, (t) => {
  const content = linkedContent(Object.fromEntries(CORPUS_LISTS.map((c) => [c.folder, join(CORPUS, c.folder)])));
  writeFileSync(join(content, "site.json"), JSON.stringify({ title: "Corpus", baseUrl: "https://archive.example.org/lists/" }));
  const out = tempDir();
  const r = runCli([`--content=${content}`, `--output=${out}`, "--quiet"]);
  assert.equal(r.status, 0, r.stderr);
  const result = checkLinks(out, "/lists/");
  t.diagnostic(`${result.pages} pages, ${result.links} internal links checked, ${result.broken.length} broken`);
  assert.deepEqual(result.broken.slice(0, 10), []);
});

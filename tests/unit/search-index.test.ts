// The static search index: the shared tokenizer, the binary term format, and an index of the sample read back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { forEachTerm, queryTerms, MAX_TERM_LENGTH } from "../../src/search/client/tokenize.js";
import { AUTHOR_TERM, LIST_TERM, decodeChunk, encodeChunk, encodeTerm } from "../../src/search/client/index-format.js";
import { buildSearchIndex, CHUNK_BYTES } from "../../src/search/build-index.ts";
import { buildSearchDocs } from "../../src/search/records.ts";
import { encodeDocTerms, forEachDocTerm } from "../../src/search/doc-terms.ts";
import { openIndex, runQuery } from "../../src/search/client/query.js";
import { archiveOf } from "../support/archive.ts";
import { PROJECT_ROOT } from "../support/corpus.ts";

const terms = (text: string) => {
  const out: [string, string][] = [];
  forEachTerm(text, (term, start, end) => out.push([term, text.slice(start, end)]));
  return out;
};

test("words are folded to lower case without accents, and keep their offsets in the original text", () => {
  assert.deepEqual(terms("Héllo WORLD, naïve ﬁle über-cool x2"), [
    ["hello", "Héllo"],
    ["world", "WORLD"],
    ["naive", "naïve"],
    ["file", "ﬁle"],
    ["uber", "über"],
    ["cool", "cool"],
    ["x2", "x2"],
  ]);
  assert.deepEqual(terms("Привет, МИР"), [["привет", "Привет"], ["мир", "МИР"]]);
  // A decomposed accent (e + U+0301) is one word, as the composed one is.
  assert.deepEqual(terms("cafe\u0301"), [["cafe", "cafe\u0301"]]);
});

test("Chinese and Japanese runs become overlapping character pairs, and overlong runs are not words", () => {
  assert.deepEqual(terms("東京都に"), [["東京", "東京"], ["京都", "京都"], ["都に", "都に"]]);
  assert.deepEqual(terms("版本v2发布"), [["版本", "版本"], ["v2", "v2"], ["发布", "发布"]]);
  assert.deepEqual(terms("字"), [["字", "字"]]);
  assert.deepEqual(terms(`a ${"f".repeat(MAX_TERM_LENGTH + 1)} b`).map(([t]) => t), ["a", "b"]);
  assert.deepEqual(queryTerms('"The the" THE <tag>'), ["the", "tag"]);
});

test("a term's postings read back as written, in list form and in bitmap form", () => {
  const sparse = encodeTerm("rare", [3, 70_000, 1_000_000], [255, 1, 17]);
  const denseDocs = Array.from({ length: 5000 }, (_, i) => 100 + i * 2);
  const dense = encodeTerm("common", denseDocs, denseDocs.map(() => 40));
  const decoded = decodeChunk(encodeChunk([sparse, dense]));
  assert.deepEqual(decoded.map((t) => [t.term, t.df]), [["rare", 3], ["common", 5000]]);
  const walk = (i: number) => {
    const out: [number, number][] = [];
    decoded[i]!.forEach((doc, impact) => out.push([doc, impact]));
    return out;
  };
  assert.deepEqual(walk(0), [[3, 255], [70_000, 1], [1_000_000, 17]]);
  assert.deepEqual(walk(1), denseDocs.map((d) => [d, 40]));
  assert.ok(dense.length < 10_000 / 8 + 32, `a dense term is a bitmap (${dense.length} bytes)`);
});

test("the sample's index finds every word of every message in that message, with list and author filters", async () => {
  const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
  const docs = buildSearchDocs(archive);
  const index = buildSearchIndex(docs, archive.lists.map((l) => ({ id: l.config.id, title: l.config.title })));
  const { manifest, files } = index;
  assert.equal(manifest.docs, docs.length);

  // One segment (the sample is small); its chunks are in order, each starting with the term the
  // manifest names, none far over the cap.
  assert.deepEqual(manifest.segments.map((s) => [s.start, s.docs]), [[0, docs.length]]);
  const postings = new Map<string, Map<number, number>>();
  let previous = "";
  for (const [i, first] of manifest.segments[0]!.chunks.entries()) {
    const raw = gunzipSync(files.get(`/search/terms/0-${i}.bin`)!);
    const decoded = decodeChunk(raw);
    assert.equal(decoded[0]!.term, first);
    assert.ok(decoded.length === 1 || raw.length <= CHUNK_BYTES + 64, `chunk ${i} is ${raw.length} bytes`);
    for (const t of decoded) {
      assert.ok(t.term > previous, `${t.term} sorts after ${previous}`);
      previous = t.term;
      const docsOf = new Map<number, number>();
      t.forEach((doc, impact) => docsOf.set(doc, impact));
      assert.equal(docsOf.size, t.df);
      postings.set(t.term, docsOf);
    }
  }
  assert.equal(postings.size, index.terms);

  for (const [id, d] of docs.entries()) {
    forEachTerm(`${d.subject}\n${d.text}`, (term) => assert.ok(postings.get(term)?.has(id), `${term} finds ${d.url}`));
    assert.ok(postings.get(LIST_TERM + d.listId)!.has(id));
    forEachTerm(d.author, (term) => assert.ok(postings.get(AUTHOR_TERM + term)!.has(id)));
    // The document file holds what the hit shows.
    const file = JSON.parse(gunzipSync(files.get(`/search/docs/${Math.floor(id / manifest.docsPerFile)}.bin`)!).toString("utf8"));
    assert.deepEqual(file[id % manifest.docsPerFile], [d.url, d.subject, d.thread, d.threadUrl, d.author, d.date, d.listId, d.permalink, d.text]);
  }
  // Years are runs of documents covering them all, in order.
  let next = 0;
  for (const [year, from, to] of manifest.years) {
    assert.equal(from, next);
    for (let id = from; id < to; id++) assert.equal(docs[id]!.date ? docs[id]!.date.slice(0, 4) : "undated", year);
    next = to;
  }
  assert.equal(next, docs.length);
});

test("the same archive gives byte-identical index files", async () => {
  const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
  const lists = archive.lists.map((l) => ({ id: l.config.id, title: l.config.title }));
  const a = buildSearchIndex(buildSearchDocs(archive), lists);
  const b = buildSearchIndex(buildSearchDocs(archive), lists);
  assert.deepEqual(a.manifest, b.manifest);
  assert.deepEqual([...a.files.keys()], [...b.files.keys()]);
  for (const [path, bytes] of a.files) assert.ok(bytes.equals(b.files.get(path)!), path);
});

test("a text's word counts, as cached with its message, read back as the tokenizer counts them", () => {
  const text = "Héllo hello WORLD\n東京都 x2 hello";
  const counts = new Map<string, number>();
  let n = 0;
  forEachTerm(text, (term) => {
    counts.set(term, (counts.get(term) ?? 0) + 1);
    n++;
  });
  const read = new Map<string, number>();
  const length = forEachDocTerm(encodeDocTerms(text), (term, count) => read.set(term, count));
  assert.equal(length, n);
  assert.deepEqual([...read], [...counts]);
  assert.deepEqual([...read], [["hello", 3], ["world", 1], ["東京", 1], ["京都", 1], ["x2", 1]]);
  assert.equal(forEachDocTerm(encodeDocTerms(""), () => assert.fail("no words")), 0);
});

test("the index made from the word counts cached at parse time is byte-identical to one made by tokenizing the texts", async () => {
  const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
  const lists = archive.lists.map((l) => ({ id: l.config.id, title: l.config.title }));
  const cached = buildSearchDocs(archive);
  assert.ok(cached.every((d) => typeof d.terms === "string"), "every document has its counts from the parse cache");
  const tokenized = cached.map(({ terms: _, ...d }) => d);
  const a = buildSearchIndex(cached, lists);
  const b = buildSearchIndex(tokenized, lists);
  assert.deepEqual(a.manifest, b.manifest);
  assert.deepEqual([...a.files.keys()], [...b.files.keys()]);
  for (const [path, bytes] of a.files) assert.ok(bytes.equals(b.files.get(path)!), path);
});

test("a word in the subject weighs more than the same word once in the body, and a short message more than a long one", () => {
  const doc = (url: string, subject: string, text: string) => ({ url, subject, text, thread: "", threadUrl: "", author: "Ana", date: "2024-01-01T00:00:00Z", listId: "dev", permalink: url });
  const filler = "other words here to make a body of some length".repeat(3);
  const { files } = buildSearchIndex(
    [doc("/a", "kestrel release", filler), doc("/b", "release", `kestrel ${filler}`), doc("/c", "release", `kestrel ${filler.repeat(10)}`)],
    [{ id: "dev", title: "Dev" }],
  );
  const impacts = new Map<number, number>();
  for (const [path, bytes] of files) {
    if (!path.startsWith("/search/terms/")) continue;
    for (const t of decodeChunk(gunzipSync(bytes))) if (t.term === "kestrel") t.forEach((d, impact) => impacts.set(d, impact));
  }
  assert.ok(impacts.get(0)! > impacts.get(1)!, `subject ${impacts.get(0)} > body ${impacts.get(1)}`);
  assert.ok(impacts.get(1)! > impacts.get(2)!, `short ${impacts.get(1)} > long ${impacts.get(2)}`);
});

for (const [segmentMin, how] of [[undefined, "one segment"], [8, "segments of 8 and more documents"]] as const) {
  test(`the page's query engine, run on the sample's index files in ${how}, finds exactly the messages holding every word, within each filter`, async () => {
    const { archive } = await archiveOf(join(PROJECT_ROOT, "content"));
    const docs = buildSearchDocs(archive);
    const { manifest, files } = buildSearchIndex(docs, archive.lists.map((l) => ({ id: l.config.id, title: l.config.title })), { segmentMin });
    assert.equal(manifest.segments.length > 1, segmentMin !== undefined, `${manifest.segments.length} segments of ${docs.length} documents`);
    const index = openIndex(manifest, async (path) => files.get(`/${path}`)!);
    const termsOf = docs.map((d) => {
      const set = new Set<string>();
      forEachTerm(`${d.subject}\n${d.text}`, (t) => set.add(t));
      return set;
    });
    const holds = (doc: number, word: string) => termsOf[doc]!.has(word) || (word.length >= 3 && [...termsOf[doc]!].some((t) => t.startsWith(word)));
    // Words from the sample's messages, every fifth message, one to three at a time.
    let queries = 0;
    for (let i = 0; i < docs.length; i += 5) {
      const own = [...termsOf[i]!].filter((t) => /^[a-z]{4,}$/.test(t));
      for (const n of [1, 2, 3]) {
        const words = own.slice(n, n * 2 + 1).slice(0, n);
        if (words.length < n) continue;
        for (const filters of [{}, { list: docs[i]!.listId }, { year: docs[i]!.date.slice(0, 4) || "undated" }, { author: docs[i]!.author }, { sort: "date" as const }]) {
          const { ids } = await runQuery(index, words, filters);
          const expected = docs
            .map((d, id) => id)
            .filter((id) => words.every((w) => holds(id, w)))
            .filter((id) => !("list" in filters) || docs[id]!.listId === filters.list)
            .filter((id) => !("year" in filters) || (docs[id]!.date.slice(0, 4) || "undated") === filters.year)
            .filter((id) => !("author" in filters) || queryTerms(filters.author!).every((w) => queryTerms(docs[id]!.author).some((a) => a.startsWith(w))));
          assert.deepEqual([...ids].sort((a, b) => a - b), expected, `${words.join(" ")} ${JSON.stringify(filters)}`);
          if ("sort" in filters) for (let k = 1; k < ids.length; k++) assert.ok(docs[ids[k - 1]!]!.date >= docs[ids[k]!]!.date || !docs[ids[k]!]!.date);
          queries++;
        }
      }
    }
    assert.ok(queries > 100, `${queries} queries`);
    // The hits' document files hold what the page shows.
    const { ids } = await runQuery(index, queryTerms(docs[0]!.subject).slice(0, 1), {});
    const shown = await index.docs(ids.slice(0, 3));
    for (const hit of shown) assert.equal(hit.url, docs[hit.id]!.url);
  });
}

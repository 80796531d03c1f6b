// The search engine of the page: term chunks (a word's in each segment of the index) and document
// files fetched on demand, a query's words matched (a word also finds longer words it starts),
// scored by BM25 impacts and filtered. No DOM: the search page shows what it returns, and the unit
// tests run it in Node against the built files.
import { queryTerms } from "./tokenize.js";
import { AUTHOR_TERM, LIST_TERM, decodeChunk } from "./index-format.js";

/** A word also finds longer words starting with it ("certif" → certificate), weighted lower. */
const MIN_PREFIX = 3;
const PREFIX_WEIGHT = 0.5;
const MAX_PREFIX_CHUNKS = 3;
const MAX_EXPANSIONS = 50;
/** Character pairs of Chinese, Japanese and Korean text are whole terms, never prefixes. */
const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The index of one build: its files fetched once each through `fetchBytes(site-relative path)`, gzip inflated here. */
export function openIndex(manifest, fetchBytes) {
  const cache = new Map();
  const fetchGz = (path) => {
    if (!cache.has(path)) {
      cache.set(
        path,
        fetchBytes(path).then(async (bytes) => {
          const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
          return new Uint8Array(await new Response(inflated).arrayBuffer());
        }),
      );
    }
    return cache.get(path);
  };
  /** The chunks of `segment` that may hold `word` (or, when `prefix`, longer words it starts). */
  const chunksOf = (segment, word, prefix) => {
    const chunks = segment.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    let at = -1; // last chunk whose first term is at most `word`
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (chunks[mid] <= word) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const out = at >= 0 ? [at] : [];
    if (prefix) for (let k = at + 1; k < chunks.length && out.length < MAX_PREFIX_CHUNKS && chunks[k].startsWith(word); k++) out.push(k);
    return out;
  };
  return {
    manifest,
    /**
     * Dictionary terms equal to `word` (weight 1) or, when `prefix`, starting with it (lower
     * weight): each `{ term, df, forEach(fn(doc, impact)) }` over every segment holding it.
     */
    async terms(word, prefix) {
      const fetched = [];
      for (const segment of manifest.segments) {
        for (const k of chunksOf(segment, word, prefix)) fetched.push(fetchGz(`search/terms/${segment.start}-${k}.bin`).then((bytes) => ({ segment, entries: decodeChunk(bytes) })));
      }
      const byTerm = new Map();
      for (const { segment, entries } of await Promise.all(fetched)) {
        for (const entry of entries) {
          if (entry.term !== word && !(prefix && entry.term.startsWith(word))) continue;
          let merged = byTerm.get(entry.term);
          if (!merged) byTerm.set(entry.term, (merged = { term: entry.term, df: 0, parts: [] }));
          merged.df += entry.df;
          merged.parts.push([segment.start, entry]);
        }
      }
      const exact = [];
      const longer = [];
      for (const { term, df, parts } of byTerm.values()) {
        const entry = { term, df, forEach: (fn) => parts.forEach(([start, part]) => part.forEach((doc, impact) => fn(start + doc, impact))) };
        if (term === word) exact.push({ entry, weight: 1 });
        else longer.push({ entry, weight: PREFIX_WEIGHT });
      }
      longer.sort((a, b) => b.entry.df - a.entry.df || (a.entry.term < b.entry.term ? -1 : 1));
      return exact.concat(longer.slice(0, MAX_EXPANSIONS));
    },
    async docs(ids) {
      const per = manifest.docsPerFile;
      const files = new Map();
      for (const id of ids) {
        const file = Math.floor(id / per);
        if (!files.has(file)) files.set(file, fetchGz(`search/docs/${file}.bin`).then((bytes) => JSON.parse(new TextDecoder().decode(bytes))));
      }
      const out = [];
      for (const id of ids) {
        const [url, subject, thread, threadUrl, author, date, listId, permalink, text] = (await files.get(Math.floor(id / per)))[id % per];
        out.push({ id, url, subject, thread, threadUrl, author, date, listId, permalink, text });
      }
      return out;
    },
  };
}

/** Documents holding every filter word: a mask over document ids, or null when there is no filter. */
async function filterMask(index, n, words, prefix) {
  let mask = null;
  for (const word of words) {
    const found = await index.terms(word, prefix);
    const own = new Uint8Array(n);
    for (const { entry } of found) entry.forEach((doc) => (own[doc] = 1));
    if (mask) for (let d = 0; d < n; d++) mask[d] &= own[d];
    else mask = own;
  }
  return mask;
}

/**
 * Ids of the documents holding every word (or a longer word it starts), within the filters
 * `{ list, year, author, sort }`: best first, or newest first when `sort` is "date"; and the
 * dictionary terms that matched, for the excerpts.
 */
export async function runQuery(index, words, filters) {
  const manifest = index.manifest;
  const n = manifest.docs;
  const score = new Float32Array(n);
  const matched = new Uint8Array(n);
  const wordScore = new Float32Array(n);
  const hitTerms = new Set();
  const perWord = await Promise.all(words.map((w) => index.terms(w, w.length >= MIN_PREFIX && !CJK_START.test(w))));
  for (const found of perWord) {
    if (found.length === 0) return { ids: [], hitTerms };
    wordScore.fill(0);
    for (const { entry, weight } of found) {
      hitTerms.add(entry.term);
      const idf = Math.log(1 + (n - entry.df + 0.5) / (entry.df + 0.5));
      entry.forEach((doc, impact) => {
        const s = weight * idf * (impact / 255);
        if (s > wordScore[doc]) wordScore[doc] = s;
      });
    }
    for (let d = 0; d < n; d++) {
      if (wordScore[d] > 0) {
        score[d] += wordScore[d];
        matched[d]++;
      }
    }
  }
  let [from, to] = [0, n];
  if (filters.year) {
    const range = manifest.years.find(([y]) => y === filters.year);
    [from, to] = range ? [range[1], range[2]] : [0, 0];
  }
  const lists = filters.list ? await filterMask(index, n, [LIST_TERM + filters.list], false) : null;
  const authorWords = queryTerms(filters.author ?? "").map((w) => AUTHOR_TERM + w);
  const authors = authorWords.length ? await filterMask(index, n, authorWords, true) : null;
  const ids = [];
  for (let d = from; d < to; d++) if (matched[d] === words.length && (!lists || lists[d]) && (!authors || authors[d])) ids.push(d);
  const undated = manifest.years.find(([y]) => y === "undated")?.[1] ?? n;
  if (filters.sort === "date") ids.sort((a, b) => (a >= undated) - (b >= undated) || b - a);
  else ids.sort((a, b) => score[b] - score[a] || b - a);
  return { ids, hitTerms };
}


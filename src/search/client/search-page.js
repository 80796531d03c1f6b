// The search page: the query lives in the URL (?q=&list=&year=&author=&sort=). It fetches the
// manifest, the term chunk of each word and the document files of the hits it shows; hits are
// grouped by thread and land on the reply's anchor. Message text reaches the page only as text nodes.
import { forEachTerm, queryTerms } from "./tokenize.js";
import { lookupShard } from "./message-id-hash.js";
import { openIndex, runQuery } from "./query.js";

const form = document.querySelector("form[data-search-root]");
const root = form.dataset.searchRoot; // the site's path prefix, e.g. "/" or "/archives/"
const statusLine = document.getElementById("search-status");
const resultsBox = document.getElementById("search-results");
/** Hits shown at once (each may need one document file). */
const PAGE = 20;

const params = new URLSearchParams(location.search);
const state = {
  q: (params.get("q") || "").trim(),
  list: params.get("list") || "",
  year: params.get("year") || "",
  author: (params.get("author") || "").trim(),
  sort: params.get("sort") === "date" ? "date" : "",
};
for (const [name, value] of Object.entries(state)) if (form.elements[name]) form.elements[name].value = value;

const el = (tag, props = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
};
const siteUrl = (path) => root + String(path).replace(/^\//, "");

/** A pasted Message-ID, with or without angle brackets: its permalink, or null. */
async function findMessageId(q) {
  const m = /^<?([^\s<>]+@[^\s<>]+?)>?$/.exec(q);
  if (!m) return null;
  const id = `<${m[1]}>`;
  const response = await fetch(siteUrl(`search/ids/${lookupShard(id)}.json`));
  if (!response.ok) return null;
  const urls = (await response.json())[id];
  return urls && urls.length ? urls[0] : null;
}

/** Some thirty words of the text around the first word found, the words found marked. */
function excerptNodes(text, hitTerms) {
  const tokens = [];
  forEachTerm(text, (term, start, end) => tokens.push([term, start, end]));
  if (tokens.length === 0) return [document.createTextNode(text.slice(0, 200))];
  const first = tokens.findIndex(([t]) => hitTerms.has(t));
  const from = first < 0 ? 0 : Math.max(0, first - 8);
  const to = Math.min(tokens.length, from + 36);
  const flat = (s) => document.createTextNode(s.replace(/\s+/g, " "));
  const nodes = from > 0 ? [flat("… ")] : [];
  let at = tokens[from][1];
  for (let k = from; k < to; k++) {
    const [term, start, end] = tokens[k];
    if (!hitTerms.has(term)) continue;
    nodes.push(flat(text.slice(at, start)), el("mark", { text: text.slice(start, end) }));
    at = end;
  }
  nodes.push(flat(text.slice(at, tokens[to - 1][2])));
  if (to < tokens.length) nodes.push(flat(" …"));
  return nodes;
}

const formatDate = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "undated");

function renderGroups(hits, hitTerms, listTitles) {
  const groups = new Map();
  for (const hit of hits) {
    const key = hit.threadUrl || hit.url;
    if (!groups.has(key)) groups.set(key, { thread: hit.thread || hit.subject, list: listTitles.get(hit.listId) ?? hit.listId, url: key, hits: [] });
    groups.get(key).hits.push(hit);
  }
  return [...groups.values()].map((g) =>
    el("section", { class: "search-thread" }, [
      el("h2", { class: "search-thread-title" }, [el("a", { href: siteUrl(g.url), text: g.thread || "(no subject)" }), el("span", { class: "meta", text: ` ${g.list}` })]),
      el(
        "ul",
        { class: "search-hits" },
        g.hits.map((hit) =>
          el("li", { class: "search-hit" }, [
            el("a", { href: siteUrl(hit.url), text: hit.subject || "(no subject)" }),
            el("span", { class: "meta", text: ` ${hit.author} · ${formatDate(hit.date)}` }),
            el("p", { class: "excerpt" }, excerptNodes(hit.text, hitTerms)),
          ]),
        ),
      ),
    ]),
  );
}

async function run() {
  if (state.q === "") return;
  const target = await findMessageId(state.q);
  if (target) {
    statusLine.textContent = "Going to that message…";
    location.replace(siteUrl(target));
    return;
  }
  const words = queryTerms(state.q);
  if (words.length === 0) {
    statusLine.textContent = "Type a word to search for.";
    return;
  }
  statusLine.textContent = "Searching…";
  const manifest = await (await fetch(siteUrl("search/index.json"), { cache: "no-cache" })).json();
  const index = openIndex(manifest, async (path) => {
    const response = await fetch(siteUrl(`${path}?v=${manifest.build}`));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
  const { ids, hitTerms } = await runQuery(index, words, state);
  const total = ids.length;
  statusLine.textContent = total === 0 ? "No messages found." : `${total} message${total === 1 ? "" : "s"} found.`;
  const listTitles = new Map(manifest.lists.map((l) => [l.id, l.title]));
  let shown = 0;
  const more = el("button", { type: "button", class: "search-more", text: "Show more" });
  const showNext = async () => {
    const hits = await index.docs(ids.slice(shown, shown + PAGE));
    shown += hits.length;
    resultsBox.append(...renderGroups(hits, hitTerms, listTitles));
    if (shown < total) resultsBox.append(more);
    else more.remove();
  };
  more.addEventListener("click", () => {
    more.remove();
    showNext();
  });
  await showNext();
}

run().catch((e) => {
  statusLine.textContent = `Search is not available: ${e.message}`;
});

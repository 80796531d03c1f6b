// The search page: the query lives in the URL (?q=&list=&year=&author=&sort=); Pagefind bundles are
// loaded for the chosen list and year only; hits are grouped by thread and land on the reply's anchor.
// Message text reaches the page only through textContent, and excerpts keep nothing but <mark>.

const form = document.querySelector("form[data-search-root]");
const root = form.dataset.searchRoot; // the site's path prefix, e.g. "/" or "/archives/"
const statusLine = document.getElementById("search-status");
const resultsBox = document.getElementById("search-results");
const PAGE = 40;

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

/** FNV-1a over UTF-16 code units, as src/search/message-id-lookup.ts computes it. */
function lookupShard(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) & 0xff).toString(16).padStart(2, "0");
}

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

/** Pagefind's excerpt as DOM nodes: text and <mark> only, whatever the excerpt holds. */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  return [...doc.body.childNodes].map((n) => (n.nodeName === "MARK" ? el("mark", { text: n.textContent }) : document.createTextNode(n.textContent)));
}

const formatDate = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "undated");

async function loadPagefind(bundles) {
  const [first, ...rest] = bundles;
  const pagefind = await import(siteUrl(`${first.path.slice(1)}pagefind.js`));
  await pagefind.options({ baseUrl: "/", excerptLength: 24 });
  for (const b of rest) await pagefind.mergeIndex(siteUrl(b.path.slice(1)), { baseUrl: "/" });
  return pagefind;
}

function renderGroups(hits) {
  const groups = new Map();
  for (const hit of hits) {
    const key = hit.meta.threadUrl || hit.url;
    if (!groups.has(key)) groups.set(key, { thread: hit.meta.thread || hit.meta.title, list: hit.meta.list, url: key, hits: [] });
    groups.get(key).hits.push(hit);
  }
  const out = [];
  for (const g of groups.values()) {
    const items = g.hits.map((hit) =>
      el("li", { class: "search-hit" }, [
        el("a", { href: siteUrl(hit.url), text: hit.meta.title || "(no subject)" }),
        el("span", { class: "meta", text: ` ${hit.meta.author} · ${formatDate(hit.meta.date)}` }),
        el("p", { class: "excerpt" }, excerptNodes(hit.excerpt || "")),
      ]),
    );
    out.push(
      el("section", { class: "search-thread" }, [
        el("h2", { class: "search-thread-title" }, [el("a", { href: siteUrl(g.url), text: g.thread || "(no subject)" }), el("span", { class: "meta", text: ` ${g.list}` })]),
        el("ul", { class: "search-hits" }, items),
      ]),
    );
  }
  return out;
}

async function run() {
  if (state.q === "") return;
  const target = await findMessageId(state.q);
  if (target) {
    statusLine.textContent = "Going to that message…";
    location.replace(siteUrl(target));
    return;
  }
  const manifest = await (await fetch(siteUrl("search/manifest.json"))).json();
  const bundles = manifest.bundles.filter((b) => (!state.list || b.listId === state.list) && (!state.year || b.years.includes(state.year)));
  if (bundles.length === 0) {
    statusLine.textContent = "Nothing matches these filters.";
    return;
  }
  statusLine.textContent = "Searching…";
  const pagefind = await loadPagefind(bundles);
  const filters = {};
  if (state.list) filters.list = state.list;
  if (state.year) filters.year = state.year;
  if (state.author) filters.author = state.author;
  const search = await pagefind.search(state.q, { filters, sort: state.sort === "date" ? { date: "desc" } : undefined });
  const total = search.results.length;
  statusLine.textContent = total === 0 ? "No messages found." : `${total} message${total === 1 ? "" : "s"} found.`;
  let shown = 0;
  const more = el("button", { type: "button", class: "search-more", text: "Show more" });
  const showNext = async () => {
    const hits = await Promise.all(search.results.slice(shown, shown + PAGE).map((r) => r.data()));
    shown += hits.length;
    resultsBox.append(...renderGroups(hits));
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

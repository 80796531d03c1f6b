// Link checking over a built site: every internal href and #anchor must resolve to a written file and id.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "./cli.ts";

export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

const ATTR = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

function decodeAttr(v: string): string {
  return v.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Checks every page of `site` (built with path prefix `prefix`); external links are not followed. */
export function checkLinks(site: string, prefix = "/"): { pages: number; links: number; broken: BrokenLink[] } {
  const pages = listFiles(site).filter((f) => f.endsWith(".html"));
  const idsCache = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let ids = idsCache.get(file);
    if (!ids) {
      ids = new Set([...readFileSync(file, "utf8").matchAll(ID)].map((m) => decodeAttr(m[1]!)));
      idsCache.set(file, ids);
    }
    return ids;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const page of pages) {
    const html = readFileSync(join(site, page), "utf8");
    for (const m of html.matchAll(ATTR)) {
      const href = decodeAttr(m[1]!);
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // external or mailto
      links++;
      const [withQuery, anchor] = href.split("#", 2) as [string, string | undefined];
      const pathPart = withQuery.split("?")[0]!;
      let target = join(site, page);
      if (pathPart !== "") {
        if (!pathPart.startsWith(prefix)) {
          broken.push({ page, href, reason: `does not start with the path prefix ${prefix}` });
          continue;
        }
        let file = join(site, decodeURIComponent(pathPart.slice(prefix.length)));
        if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
        if (!existsSync(file)) {
          broken.push({ page, href, reason: "no such file" });
          continue;
        }
        target = file;
      }
      if (anchor !== undefined && anchor !== "" && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(anchor))) {
        broken.push({ page, href, reason: "no element with that id" });
      }
    }
  }
  return { pages: pages.length, links, broken };
}

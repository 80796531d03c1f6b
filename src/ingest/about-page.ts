// about.md at the top of the content folder: the site's about page (front matter title + Markdown).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError, rejectUnknownKeys } from "./config-error.ts";
import { isRecord } from "./settings.ts";

export interface AboutPage {
  title: string;
  markdown: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export async function readAboutPage(contentDir: string): Promise<AboutPage | null> {
  let text: string;
  try {
    text = (await readFile(join(contentDir, "about.md"), "utf8")).replace(/^\uFEFF/, "");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const m = FRONT_MATTER.exec(text);
  let data: unknown = {};
  if (m) {
    try {
      data = parseYaml(m[1]!) ?? {};
    } catch (e) {
      throw new Error(`about.md: front matter is not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
  }
  if (!isRecord(data)) throw new ConfigError("about.md", "front matter", data, "a YAML mapping with an optional title");
  rejectUnknownKeys("about.md", data, ["title"]);
  const title = data.title ?? "About";
  if (typeof title !== "string" || title.trim() === "") throw new ConfigError("about.md", "title", title, "a non-empty string");
  return { title: title.trim(), markdown: (m ? text.slice(m[0].length) : text).trim() };
}

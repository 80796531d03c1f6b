// about.md at the top of the content folder: the site's about page (front matter title + Markdown).
import { readOptionalText } from "./optional-file.ts";
import { join } from "node:path";
import { ConfigError, rejectUnknownKeys } from "./config-error.ts";
import { parseFrontMatter } from "./front-matter.ts";

export interface AboutPage {
  title: string;
  markdown: string;
}

export async function readAboutPage(contentDir: string): Promise<AboutPage | null> {
  const text = await readOptionalText(join(contentDir, "about.md"));
  if (text === null) return null;
  const { data, body } = parseFrontMatter("about.md", text);
  rejectUnknownKeys("about.md", data, ["title"]);
  const title = data.title ?? "About";
  if (typeof title !== "string" || title.trim() === "") throw new ConfigError("about.md", "title", title, "a non-empty string");
  return { title: title.trim(), markdown: body };
}

// Front matter of the content folder's Markdown files (list.md, about.md): a YAML mapping, then Markdown.
import { parse as parseYaml } from "yaml";
import { ConfigError } from "./config-error.ts";
import { isRecord } from "./settings.ts";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `text` into its front matter (an empty mapping when there is none) and the Markdown after it. */
export function parseFrontMatter(file: string, text: string): { data: Record<string, unknown>; body: string } {
  const source = text.replace(/^\uFEFF/, "");
  const m = FRONT_MATTER.exec(source);
  if (!m) return { data: {}, body: source.trim() };
  let data: unknown;
  try {
    data = parseYaml(m[1]!) ?? {};
  } catch (e) {
    throw new Error(`${file}: front matter is not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  if (!isRecord(data)) throw new ConfigError(file, "front matter", data, "a YAML mapping of keys to values");
  return { data, body: source.slice(m[0].length).trim() };
}

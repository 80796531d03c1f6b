// list.md: a list's title, posting address, Markdown description and per-list settings.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError, rejectUnknownKeys } from "./config-error.ts";
import { isRecord, LIST_SETTING_KEYS, resolveListSettings, type ListSettings } from "./settings.ts";

export interface ListConfig {
  id: string;
  title: string;
  /** Posting address, e.g. dev@lists.example.org; "" when not given. */
  address: string;
  /** The Markdown body of list.md (rendered by render/, never evaluated as a template). */
  descriptionMarkdown: string;
  settings: ListSettings;
}

const LIST_KEYS = ["title", "address", ...LIST_SETTING_KEYS] as const;
/** List ids are URL segments and folder names: portable on every file system and host. */
export const LIST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function validateListId(id: string): void {
  if (!LIST_ID_PATTERN.test(id) || id.endsWith(".")) {
    throw new ConfigError(`${id}/`, "list folder name", id, "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters");
  }
}

export async function readListConfig(contentDir: string, id: string, defaults: ListSettings): Promise<ListConfig> {
  let text: string | null = null;
  try {
    text = await readFile(join(contentDir, id, "list.md"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return resolveListConfig(`${id}/list.md`, id, text, defaults);
}

export function resolveListConfig(file: string, id: string, text: string | null, defaults: ListSettings): ListConfig {
  if (text === null) return { id, title: id, address: "", descriptionMarkdown: "", settings: defaults };
  const m = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""));
  let data: unknown = {};
  if (m) {
    try {
      data = parseYaml(m[1]!) ?? {};
    } catch (e) {
      throw new Error(`${file}: front matter is not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
  }
  if (!isRecord(data)) throw new ConfigError(file, "front matter", data, "a YAML mapping of keys to values");
  rejectUnknownKeys(file, data, LIST_KEYS);
  const title = data.title ?? id;
  if (typeof title !== "string" || title.trim() === "") throw new ConfigError(file, "title", title, "a non-empty string");
  const address = data.address ?? "";
  if (typeof address !== "string" || (address !== "" && !/^[^\s@<>]+@[^\s@<>]+$/.test(address))) {
    throw new ConfigError(file, "address", address, "a posting address such as dev@lists.example.org");
  }
  const body = m ? text.replace(/^\uFEFF/, "").slice(m[0].length) : text;
  return { id, title: title.trim(), address, descriptionMarkdown: body.trim(), settings: resolveListSettings(file, data, defaults) };
}

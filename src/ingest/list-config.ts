// list.md: a list's title, posting address, Markdown description and per-list settings.
import { readOptionalText } from "./optional-file.ts";
import { join } from "node:path";
import { ConfigError, rejectUnknownKeys } from "./config-error.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { LIST_SETTING_KEYS, resolveListSettings, type ListSettings } from "./settings.ts";
import { readRemovedList, type RemovedEntry } from "./removed-list.ts";

export interface ListConfig {
  id: string;
  title: string;
  /** Posting address, e.g. dev@lists.example.org; "" when not given. */
  address: string;
  /** The Markdown body of list.md (rendered by render/, never evaluated as a template). */
  descriptionMarkdown: string;
  settings: ListSettings;
  /** Message-IDs taken down by the list (removed.txt), in file order. */
  removed: RemovedEntry[];
}

const LIST_KEYS = ["title", "address", ...LIST_SETTING_KEYS] as const;
/** List ids are URL segments and folder names: portable on every file system and host. */
export const LIST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function validateListId(id: string): void {
  if (!LIST_ID_PATTERN.test(id) || id.endsWith(".")) {
    throw new ConfigError(`${id}/`, "list folder name", id, "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters");
  }
}

export async function readListConfig(contentDir: string, id: string, defaults: ListSettings): Promise<ListConfig> {
  const text = await readOptionalText(join(contentDir, id, "list.md"));
  return { ...resolveListConfig(`${id}/list.md`, id, text, defaults), removed: await readRemovedList(contentDir, id) };
}

export function resolveListConfig(file: string, id: string, text: string | null, defaults: ListSettings): ListConfig {
  if (text === null) return { id, title: id, address: "", descriptionMarkdown: "", settings: defaults, removed: [] };
  const { data, body } = parseFrontMatter(file, text);
  rejectUnknownKeys(file, data, LIST_KEYS);
  const title = data.title ?? id;
  if (typeof title !== "string" || title.trim() === "") throw new ConfigError(file, "title", title, "a non-empty string");
  const address = data.address ?? "";
  if (typeof address !== "string" || (address !== "" && !/^[^\s@<>]+@[^\s@<>]+$/.test(address))) {
    throw new ConfigError(file, "address", address, "a posting address such as dev@lists.example.org");
  }
  return { id, title: title.trim(), address, descriptionMarkdown: body, settings: resolveListSettings(file, data, defaults), removed: [] };
}

// site.json: site title, base URL / path prefix, and defaults for the per-list settings.
import { readOptionalText } from "./optional-file.ts";
import { join } from "node:path";
import { ConfigError, rejectUnknownKeys } from "./config-error.ts";
import { DEFAULT_LIST_SETTINGS, isRecord, resolveListSettingsBlock, type ListSettings } from "./settings.ts";

export interface SiteConfig {
  title: string;
  /** Absolute origin + path when baseUrl was a full URL (for feeds and canonical links), else null. */
  origin: string | null;
  /** Path every site URL starts with, beginning and ending with `/` (`/` at the root). */
  pathPrefix: string;
  defaults: ListSettings;
}

const SITE_KEYS = ["title", "baseUrl", "defaults"] as const;
export const DEFAULT_SITE_TITLE = "Mailing list archives";

export async function readSiteConfig(contentDir: string): Promise<SiteConfig> {
  const file = join(contentDir, "site.json");
  const text = await readOptionalText(file);
  if (text === null) return resolveSiteConfig("site.json", {});
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`site.json: not valid JSON (${(e as Error).message})`);
  }
  return resolveSiteConfig("site.json", data);
}

export function resolveSiteConfig(file: string, data: unknown): SiteConfig {
  if (!isRecord(data)) throw new ConfigError(file, "(top level)", data, "a JSON object");
  rejectUnknownKeys(file, data, SITE_KEYS);
  const title = data.title ?? DEFAULT_SITE_TITLE;
  if (typeof title !== "string" || title.trim() === "") throw new ConfigError(file, "title", title, "a non-empty string");
  const { origin, pathPrefix } = resolveBaseUrl(file, data.baseUrl ?? "/");
  const defaults = resolveListSettingsBlock(file, data.defaults, DEFAULT_LIST_SETTINGS, "defaults");
  return { title: title.trim(), origin, pathPrefix, defaults };
}

function resolveBaseUrl(file: string, value: unknown): { origin: string | null; pathPrefix: string } {
  const accepted = 'a path prefix such as "/" or "/archives/", or an absolute http(s) URL such as "https://example.org/archives/"';
  if (typeof value !== "string") throw new ConfigError(file, "baseUrl", value, accepted);
  const withSlash = (p: string) => (p.endsWith("/") ? p : p + "/");
  if (value.startsWith("/") && !value.startsWith("//")) {
    if (/[?#\\\s]/.test(value)) throw new ConfigError(file, "baseUrl", value, accepted);
    return { origin: null, pathPrefix: withSlash(value) };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(file, "baseUrl", value, accepted);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    throw new ConfigError(file, "baseUrl", value, accepted);
  }
  return { origin: url.origin, pathPrefix: withSlash(url.pathname) };
}

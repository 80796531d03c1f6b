// Per-list settings: their defaults, and validation shared by site.json's defaults and list.md.
import iconv from "iconv-lite";
import { ConfigError, rejectUnknownKeys } from "./config-error.ts";

export type Privacy = "obfuscate" | "show" | "hide";
export const PRIVACY_VALUES: readonly Privacy[] = ["obfuscate", "show", "hide"];

export interface ListSettings {
  /** Charset for unlabelled 8-bit text that is not valid UTF-8 (pipermail drops Content-Type). */
  fallbackCharset: string;
  /** How addresses are published: `user at example.com` (pipermail's way), in full, or not at all. */
  privacy: Privacy;
  /** Join messages without usable references by subject (threading; off by default). */
  subjectGrouping: boolean;
}

export const DEFAULT_LIST_SETTINGS: ListSettings = {
  fallbackCharset: "windows-1252",
  privacy: "obfuscate",
  subjectGrouping: false,
};

export const LIST_SETTING_KEYS = ["fallbackCharset", "privacy", "subjectGrouping"] as const;

/** Validates the list-setting keys present in `record` and lays them over `base`. */
export function resolveListSettings(file: string, record: Record<string, unknown>, base: ListSettings, prefix = ""): ListSettings {
  const out = { ...base };
  if ("fallbackCharset" in record) {
    const v = record.fallbackCharset;
    if (typeof v !== "string" || !iconv.encodingExists(v)) {
      throw new ConfigError(file, prefix + "fallbackCharset", v, "a charset name iconv-lite knows, e.g. windows-1252, iso-8859-1, koi8-r");
    }
    out.fallbackCharset = v.toLowerCase();
  }
  if ("privacy" in record) {
    const v = record.privacy;
    if (typeof v !== "string" || !PRIVACY_VALUES.includes(v as Privacy)) {
      throw new ConfigError(file, prefix + "privacy", v, PRIVACY_VALUES.map((p) => `"${p}"`).join(", "));
    }
    out.privacy = v as Privacy;
  }
  if ("subjectGrouping" in record) {
    const v = record.subjectGrouping;
    if (typeof v !== "boolean") throw new ConfigError(file, prefix + "subjectGrouping", v, "true or false");
    out.subjectGrouping = v;
  }
  return out;
}

export function resolveListSettingsBlock(file: string, value: unknown, base: ListSettings, key: string): ListSettings {
  if (value === undefined) return base;
  if (!isRecord(value)) throw new ConfigError(file, key, value, `an object with the keys ${LIST_SETTING_KEYS.join(", ")}`);
  rejectUnknownKeys(file, prefixKeys(value, key), LIST_SETTING_KEYS.map((k) => `${key}.${k}`));
  return resolveListSettings(file, value, base, `${key}.`);
}

function prefixKeys(record: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [`${key}.${k}`, v]));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

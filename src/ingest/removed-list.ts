// removed.txt beside list.md: the Message-IDs a list has taken down, one per line (`#` starts a comment).
import { join } from "node:path";
import { readOptionalText } from "./optional-file.ts";

export interface RemovedEntry {
  /** 1-based line of removed.txt, for diagnostics. */
  line: number;
  /** The Message-ID as written (with or without `<>`); the indexes stage matches it. */
  id: string;
}

export async function readRemovedList(contentDir: string, id: string): Promise<RemovedEntry[]> {
  const text = await readOptionalText(join(contentDir, id, "removed.txt"));
  return text === null ? [] : parseRemovedList(text);
}

export function parseRemovedList(text: string): RemovedEntry[] {
  const out: RemovedEntry[] = [];
  for (const [i, raw] of text.replace(/^\uFEFF/, "").split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line !== "") out.push({ line: i + 1, id: line });
  }
  return out;
}

// Optional configuration files of the content folder: their text, or null when they are not there.
import { readFile } from "node:fs/promises";

export async function readOptionalText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

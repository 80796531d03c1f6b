// Content walk: the list folders of a content folder and the files below each, in a fixed order.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { compare } from "../report/diagnostics.ts";

/** Files in a list folder that are configuration, not archives. */
export const LIST_CONFIG_FILES = new Set(["list.md", "removed.txt"]);

function isHidden(name: string): boolean {
  return name.startsWith(".");
}

/**
 * Direct subfolders of the content folder (hidden ones and `_`-prefixed ones excluded), sorted.
 * A symbolic link to a folder counts, so an archive kept elsewhere can be linked in as a list.
 */
export async function listFolders(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, { withFileTypes: true });
  const names: string[] = [];
  for (const e of entries) {
    if (isHidden(e.name) || e.name.startsWith("_")) continue;
    if (e.isDirectory() || (e.isSymbolicLink() && (await stat(join(contentDir, e.name)).catch(() => null))?.isDirectory())) names.push(e.name);
  }
  return names.sort(compare);
}

export interface WalkEntry {
  /** Path relative to the list folder, posix separators. */
  path: string;
  /** Why the file is passed over without being opened, or null to read it. */
  skip: string | null;
}

/**
 * Every entry below a list folder but its folders, depth first, names in code-unit order. Symbolic
 * links, named pipes, sockets and devices come with a reason to pass them over.
 */
export async function* walkListFiles(listDir: string, prefix = ""): AsyncGenerator<WalkEntry> {
  const entries = await readdir(join(listDir, prefix), { withFileTypes: true });
  entries.sort((a, b) => compare(a.name, b.name));
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isHidden(entry.name)) continue;
    if (entry.isDirectory()) {
      yield* walkListFiles(listDir, path);
    } else if (entry.isSymbolicLink()) {
      yield { path, skip: "symbolic links are not followed" };
    } else if (entry.isFile()) {
      if (!prefix && LIST_CONFIG_FILES.has(entry.name)) continue;
      const parent = prefix.split("/").pop();
      yield { path, skip: parent === "tmp" ? "Maildir tmp/ holds deliveries in progress" : null };
    } else {
      // Opening a named pipe would wait for a writer forever; sockets and devices are no archives either.
      yield { path, skip: "not a regular file (a named pipe, socket or device)" };
    }
  }
}

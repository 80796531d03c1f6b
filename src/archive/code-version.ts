// What cached results depend on besides their input: a hash of the project's code in the given folders.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A hash of every file below `folders` (relative to the project), with `extra` (settings, formats): any change gives a new one. */
export function codeVersion(folders: readonly string[], extra: unknown = null): string {
  const hash = createHash("sha1");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path.slice(PROJECT_ROOT.length)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  for (const folder of folders) walk(join(PROJECT_ROOT, folder));
  hash.update(JSON.stringify(extra));
  return hash.digest("base64url");
}

// What cached results depend on besides their input: a hash of the project's code in the given folders.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { moduleClosure } from "./module-closure.ts";

/** The project's folder (two up from this file: worker bundles, worker-thread.ts, count on it being found so). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A hash of every file below `folders` (relative to the project; a file names itself), with `extra` (settings, formats): any change gives a new one. */
export function codeVersion(folders: readonly string[], extra: unknown = null): string {
  const hash = createHash("sha1");
  const file = (path: string) => hash.update(path.slice(PROJECT_ROOT.length)).update("\0").update(readFileSync(path)).update("\0");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else file(path);
    }
  };
  for (const folder of folders) {
    const path = join(PROJECT_ROOT, folder);
    if (statSync(path).isFile()) file(path);
    else walk(path);
  }
  hash.update(JSON.stringify(extra));
  return hash.digest("base64url");
}

/** A hash of the code modules `entries` run (moduleClosure: the project's modules they import, and the packages they load), with `extra`. */
export function closureVersion(entries: readonly string[], extra: unknown = null): string {
  const { files, packages } = moduleClosure(PROJECT_ROOT, entries);
  return codeVersion(files, { extra, packages });
}

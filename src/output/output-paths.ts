// Paths in the output folder: a site-relative URL path as the path of a file below the folder, and
// the absolute path it names, with the one check that it stays inside.
import { resolve, sep } from "node:path";
import { nameOf } from "./file-table.ts";
import { isPlain } from "./previous-build.js";

export class OutputPaths {
  readonly root: string;
  /** Whether a plain file path (isPlain) appended to the root is its absolute path: not when the root is `/`. */
  private readonly plainRoot: boolean;

  constructor(outputDir: string) {
    this.root = resolve(outputDir);
    this.plainRoot = this.root !== sep;
  }

  /** Whether a file path names a file below the output (a plain one does, as it is: no string is made to check it). */
  isBelow(path: string): boolean {
    if (this.plainRoot && isPlain(path)) return true;
    return this.resolved(path).startsWith(this.root + sep);
  }

  /** The absolute path of a file path below the output (as `normalise` gives); refuses to leave the output folder. */
  targetOf(path: string): string {
    this.mustBeBelow(path);
    return this.resolved(path);
  }

  /** Throws for a file path outside the output folder (as a page or file of this build must never be). */
  mustBeBelow(path: string): void {
    if (!this.isBelow(path)) throw new Error(`refusing to write outside the output folder: ${JSON.stringify(path)}`);
  }

  /** The absolute path a file path names, inside the output or not; the common case without path.resolve (a call per page, 1.6 million at a million messages). */
  resolved(path: string): string {
    return this.plainRoot && isPlain(path) ? this.root + path : resolve(this.root, path.replace(/^\/+/, ""));
  }

  /**
   * The file table's name (nameOf) of the page at `url` (a site-relative URL ending in `/`: its
   * file is `index.html` in that folder), its path checked to stay below the output. A plain
   * folder's is the URL itself, below the output as it is (normalise, isPlain): no string is made.
   */
  pageName(url: string): string {
    if (this.plainRoot && isPlainFolder(url)) return url;
    const path = normalise(`${url}index.html`);
    this.mustBeBelow(path);
    return nameOf(path);
  }
}

/** Whether a folder's URL path is a plain path (isPlain) once `index.html` is added: its file's path, as normalise leaves it. */
function isPlainFolder(url: string): boolean {
  return url.startsWith("/") && url.endsWith("/") && !url.includes("/.") && !url.includes("//") && !url.includes("%");
}

/** The file path of a site-relative URL path: leading slash, percent-decoded once. */
export function normalise(urlPath: string): string {
  if (urlPath.startsWith("/") && !urlPath.startsWith("//") && !urlPath.includes("%")) return urlPath;
  return `/${decodeURIComponent(urlPath).replace(/^\/+/, "")}`;
}

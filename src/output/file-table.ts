// The output's files by path, as a build goes: those the previous build wrote with their keys, and
// which of them this build made again (with its key), beside the paths it adds. The previous build's
// files stay where they were read (an index into arrays), each marked once made: at 192k files, two
// maps with every path moved from one to the other cost 0.13-0.17 s a build against 0.02 s.
// Files are asked for by name (nameOf): a page, `…/index.html`, by its URL, which its record holds
// and whose hash V8 has made already; a fresh `${url}index.html` was made and hashed for each look-up
// (at 100k messages: 107 ms against 39 ms for 164k pages, outside a build). A name is mostly asked
// for twice in a row (whether it is kept, then that it is made): the second time its place is not
// looked up again (at 100k messages those look-ups were 0.4 s of a rebuild).

const INDEX = "index.html";

/** The name a file path is asked for by: a page's URL (the path of a folder's `index.html` without it; no file path ends in `/`), any other file's path. */
export function nameOf(path: string): string {
  return path.endsWith(`/${INDEX}`) ? path.slice(0, -INDEX.length) : path;
}

/** The file path of a name (nameOf). */
export function pathOf(name: string): string {
  return name.endsWith("/") ? `${name}${INDEX}` : name;
}

/** A path ending in `/` (a folder's) names no file. */
const namesNoFile = (path: string) => path.endsWith("/");

export class FileTable {
  /** Each previous file's place in `paths`, `keys` and `made`, by name (nameOf). */
  private readonly at = new Map<string, number>();
  /** The previous build's files in its manifest's order, each path once, with their keys. */
  readonly paths: string[];
  private readonly keys: string[];
  /** This build's key of each previous file it made (undefined: not made, yet). */
  private readonly made: (string | undefined)[];
  /** Names of files this build made that the previous build did not, with their keys, in the order made. */
  private readonly added = new Map<string, string>();
  /** The place of the name last found (-1: none), and that name. */
  private last = -1;
  private lastName = "";

  /** `paths[i]` with `keys[i]` (the arrays are taken, not copied): a path listed twice is taken once, at its first place; one ending in `/` not at all. */
  constructor(paths: string[], keys: string[]) {
    if (paths.some(namesNoFile)) {
      // No build lists such a path, and its name would be a page's: left out.
      const files = paths.flatMap((path, i) => (namesNoFile(path) ? [] : [i]));
      [paths, keys] = [files.map((i) => paths[i]!), files.map((i) => keys[i]!)];
    }
    // Last to first, so that the first place of a path is the one kept: one map operation a path.
    for (let i = paths.length - 1; i >= 0; i--) this.at.set(nameOf(paths[i]!), i);
    if (this.at.size < paths.length) {
      // Some path listed twice (not as a build writes a manifest): each taken at its first place only.
      const first = paths.flatMap((path, i) => (this.at.get(nameOf(path)) === i ? [i] : []));
      [paths, keys] = [first.map((i) => paths[i]!), first.map((i) => keys[i]!)];
      this.at.clear();
      paths.forEach((path, i) => this.at.set(nameOf(path), i));
    }
    this.paths = paths;
    this.keys = keys;
    this.made = new Array<string | undefined>(paths.length);
  }

  /** The place of the file named `name` among the previous build's files. */
  private placeOf(name: string): number | undefined {
    if (this.last >= 0 && name === this.lastName) return this.last;
    const i = this.at.get(name);
    if (i !== undefined) {
      this.last = i;
      this.lastName = name;
    }
    return i;
  }

  /** Adds a file of the previous build, unless it is listed already. */
  listPrevious(path: string, key: string): void {
    const name = nameOf(path);
    if (namesNoFile(path) || this.at.has(name)) return;
    this.at.set(name, this.paths.length);
    this.paths.push(path);
    this.keys.push(key);
    this.made.push(undefined);
  }

  /** Sets the key of every previous file (a build killed halfway: none is known to be as listed). */
  distrustAll(key: string): void {
    this.keys.fill(key);
  }

  /** The previous build's key of the file named `name` (nameOf), unless this build made it already. */
  previousKey(name: string): string | undefined {
    const i = this.placeOf(name);
    return i === undefined || this.made[i] !== undefined ? undefined : this.keys[i];
  }

  /** This build's key of the file named `name`, once made. */
  currentKey(name: string): string | undefined {
    const i = this.placeOf(name);
    return i === undefined ? this.added.get(name) : this.made[i];
  }

  /**
   * Marks the file named `name` made by this build with `key`; returns whether it is not as the
   * previous build left it (a new path, another key, or made a second time).
   */
  make(name: string, key: string): boolean {
    const i = this.placeOf(name);
    if (i === undefined) {
      this.added.set(name, key);
      return true;
    }
    const before = this.made[i] === undefined ? this.keys[i] : undefined;
    this.made[i] = key;
    return before !== key;
  }

  /** The previous build's files this build has not made (yet), path and key, in the manifest's order. */
  *notMade(): Generator<[string, string]> {
    for (let i = 0; i < this.paths.length; i++) if (this.made[i] === undefined) yield [this.paths[i]!, this.keys[i]!];
  }

  /** This build's files, path → key. */
  current(): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < this.paths.length; i++) if (this.made[i] !== undefined) out.set(this.paths[i]!, this.made[i]!);
    for (const [name, key] of this.added) out.set(pathOf(name), key);
    return out;
  }

  /** The paths this build made that the previous build did not, in the order made. */
  addedPaths(): string[] {
    return [...this.added.keys()].map(pathOf);
  }
}

// The output's files by path, as a build goes: those the previous build wrote with their keys, and
// which of them this build made again (with its key), beside the paths it adds. The previous build's
// files stay where they were read (an index into arrays), each marked once made: at 192k files, two
// maps with every path moved from one to the other cost 0.13-0.17 s a build against 0.02 s.
// A path is mostly asked for twice in a row (whether it is kept, then that it is made): the second
// time its place is not looked up again (at 100k messages those lookups were 0.4 s of a rebuild).

export class FileTable {
  /** Each previous file's place in `paths`, `keys` and `made`. */
  private readonly at = new Map<string, number>();
  /** The previous build's files in its manifest's order, each path once, with their keys. */
  readonly paths: string[];
  private readonly keys: string[];
  /** This build's key of each previous file it made (undefined: not made, yet). */
  private readonly made: (string | undefined)[];
  /** Paths this build made that the previous build did not, with their keys, in the order made. */
  readonly added = new Map<string, string>();
  /** The place of the path last found (-1: none), and that path. */
  private last = -1;
  private lastPath = "";

  /** `paths[i]` with `keys[i]` (the arrays are taken, not copied): a path listed twice is taken once, at its first place. */
  constructor(paths: string[], keys: string[]) {
    // Last to first, so that the first place of a path is the one kept: one map operation a path.
    for (let i = paths.length - 1; i >= 0; i--) this.at.set(paths[i]!, i);
    if (this.at.size < paths.length) {
      // Some path listed twice (not as a build writes a manifest): each taken at its first place only.
      const first = paths.flatMap((path, i) => (this.at.get(path) === i ? [i] : []));
      [paths, keys] = [first.map((i) => paths[i]!), first.map((i) => keys[i]!)];
      this.at.clear();
      paths.forEach((path, i) => this.at.set(path, i));
    }
    this.paths = paths;
    this.keys = keys;
    this.made = new Array<string | undefined>(paths.length);
  }

  /** `path`'s place among the previous build's files. */
  private placeOf(path: string): number | undefined {
    if (this.last >= 0 && path === this.lastPath) return this.last;
    const i = this.at.get(path);
    if (i !== undefined) {
      this.last = i;
      this.lastPath = path;
    }
    return i;
  }

  /** Adds a file of the previous build, unless it is listed already. */
  listPrevious(path: string, key: string): void {
    if (this.at.has(path)) return;
    this.at.set(path, this.paths.length);
    this.paths.push(path);
    this.keys.push(key);
    this.made.push(undefined);
  }

  /** Sets the key of every previous file (a build killed halfway: none is known to be as listed). */
  distrustAll(key: string): void {
    this.keys.fill(key);
  }

  /** The previous build's key of `path`, unless this build made it already. */
  previousKey(path: string): string | undefined {
    const i = this.placeOf(path);
    return i === undefined || this.made[i] !== undefined ? undefined : this.keys[i];
  }

  /** This build's key of `path`, once made. */
  currentKey(path: string): string | undefined {
    const i = this.placeOf(path);
    return i === undefined ? this.added.get(path) : this.made[i];
  }

  /**
   * Marks `path` made by this build with `key`; returns whether its file is not as the previous
   * build left it (a new path, another key, or made a second time).
   */
  make(path: string, key: string): boolean {
    const i = this.placeOf(path);
    if (i === undefined) {
      this.added.set(path, key);
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
    for (const [path, key] of this.added) out.set(path, key);
    return out;
  }
}

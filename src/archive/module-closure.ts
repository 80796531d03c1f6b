// The code a module runs: the project's own modules it imports, one after another, and the installed
// packages they load with every package those need, so that what is cached of its results can be
// said to depend on exactly that (the parse cache, the search index).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface ModuleClosure {
  /** The project's own modules, relative to `root`, sorted: the entries and all they import for their values, transitively. */
  files: string[];
  /** Every installed package they load, with the packages those depend on, as `name@version`, sorted. */
  packages: string[];
}

/**
 * Imports of a module's text: `import … from`, `export … from`, `import "…"` and `import("…")` with
 * a literal specifier. Imports of types only (`import type`, `export type`) run nothing and are
 * left out. Text in comments may be taken for an import: a specifier naming no file is passed over.
 */
const IMPORTS = /\b(?:(?:import|export)(\s+type\b)?[^"';]*?\bfrom\s*|import\s*\(?\s*)["']([^"']+)["']/g;

/** The closure of `entry` (or of several together), paths relative to `root` (the project, whose node_modules hold the packages). */
export function moduleClosure(root: string, entry: string | readonly string[]): ModuleClosure {
  root = resolve(root);
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    const name = relative(root, path).split(sep).join("/");
    if (files.has(name)) return;
    files.add(name);
    for (const [, typeOnly, specifier] of readFileSync(path, "utf8").matchAll(IMPORTS)) {
      if (typeOnly || specifier!.startsWith("node:")) continue;
      if (specifier!.startsWith(".")) {
        const target = resolve(dirname(path), specifier!);
        if (existsSync(target)) visit(target);
      } else {
        packages.add(packageName(specifier!));
      }
    }
  };
  for (const e of typeof entry === "string" ? [entry] : entry) visit(resolve(root, e));
  return { files: [...files].sort(), packages: installedVersions(root, [...packages]) };
}

/** The package a bare specifier names: `@scope/name` or `name`, whatever path inside it follows. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/**
 * `name@version` of each package, as Node finds it from `root`, and of every package it depends on
 * as Node finds that from the package's own folder (its node_modules first, then its parents').
 * A package not installed is named `name@missing`: loading it would fail anyway.
 */
export function installedVersions(root: string, names: readonly string[]): string[] {
  root = resolve(root);
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (from: string, name: string) => {
    const folder = findPackage(root, from, name);
    if (folder === null) {
      found.add(`${name}@missing`);
      return;
    }
    if (seen.has(folder)) return;
    seen.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version?: string; dependencies?: Record<string, string> };
    found.add(`${name}@${manifest.version ?? "unversioned"}`);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(folder, dependency);
  };
  for (const name of names) visit(root, name);
  return [...found].sort();
}

/** The folder of package `name` as Node resolves it from folder `from`, looking no higher than `root`; null when none is installed. */
function findPackage(root: string, from: string, name: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const folder = join(dir, "node_modules", name);
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dir === root || dirname(dir) === dir || !dir.startsWith(root)) return null;
  }
}

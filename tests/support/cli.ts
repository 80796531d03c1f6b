// Runs the build command the README gives, as a child process, and reads what it wrote.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "./corpus.ts";

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The command `npm run build` runs (src/cli/launch.mjs: the build from a bundle of the code). */
export const BUILD_COMMAND = [join(PROJECT_ROOT, "src/cli/launch.mjs")];
/** The build run through tsx from the TypeScript itself, as the launcher does when it cannot bundle. */
export const BUILD_THROUGH_TSX = ["--import", "tsx", join(PROJECT_ROOT, "src/cli/build.ts")];

/** The build command with `args`; `env` is added to this process's environment; `command` the way it is run. */
export function runCli(args: string[], env: Record<string, string> = {}, command = BUILD_COMMAND): CliResult {
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: PROJECT_ROOT, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as T);
}

/** Every file below `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

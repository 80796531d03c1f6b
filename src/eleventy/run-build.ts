// Programmatic build: Eleventy driven with .eleventy.ts as its config and our content/output folders.
import { join } from "node:path";
import { PROJECT_ROOT } from "../archive/code-version.ts";

export interface RunBuildOptions {
  /** Absolute content folder. */
  contentDir: string;
  /** Absolute output folder. */
  outputDir: string;
  /** Print the console summary (default true). */
  summary?: boolean;
}

interface EleventyInstance {
  write(): Promise<unknown>;
}

/**
 * Builds the site. The content folder reaches .eleventy.ts through LISTARCHIVE_CONTENT, so the
 * same config serves `eleventy --serve`; `source: "cli"` makes the output given here win over
 * any `dir.output` in the config.
 */
export async function runBuild(options: RunBuildOptions): Promise<void> {
  process.env.LISTARCHIVE_CONTENT = options.contentDir;
  process.env.LISTARCHIVE_SUMMARY = options.summary === false ? "0" : "1";
  // On Node before 22.15, Eleventy registers an ESM loader hook on a thread of its own when it is
  // imported (a cache buster for watch mode), and every later import goes through that thread:
  // a one-shot build needs none of it (about 75 ms of each start here). Set before the import.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  // @ts-expect-error Eleventy 3 ships no type declarations; the part used is typed below.
  const { default: Eleventy } = await import("@11ty/eleventy");
  const cwd = process.cwd();
  process.chdir(PROJECT_ROOT);
  try {
    const elev = new (Eleventy as new (input: string, output: string, opts: object) => EleventyInstance)("templates", options.outputDir, {
      // src/cli/launch.mjs names the bundle of .eleventy.ts it runs with.
      configPath: process.env.LISTARCHIVE_ELEVENTY_CONFIG ?? join(PROJECT_ROOT, ".eleventy.ts"),
      source: "cli",
      quietMode: true,
    });
    await elev.write();
  } finally {
    process.chdir(cwd);
  }
}

// Programmatic build: Eleventy driven with .eleventy.ts as its config and our content/output folders.
import { join } from "node:path";
import { PROJECT_ROOT } from "../archive/code-version.ts";
// @ts-expect-error Eleventy 3 ships no type declarations; the part used is typed below.
import Eleventy from "@11ty/eleventy";


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

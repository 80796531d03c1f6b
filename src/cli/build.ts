// `npm run build -- --content=DIR --output=DIR`: validates the flags, then builds the site.
import { parseArgs } from "node:util";
import { access, mkdir, rm, stat, writeFile, constants } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { readContent } from "../ingest/index.ts";
import { runBuild } from "../eleventy/run-build.ts";
import { renderWorkerCount } from "../render/index.ts";

const USAGE = "usage: npm run build -- [--content=DIR] [--output=DIR] [--quiet]";

function fail(message: string, code = 1): never {
  process.stderr.write(`listarchive: ${message.split("\n")[0]}\n`);
  process.exit(code);
}

/**
 * Creates `dir` and its missing parents one level at a time: Node's recursive mkdir retries for
 * ever where a parent exists but refuses children (/proc), and the build must fail in one line.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      await stat(d);
      break;
    } catch {
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of missing.reverse()) await mkdir(d);
}

async function ensureWritable(dir: string): Promise<void> {
  try {
    await makeDirs(dir);
    await access(dir, constants.W_OK);
    const probe = join(dir, `.listarchive-write-test-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe);
  } catch (e) {
    fail(`cannot write the output folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function main(): Promise<void> {
  let values: { content?: string; output?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        content: { type: "string" },
        output: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${(e as Error).message} (${USAGE})`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // npm runs scripts from the project root; relative paths are the user's, from where they typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  for (const key of ["content", "output"] as const) {
    if (values[key] !== undefined && values[key]!.trim() === "") fail(`--${key} needs a folder (${USAGE})`, 2);
  }
  const contentDir = resolve(base, values.content ?? "content");
  const outputDir = resolve(base, values.output ?? "_site");
  if (outputDir === contentDir) fail(`--output must differ from --content (${contentDir})`, 2);
  try {
    renderWorkerCount(0); // a bad LISTARCHIVE_RENDER_WORKERS: one line, before anything is read
    await readContent(contentDir); // missing or empty folder, bad site.json or list.md: one line, before Eleventy starts
  } catch (e) {
    fail((e as Error).message);
  }
  await ensureWritable(outputDir);
  try {
    await runBuild({ contentDir, outputDir, summary: !values.quiet });
  } catch (e) {
    const err = e as Error & { originalError?: Error };
    fail(`build failed: ${(err.originalError ?? err).message}`);
  }
}

await main();

// Builds what the browser tests visit: the sample at `/`, the hostile corpus at `/hostile/`, and (with ../shared) a corpus site at `/corpus/`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS, HAVE_CORPUS, PROJECT_ROOT } from "../support/corpus.ts";
import { writeHostileContent } from "../support/hostile-content.ts";

export const WWW = join(PROJECT_ROOT, "tmp", "e2e-www");
const build = (content: string, output: string) =>
  execFileSync(process.execPath, [join(PROJECT_ROOT, "src/cli/launch.mjs"), `--content=${content}`, `--output=${output}`, "--quiet"], { stdio: "inherit", cwd: PROJECT_ROOT });

/**
 * The seed (a pipermail web page's text: subject, author, address, date, then the body) as a
 * one-message pipermail month: pipermail's separator and text headers around the same body.
 */
function seedArchive(seed: string): string {
  const [subject, author, address, , ...body] = seed.split("\n");
  return [
    `From ${address}  Fri Jan 24 17:06:19 2025`,
    `From: ${address} (${author})`,
    "Date: Fri, 24 Jan 2025 09:06:19 -0800",
    `Subject: ${subject}`,
    "",
    ...body,
    "",
  ].join("\n");
}

rmSync(WWW, { recursive: true, force: true });
build(join(PROJECT_ROOT, "content"), WWW);
// The hostile corpus (its site.json sets baseUrl /hostile/), generated files and all.
const hostileContent = join(PROJECT_ROOT, "tmp", "e2e-hostile-content");
rmSync(hostileContent, { recursive: true, force: true });
writeHostileContent(hostileContent);
build(hostileContent, join(WWW, "hostile"));
if (HAVE_CORPUS) {
  const content = join(PROJECT_ROOT, "tmp", "e2e-corpus-content");
  rmSync(content, { recursive: true, force: true });
  mkdirSync(join(content, "lustre-devel"), { recursive: true });
  writeFileSync(join(content, "site.json"), JSON.stringify({ title: "Corpus archives", baseUrl: "/corpus/" }));
  writeFileSync(join(content, "lustre-devel", "list.md"), "---\ntitle: lustre-devel\naddress: lustre-devel@lists.lustre.org\n---\nThe seed message of this project, as a one-message pipermail month.\n");
  const seed = join(CORPUS, "..", "seed-message.txt");
  if (existsSync(seed)) writeFileSync(join(content, "lustre-devel", "2025-January.txt"), seedArchive(readFileSync(seed, "utf8")));
  symlinkSync(join(CORPUS, "berlios-fetchmail-devel"), join(content, "fetchmail-devel"));
  build(content, join(WWW, "corpus"));
}

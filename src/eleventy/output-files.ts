// Files written beside the pages (attachments, export, report): always inside the output folder.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";

/** Writes `content` at a site-relative URL path (percent-decoded) under `outputDir`; refuses to leave it. */
export async function writeOutputFile(outputDir: string, urlPath: string, content: string | Buffer): Promise<void> {
  const root = resolve(outputDir);
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, "");
  const target = resolve(root, relative);
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside the output folder: ${JSON.stringify(urlPath)}`);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
}

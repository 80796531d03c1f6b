// Builds archives in tests without Eleventy: a content folder made of links to corpus folders or written files.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildArchive, type Archive } from "../../src/archive/build-archive.ts";
import type { PageGroup } from "../../src/indexes/index.ts";

const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = "listarchive-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A content folder whose lists are symbolic links to existing folders. */
export function linkedContent(lists: Record<string, string>): string {
  const dir = tempDir();
  for (const [id, target] of Object.entries(lists)) symlinkSync(target, join(dir, id));
  return dir;
}

/** A content folder written from a map of relative paths to contents. */
export function writtenContent(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The archive model of a content folder; attachments are kept in memory instead of written. */
export async function archiveOf(contentDir: string): Promise<{ archive: Archive; attachments: Map<string, Buffer> }> {
  const attachments = new Map<string, Buffer>();
  const archive = await buildArchive(contentDir, {
    writeAttachment: async (url, content) => {
      attachments.set(url, content);
    },
  });
  return { archive, attachments };
}

/** Every page of `groups`, made (a build makes only those it has to). */
export function madePages<T>(groups: readonly PageGroup<T>[]): T[] {
  return groups.flatMap((g) => g.make());
}

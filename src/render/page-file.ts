// Writing a page file another thread claimed from the output writer (OutputWriter.claim), which
// checked that its path stays inside the output folder.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function writePageFile(target: string, html: string): void {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, html);
}

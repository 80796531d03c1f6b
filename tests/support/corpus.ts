// Where the shared real-mail corpus is, and how tests skip with a clear message when it is absent.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CORPUS = process.env.LISTARCHIVE_CORPUS ?? join(PROJECT_ROOT, "..", "shared", "corpus");
export const HAVE_CORPUS = existsSync(join(CORPUS, "README.md"));

/** `skip` option for node:test: a reason when ../shared/corpus is missing, else false. */
export const corpusSkip: string | false = HAVE_CORPUS ? false : `../shared/corpus not found at ${CORPUS}: corpus tests skipped (CI always has it)`;

/** The corpus folders, each built as one list, with the message count the README's separator rules give. */
export const CORPUS_LISTS: { folder: string; messages: number }[] = [
  { folder: "berlios-fetchmail-devel", messages: 1656 },
  { folder: "berlios-deepamehta-verein", messages: 51 },
  { folder: "pipermail-arin-issued", messages: 747 },
  { folder: "ponymail-unit-tests", messages: 428 },
  { folder: "notmuch", messages: 296 },
  // fixtures/SOURCE.md counts 69 messages; hyperkitty/non-ascii-headers.txt is a pipermail month of 6, not 1.
  { folder: "fixtures", messages: 74 },
];

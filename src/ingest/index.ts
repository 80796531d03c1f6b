// Ingest stage: reads the content folder into configuration and a stream of RawMessages per list.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { DiagnosticSink, Diagnostics } from "../report/diagnostics.ts";
import { crc32 } from "./crc32.js";
import { factsOf, type FileDigest, type FileFacts, type ReadHooks, type Resume } from "./resume.ts";
import type { ArchiveFormat, RawMessage } from "./types.ts";
import { openFileSource } from "./file-source.ts";
import { readListConfig, validateListId, type ListConfig } from "./list-config.ts";
import { chooseReader } from "./readers.ts";
import { readSiteConfig, type SiteConfig } from "./site-config.ts";
import { readAboutPage, type AboutPage } from "./about-page.ts";
import { listFolders, walkListFiles } from "./walk.ts";

export type { ArchiveFormat, ArchiveReader, Envelope, RawMessage, SourceLocator } from "./types.ts";
export type { ListConfig } from "./list-config.ts";
export { sameFile, type FileDigest, type FileFacts, type ReadHooks, type Resume } from "./resume.ts";
export { crc32, fileCrc32 } from "./crc32.js";
export type { SiteConfig } from "./site-config.ts";
export type { AboutPage } from "./about-page.ts";
export type { ListSettings, Privacy } from "./settings.ts";
export { ConfigError } from "./config-error.ts";
export { readers } from "./readers.ts";

export interface ListSource {
  config: ListConfig;
  dir: string;
}

export interface ContentSource {
  site: SiteConfig;
  lists: ListSource[];
  about: AboutPage | null;
}

/** An archive file of a list, and how many messages it gave. */
export interface ListInput {
  path: string;
  format: ArchiveFormat;
  gzip: boolean;
  messages: number;
}

/** Reads site.json and every list.md; throws (one line) on a missing or empty folder or a bad setting. */
export async function readContent(contentDir: string): Promise<ContentSource> {
  let info;
  try {
    info = await stat(contentDir);
  } catch {
    throw new Error(`content folder ${contentDir} does not exist`);
  }
  if (!info.isDirectory()) throw new Error(`content folder ${contentDir} is not a folder`);
  const site = await readSiteConfig(contentDir);
  const ids = await listFolders(contentDir);
  if (ids.length === 0) throw new Error(`content folder ${contentDir} is empty: it needs one subfolder per list, holding mail archives`);
  const lists: ListSource[] = [];
  for (const id of ids) {
    validateListId(id);
    lists.push({ config: await readListConfig(contentDir, id, site.defaults), dir: join(contentDir, id) });
  }
  return { site, lists, about: await readAboutPage(contentDir) };
}

/**
 * Every message of a list, file by file in path order. Files that are not mail, and files that
 * cannot be read, are reported and passed over; `inputs` receives one entry per archive file.
 */
export async function* readListMessages(list: ListSource, diagnostics: Diagnostics, inputs: ListInput[]): AsyncGenerator<RawMessage> {
  for await (const item of readListItems<never>(list, diagnostics, inputs)) if (!("known" in item)) yield item;
}

/** The messages of a file a previous build read, and the check to make before they are taken (Resume.check). */
export interface KnownItems<T> {
  /** The file's path in the list folder. */
  path: string;
  known: T[];
  check: Promise<boolean> | null;
}

/**
 * readListMessages, going on from what a previous build read where `hooks` says: the messages it
 * knows come as one `known` item (in their place in file order), the rest are read.
 */
export async function* readListItems<T>(list: ListSource, diagnostics: Diagnostics, inputs: ListInput[], hooks?: ReadHooks<T>): AsyncGenerator<RawMessage | KnownItems<T>> {
  const id = list.config.id;
  for await (const entry of walkListFiles(list.dir)) {
    const where = `${id}/${entry.path}`;
    const sink = diagnostics.at(where, null);
    if (entry.skip) {
      sink.report("info", "file-skipped", `not read: ${entry.skip}`);
      continue;
    }
    const file = join(list.dir, entry.path);
    let source;
    let facts: FileFacts | null = null;
    let resume: Resume<T> | null = null;
    try {
      if (hooks) {
        facts = factsOf(await stat(file));
        resume = await hooks.resume(entry.path, facts);
      }
      if (resume && !resume.from) {
        // Unchanged since the previous build: nothing is read.
        inputs.push({ path: entry.path, format: resume.format, gzip: resume.gzip, messages: resume.known.length });
        yield { path: entry.path, known: resume.known, check: null };
        continue;
      }
      source = await openFileSource(file);
    } catch (e) {
      sink.report("error", "file-unreadable", `cannot read the file: ${(e as Error).message}`);
      continue;
    }
    if (source.head.length === 0) {
      sink.report("warning", "file-empty", source.gzip ? "the gzip file holds no data" : "the file is empty");
      continue;
    }
    const reader = chooseReader(source.head, entry.path);
    if (!reader) {
      sink.report("info", "not-mail", "not a mail archive (no mbox, pipermail, Maildir or message content found): skipped");
      continue;
    }
    if (resume && (reader.format !== resume.format || source.gzip !== resume.gzip)) resume = null;
    const input: ListInput = { path: entry.path, format: reader.format, gzip: source.gzip, messages: 0 };
    inputs.push(input);
    if (resume) {
      input.messages = resume.known.length;
      yield { path: entry.path, known: resume.known, check: resume.check };
    }
    const damage: StreamDamage = { error: null };
    // Whether reading reported anything about the file (then it is read whole next time).
    let clean = true;
    const fileSink: DiagnosticSink = {
      report(severity, code, message) {
        clean = false;
        sink.report(severity, code, message);
      },
    };
    const from = resume?.from ?? null;
    // The bytes past those of the previous build (from.digest) are added to its digest as they are read.
    const digest = source.gzip ? null : { ...(from?.digest ?? { bytes: 0, crc32: 0 }), skip: from ? from.digest.bytes - from.offset : 0 };
    let last: RawMessage | null = null;
    try {
      // A damaged file (truncated or corrupt gzip, a read error) ends where the damage is, so the
      // message in progress there is still read and accounted for, not lost with the error.
      const chunks = hashed(endAtError(source.chunks(from?.offset ?? 0), damage), digest);
      for await (const raw of reader.read(chunks, entry.path, fileSink, from ?? undefined)) {
        input.messages++;
        last = raw;
        yield raw;
      }
    } catch (e) {
      sink.report("error", "file-truncated", `reading stopped after ${input.messages} message(s): ${(e as Error).message}`);
      continue;
    }
    if (damage.error) {
      sink.report("error", "file-truncated", `the file is damaged (${damage.error.message}): read up to the damage, ${input.messages} message(s)`);
      if (last) {
        diagnostics
          .at(where, last.locator.index)
          .report("warning", "message-truncated", "the file breaks off in or just after this message: it is published as far as it could be read and may be incomplete");
      }
      continue;
    }
    if (hooks && facts && clean) hooks.read(entry.path, facts, { format: reader.format, gzip: source.gzip, digest: digest && { bytes: digest.bytes, crc32: digest.crc32 }, resumed: from !== null });
  }
}

/** The chunks, each added on the way to `digest` past its first `skip` bytes (none: passed through). */
async function* hashed(chunks: AsyncIterable<Buffer>, digest: (FileDigest & { skip: number }) | null): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    if (digest) {
      const from = Math.min(digest.skip, chunk.length);
      digest.skip -= from;
      if (from < chunk.length) {
        digest.crc32 = crc32(from === 0 ? chunk : chunk.subarray(from), digest.crc32);
        digest.bytes += chunk.length - from;
      }
    }
    yield chunk;
  }
}

interface StreamDamage {
  error: Error | null;
}

/** The chunks of `source` until it fails; the failure is kept in `damage` instead of thrown. */
async function* endAtError(source: AsyncIterable<Buffer>, damage: StreamDamage): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk;
  } catch (e) {
    damage.error = e instanceof Error ? e : new Error(String(e));
  }
}

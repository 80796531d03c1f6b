// The archive model of one build: every list read, parsed, de-duplicated, threaded and given URLs.
import { readContent, readListItems, type KnownItems, type SourceLocator, type AboutPage, type ListConfig, type ListInput, type ListSource, type SiteConfig } from "../ingest/index.ts";
import type { MessageHead } from "../parse/index.ts";
import { parseToParts, partsOrThrow, type ArchiveOptions } from "./archived-message.ts";
import { StoredMessages } from "./stored-messages.ts";
import { threadMessages, DEFAULT_THREAD_OPTIONS, type ThreadInput } from "../thread/index.ts";
import { assignAuthorUrls, buildMessageRecords, buildThreads, compareDates, mergeDuplicates, removedIds, StringPool } from "../indexes/index.ts";
import type { MessageRecord, RemovedPage, SkippedMessage, ThreadRecord } from "../indexes/index.ts";
import { compare } from "../report/diagnostics.ts";
import { Diagnostics, ignoreDiagnostics } from "../report/diagnostics.ts";
import { DEFAULT_CACHE_DIR, ParseCache, parseVersion, type Cached, type ParseCacheCounts } from "./parse-cache.ts";
import { ParsePool } from "./parse-pool.ts";
import { ReadSnapshot, type KnownMessage } from "./read-snapshot.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";

export interface ListArchive {
  config: ListConfig;
  inputs: ListInput[];
  /** Published messages, by date (undated last), then URL. */
  records: MessageRecord[];
  /** Threads in order of their first message. */
  threads: ThreadRecord[];
  skipped: SkippedMessage[];
  /** Messages the list took down (removed.txt): a notice at each permalink. */
  removedPages: RemovedPage[];
  messagesRead: number;
  duplicatesMerged: number;
}

export interface Archive {
  site: SiteConfig;
  about: AboutPage | null;
  lists: ListArchive[];
  /** Message bodies and search words by permalink URL, read back from the parse cache: kept out of the records templates and global data hold. */
  messages: StoredMessages;
  diagnostics: Diagnostics;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Messages taken from the parse cache, and parsed. */
  parsed: ParseCacheCounts;
  /** The parsing code's hash (parseVersion): what the cached parts, body HTML and search words were made by. */
  parseVersion: string;
  /** Closes the files bodies are read from: call once pages and search are made. */
  close(): void;
}

export interface BuildArchiveOptions {
  /** Stores an attachment's bytes at a site-relative path (the plugin writes into the output). */
  writeAttachment(url: string, content: Buffer): void | Promise<void>;
  onProgress?(listId: string, messagesRead: number): void;
  /** After each list is read, before it is threaded: the messages read so far, of every list (the site's settings with them). */
  onRead?(messagesRead: number, site: SiteConfig, about: AboutPage | null): void;
  /** Parse on worker threads when there is much to parse (default true). */
  workers?: boolean;
  /** Where parsed messages are cached between builds (see parse-cache.ts); null for none. Default `.cache/`. */
  cacheDir?: string | null;
}

export async function buildArchive(contentDir: string, options: BuildArchiveOptions): Promise<Archive> {
  const { site, lists, about } = await readContent(contentDir);
  const diagnostics = new Diagnostics();
  const timings: Record<string, number> = { read: 0, thread: 0, indexes: 0 };
  const stored = new StoredMessages();
  const out: ListArchive[] = [];
  const version = parseVersion();
  const parsed: ParseCacheCounts = { hits: 0, parsed: 0, unread: 0 };
  const workers: Workers = { pool: null, misses: 0 };
  let messagesRead = 0;
  try {
    for (const list of lists) {
      let t = performance.now();
      const strings = new StringPool();
      const { messages, keys, inputs, skipped, read, cache } = await readAndParse(list, diagnostics, options, contentDir, version, workers, strings);
      parsed.hits += cache.counts.hits;
      parsed.parsed += cache.counts.parsed;
      parsed.unread += cache.counts.unread;
      timings.read! += performance.now() - t;
      messagesRead += read;
      options.onRead?.(messagesRead, site, about);

      t = performance.now();
      const published = mergeDuplicates(messages);
      timings.indexes! += performance.now() - t;

      t = performance.now();
      const { links, trees } = threadMessages(
        published.map(({ message }) => threadInputOf(message)),
        { ...DEFAULT_THREAD_OPTIONS, subjectGrouping: list.config.settings.subjectGrouping },
      );
      timings.thread! += performance.now() - t;
      for (const [i, link] of links.entries()) {
        if (link.loopCut === null) continue;
        const { locator } = published[i]!.message;
        diagnostics.at(`${list.config.id}/${locator.path}`, locator.index).report("warning", "reply-loop", `names ${link.loopCut} as its parent, which replies to it in turn: that link was cut`);
      }

      t = performance.now();
      const aligned = buildMessageRecords(list.config, published, links, strings);
      const removed = removedIds(list.config, aligned, diagnostics.at(`${list.config.id}/removed.txt`, null));
      for (const [i, record] of aligned.entries()) {
        if (removed.has(record.messageId)) continue;
        const key = keys.get(published[i]!.message)!;
        stored.add(record.url, cache, key);
        if (record.attachments.length === 0) continue;
        for (const [k, content] of cache.attachmentContents(key).entries()) await options.writeAttachment(record.attachments[k]!.url, content);
      }
      const threads = buildThreads(list.config.id, trees, aligned, removed);
      const records = aligned.filter((r) => !removed.has(r.messageId)).sort((a, b) => compareDates(a.date, b.date) || compare(a.url, b.url));
      // Complete from here on: what is made of records (keys by their digests, pages) finds them so.
      assignAuthorUrls(list.config.id, records);
      // A removed message is accounted as skipped; its permalink keeps a notice pointing at its thread.
      const threadOf = new Map(threads.flatMap((th) => th.entries.filter((e) => e.removed).map((e) => [e.messageId, th.url] as const)));
      const removedPages: RemovedPage[] = [];
      for (const r of aligned) {
        if (!removed.has(r.messageId)) continue;
        const source = r.sources[0]!;
        skipped.push({ path: source.path, index: source.index, reason: "removed by the list (removed.txt)" });
        removedPages.push({ url: r.url, listId: list.config.id, listTitle: list.config.title, threadUrl: threadOf.get(r.messageId) ?? null });
      }
      removedPages.sort((a, b) => compare(a.url, b.url));
      timings.indexes! += performance.now() - t;
      out.push({ config: list.config, inputs, records, threads, skipped, removedPages, messagesRead: read, duplicatesMerged: messages.length - published.length });
    }
  } finally {
    await workers.pool?.close();
  }
  return { site, about, lists: out, messages: stored, diagnostics, timings, parsed, parseVersion: version, close: () => stored.close() };
}

/** What the thread stage reads of a message; copies sharing a Message-ID are told apart by their content hash. */
export function threadInputOf(m: Omit<MessageHead, "locator">): ThreadInput {
  return { messageId: m.messageId, references: m.references, inReplyTo: m.inReplyTo, date: m.date, baseSubject: m.baseSubject, subjectIsReply: m.subjectIsReply, tiebreak: m.contentHash };
}

/** Messages to parse read ahead of the one being settled: parsing goes on in the workers meanwhile. */
const READ_AHEAD = 256;
/**
 * ...and while known messages wait to be taken (a grown mbox's new mail is parsed meanwhile; more
 * read ahead otherwise costs a cold build time), with at most this many bytes ahead.
 */
const READ_AHEAD_BEHIND_KNOWN = 4096;
const READ_AHEAD_BYTES = 16 << 20;
/** Parse workers start once a build has this many messages to parse (not worth it for fewer)... */
const POOL_AFTER = 300;
/**
 * ...or as soon as a file has this many bytes to read that the last build did not (some 200
 * messages): they then start while this thread reads what it knows of the rest (the heads of a
 * grown mbox's old messages), instead of once the new ones are being parsed.
 */
const POOL_BYTES = 512 << 10;

/** Parsed messages to publish; those the parser failed on or that ask not to be archived go to `skipped`. */
async function readAndParse(list: ListSource, diagnostics: Diagnostics, options: BuildArchiveOptions, contentDir: string, version: string, workers: Workers, strings: StringPool) {
  const parseOptions: ArchiveOptions = { fallbackCharset: list.config.settings.fallbackCharset, knownTags: [list.config.id], privacy: list.config.settings.privacy };
  const cache = new ParseCache(options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir, contentDir, list.config.id, version);
  // What this list's files were when last read: unchanged ones are not read, grown ones only at their end.
  const snapshot = cache.temporary ? null : new ReadSnapshot(cache, list.dir, JSON.stringify([version, parseOptions]), strings, (bytes) => bytes >= POOL_BYTES && startPool(workers, options));
  for (;;) {
    // What a reading reports stands once it is through: one that starts over reports again.
    const reported = new Diagnostics();
    try {
      const read = await readOnce(list, reported, options, parseOptions, workers, strings, cache, snapshot);
      for (const d of reported.items) diagnostics.add(d);
      cache.save();
      snapshot?.save();
      return { ...read, cache };
    } catch (e) {
      if (!(e instanceof OldBytesChanged)) throw e;
      // A grown file's old bytes changed after its new ones were read: the list is read again, that file whole.
      snapshot!.startOver(e.path);
      cache.counts.hits = cache.counts.parsed = cache.counts.unread = 0;
    }
  }
}

type Workers = { pool: ParsePool | null; misses: number };

const startPool = (workers: Workers, options: BuildArchiveOptions) => {
  if (options.workers !== false) workers.pool ??= new ParsePool();
};

/** A grown file's old bytes are not as the previous build read them (ReadSnapshot's check). */
class OldBytesChanged extends Error {
  constructor(readonly path: string) {
    super(`${path} changed before its end since the last build`);
  }
}

/** The list's messages read once (readAndParse), from what `snapshot` knows; throws OldBytesChanged should its knowledge of a file prove wrong. */
async function readOnce(list: ListSource, diagnostics: Diagnostics, options: BuildArchiveOptions, parseOptions: ArchiveOptions, workers: Workers, strings: StringPool, cache: ParseCache, snapshot: ReadSnapshot | null) {
  const inputs: ListInput[] = [];
  const messages: MessageHead[] = [];
  /** Each message's key in the parse cache, where its body is read back from. */
  const keys = new Map<MessageHead, string>();
  const skipped: SkippedMessage[] = [];
  /** Grown files' checks of their old bytes: the path of one whose bytes changed, or null. */
  const checks: Promise<string | null>[] = [];
  let read = 0;
  type Parsed = Cached | { error: Error };
  /** In file order: a message being read or parsed, or the messages of a file known from the snapshot. */
  const window: ({ locator: SourceLocator; sink: DiagnosticSink; parsed: Promise<Parsed>; bytes: number } | KnownItems<KnownMessage>)[] = [];
  /** The messages of the window being read or parsed, and their bytes; files of known messages in it. */
  const ahead = { messages: 0, bytes: 0, known: 0 };
  const full = () => ahead.messages >= (ahead.known > 0 ? READ_AHEAD_BEHIND_KNOWN : READ_AHEAD) || ahead.bytes >= READ_AHEAD_BYTES;
  /** pooled: the head's strings are the pool's already (see StringPool.holdHead). */
  const take = (locator: SourceLocator, sink: DiagnosticSink, result: Parsed, pooled: boolean) => {
    snapshot?.took(locator, "error" in result ? null : { key: result.key, head: result.stored });
    if ("error" in result) {
      // A parser bug must not lose the message silently: it is listed as skipped with the reason.
      sink.report("error", "parse-failed", `the message could not be parsed: ${result.error.message}`);
      skipped.push({ path: locator.path, index: locator.index, reason: `parse failed: ${result.error.message}` });
    } else if (result.head.flags.noArchive) {
      skipped.push({ path: locator.path, index: locator.index, reason: "the sender asked not to be archived (X-No-Archive: yes / X-Archive: no)" });
    } else {
      messages.push(pooled ? result.head : strings.holdHead(result.head));
      keys.set(result.head, result.key);
    }
  };
  const settle = async () => {
    const first = window.shift()!;
    if ("known" in first) {
      ahead.known--;
      // Taken while their file's old bytes are checked (on a thread of their own when large): the
      // checks are awaited once the list is read, and one that fails has it read again.
      if (first.check) checks.push(first.check.then((same) => (same ? null : first.path)));
      cache.usedAll(first.known);
      for (const { key, locator, heads } of first.known) {
        const stored = heads.at(locator.index);
        // A known message reports only what its parse did (replayed): most have nothing, and no sink is made for them.
        const sink = stored.reports.length > 0 ? sinkOf(locator) : ignoreDiagnostics;
        take(locator, sink, cache.known(key, stored, locator, sink), heads.pooled);
      }
      return;
    }
    ahead.messages--;
    ahead.bytes -= first.bytes;
    take(first.locator, first.sink, await first.parsed, false);
  };
  const sinkOf = (locator: SourceLocator) => diagnostics.at(`${list.config.id}/${locator.path}`, locator.index);
  try {
    for await (const item of readListItems(list, diagnostics, inputs, snapshot ?? undefined)) {
      if ("known" in item) {
        // Taken once the messages before them are: the messages read after them are parsed meanwhile.
        cache.counts.unread += item.known.length;
        read += item.known.length;
        window.push(item);
        ahead.known++;
        options.onProgress?.(list.config.id, read);
        continue;
      }
      const raw = item;
      read++;
      options.onProgress?.(list.config.id, read);
      const sink = sinkOf(raw.locator);
      const parse = async () => {
        if (++workers.misses === POOL_AFTER) startPool(workers, options);
        // While the workers start, this thread parses (it would wait for their first answers
        // otherwise), unless it has known messages to take meanwhile.
        const pool = workers.pool;
        return pool && (pool.ready || ahead.known > 0) ? pool.parse(raw, parseOptions, sink) : partsOrThrow(await parseToParts(raw, parseOptions), sink);
      };
      const parsed: Promise<Parsed> = cache.get(raw, parseOptions, sink, parse).catch((e: unknown) => ({ error: e instanceof Error ? e : new Error(String(e)) }));
      window.push({ locator: raw.locator, sink, parsed, bytes: raw.bytes.length });
      ahead.messages++;
      ahead.bytes += raw.bytes.length;
      if (full()) {
        // Settling waits on these: those still queued for a worker go now.
        workers.pool?.flush();
        while (full()) await settle();
      }
    }
    workers.pool?.flush();
    while (window.length > 0) await settle();
    for (const check of checks) {
      const changed = await check;
      if (changed !== null) throw new OldBytesChanged(changed);
    }
  } catch (e) {
    // Starting over: the messages on their way to the workers are let through first (they are cached for the next reading).
    workers.pool?.flush();
    await Promise.all(window.map((w) => ("parsed" in w ? w.parsed : null)));
    throw e;
  }
  return { messages, keys, inputs, skipped, read };
}

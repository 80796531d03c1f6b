// The parse cache in .cache/parse/: parsed messages by a hash of their raw bytes, so a rebuild parses
// only messages it has not seen (an mbox grown by one message parses one). Per list, in segments:
// each build that parsed something adds one, and they are packed into one when they pile up.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { RawMessage } from "../ingest/index.ts";
import { codeVersion, PROJECT_ROOT } from "./code-version.ts";
import type { ParseOptions } from "../parse/index.ts";
import type { ArchivedMessage } from "./archived-message.ts";
import type { DiagnosticSink, Severity } from "../report/diagnostics.ts";

/** The layout of a segment: a change to it (as to the parser) empties the cache. */
const CACHE_FORMAT = 2;
/** Segments of one list before they are packed into one. */
const MAX_SEGMENTS = 8;
/** Lists (content folder and list id) whose caches are kept; the least recently used go first. */
const MAX_LISTS = 32;

interface Entry {
  /** The message without its place in the archive (that comes from the raw message each time). */
  message: Omit<ArchivedMessage, "locator">;
  /** What parsing reported, replayed on a cache hit. */
  reports: [Severity, string, string][];
}

export interface ParseCacheCounts {
  hits: number;
  parsed: number;
}

export class ParseCache {
  private readonly dir: string | null;
  /** Entries stay serialized until used: each use gets its own copy, and nothing a build does to a message reaches the cache. */
  private readonly entries = new Map<string, Uint8Array>();
  private readonly fresh = new Map<string, Uint8Array>();
  private readonly used = new Set<string>();
  private segments: string[] = [];
  readonly counts: ParseCacheCounts = { hits: 0, parsed: 0 };

  /**
   * The cache of one list of one content folder; `version` covers everything parsing depends on
   * besides the raw message (code, options). `cacheDir` null: no cache, every message is parsed.
   */
  constructor(cacheDir: string | null, contentDir: string, listId: string, private readonly version: string) {
    if (cacheDir === null) {
      this.dir = null;
      return;
    }
    this.dir = join(cacheDir, "parse", createHash("sha1").update(resolve(contentDir)).update("\0").update(listId).digest("hex").slice(0, 20));
    try {
      this.segments = readdirSync(this.dir).filter((f) => f.endsWith(".v8")).sort();
    } catch {
      return;
    }
    for (const segment of this.segments) {
      try {
        const data = deserialize(readFileSync(join(this.dir, segment))) as { version: string; entries: [string, Uint8Array][] };
        if (data.version !== version) continue;
        for (const [key, entry] of data.entries) this.entries.set(key, entry);
      } catch {
        // a damaged segment (a build killed while writing it is renamed into place only when whole): ignored
      }
    }
  }

  /** The parsed message: from the cache, or from `parse` (whose reports are recorded for next time). */
  async get(raw: RawMessage, options: ParseOptions, sink: DiagnosticSink, parse: (sink: DiagnosticSink) => Promise<ArchivedMessage>): Promise<ArchivedMessage> {
    const key = createHash("sha1")
      .update(raw.bytes)
      .update(JSON.stringify([raw.format, raw.envelope, options.fallbackCharset, options.knownTags]))
      .digest("base64url");
    this.used.add(key);
    const cached = this.read(key);
    if (cached) {
      this.counts.hits++;
      for (const [severity, code, message] of cached.reports) sink.report(severity, code, message);
      return { ...cached.message, locator: raw.locator } as ArchivedMessage;
    }
    const reports: [Severity, string, string][] = [];
    const message = await parse({
      report: (severity, code, text) => {
        reports.push([severity, code, text]);
        sink.report(severity, code, text);
      },
    });
    this.counts.parsed++;
    if (this.dir !== null) {
      const { locator: _, ...rest } = message;
      this.fresh.set(key, serialize({ message: rest, reports } satisfies Entry));
    }
    return message;
  }

  /** A stored entry, or null when there is none or it does not read back (then the message is parsed again). */
  private read(key: string): Entry | null {
    const stored = this.entries.get(key) ?? this.fresh.get(key);
    if (!stored) return null;
    try {
      const entry = deserialize(stored) as Entry;
      if (entry && typeof entry === "object" && entry.message && Array.isArray(entry.reports)) return entry;
    } catch {
      // fall through
    }
    this.entries.delete(key);
    return null;
  }

  /** Stores what was parsed this build; packs the segments when there are too many. Never throws: a cache is optional. */
  save(): void {
    if (this.dir === null) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const write = (name: string, entries: [string, Uint8Array][]) => {
        const tmp = join(this.dir!, `${name}.tmp-${process.pid}`);
        writeFileSync(tmp, serialize({ version: this.version, entries }));
        renameSync(tmp, join(this.dir!, name));
      };
      const stamp = `${Date.now().toString(36).padStart(10, "0")}-${process.pid}`;
      if (this.segments.length + 1 > MAX_SEGMENTS) {
        // Pack: one segment with what this build used; older segments and unused entries go.
        const all = [...this.entries, ...this.fresh].filter(([key]) => this.used.has(key));
        write(`${stamp}.v8`, all);
        for (const s of this.segments) unlinkSync(join(this.dir, s));
      } else if (this.fresh.size > 0) {
        write(`${stamp}.v8`, [...this.fresh]);
      } else {
        utimesSync(this.dir, new Date(), new Date());
      }
      pruneLists(join(this.dir, ".."));
    } catch {
      // an unwritable cache only costs the next build time
    }
  }
}

/** Keeps the MAX_LISTS most recently used list caches (tests build many throwaway content folders). */
function pruneLists(parseDir: string): void {
  const lists = readdirSync(parseDir)
    .map((name) => ({ name, mtime: statSync(join(parseDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of lists.slice(MAX_LISTS)) rmSync(join(parseDir, old.name), { recursive: true, force: true });
}

/**
 * A hash of the code that reads and parses messages and finds their words for search (render/'s
 * text blocks, search/), and of the cache's format: a change to any empties the cache.
 */
export function parseVersion(): string {
  return codeVersion(["src/ingest", "src/parse", "src/render", "src/search", "src/archive/archived-message.ts"], { cacheFormat: CACHE_FORMAT });
}

/** The default cache folder: `.cache/` in the project. */
export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, ".cache");

// Ingest types: the RawMessage stream every container reader produces, and the reader interface.
import type { DiagnosticSink } from "../report/diagnostics.ts";

export type ArchiveFormat = "mbox" | "pipermail" | "maildir" | "eml";

export interface SourceLocator {
  /** File path relative to the list folder, posix separators. */
  path: string;
  /** 0-based position of the message in that file; 0 for one-message files. */
  index: number;
  /** Byte offset of the message (its envelope line, where there is one) in the decompressed file. */
  offset: number;
}

/** The envelope line of an mbox or pipermail message: `From sender  asctime-date`. */
export interface Envelope {
  sender: string;
  /** The date as written on the envelope line (asctime), unparsed. */
  date: string;
}

/** A place in a file where a message starts: reading can begin there. */
export interface ReadFrom {
  offset: number;
  index: number;
}

export interface RawMessage {
  /** Header and body bytes: envelope line removed, mboxrd `>From ` unescaped, CRLF kept as found. */
  bytes: Buffer;
  locator: SourceLocator;
  format: ArchiveFormat;
  envelope: Envelope | null;
}

/** One container format. Every reader passes tests/unit/ingest-conformance.test.ts. */
export interface ArchiveReader {
  format: ArchiveFormat;
  /** Whether the first bytes of a (decompressed) file are this format. Order matters: see readers.ts. */
  sniff(head: Buffer, path: string): boolean;
  /**
   * Messages of one decompressed file, in file order. `path` is relative to the list folder.
   * `from`: the chunks start at byte `offset` of the file, where message `index` starts (mbox, pipermail).
   */
  read(chunks: AsyncIterable<Buffer>, path: string, sink: DiagnosticSink, from?: ReadFrom): AsyncIterable<RawMessage>;
}

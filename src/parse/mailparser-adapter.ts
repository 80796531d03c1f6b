// The one adapter around mailparser's MIME layer: a message's bytes become a flat list of leaf parts.
//
// We use @zone-eu/mailsplit, the streaming MIME splitter mailparser is built on, rather than
// mailparser's simpleParser: simpleParser decodes unlabelled 8-bit text as UTF-8 (U+FFFD for every
// Latin-1 byte), un-flows format=flowed text irreversibly and joins all text parts, while an archive
// needs the bytes of each part to pick the charset itself. Nothing else in src/ imports either package.
import type { EventEmitter } from "node:events";
import { decodeTransferEncoding } from "./transfer-encoding.ts";

/**
 * The splitter's package, loaded when the first message is split: a build that parses nothing on
 * a thread (most of a rebuild's main thread) does not load it (30-36 ms with libmime, at every start).
 */
let splitterPackage: Promise<typeof import("@zone-eu/mailsplit")> | null = null;

export interface MimeLeaf {
  /** Dotted part number, "1" for a single-part message. */
  partNumber: string;
  contentType: string;
  charset: string | null;
  disposition: string | null;
  /** File name as mailsplit decoded it (RFC 2047 / 2231), unsanitised; null when the part has none. */
  filename: string | null;
  flowed: boolean;
  delSp: boolean;
  /** Content-Transfer-Encoding undone. */
  bytes: Buffer;
  /** Whether a multipart/alternative ancestor holds it. */
  inAlternative: boolean;
}

export interface MimeTree {
  leaves: MimeLeaf[];
  /** Problems the splitter met (limits, broken structure); the leaves read so far are kept. */
  errors: string[];
}

/** Limits: real mail nests a handful of levels; a hostile message may nest hundreds. */
const MAX_CHILD_NODES = 2000;
const MAX_HEAD_SIZE = 1 << 20;

interface SplitterNode {
  type: "node";
  root: boolean;
  parentNode: SplitterNode | false;
  multipart: string | false;
  /** The multipart's boundary (mailsplit's own field); false when the Content-Type gave none. */
  _boundary: Buffer | false;
  encoding: string | false;
  contentType: string | false;
  charset: string | false;
  disposition: string | false;
  filename: string | false;
  flowed: boolean;
  delSp: boolean;
  partNr: (number | string)[] | false;
  getPartNr(): (number | string)[];
}

type SplitterChunk = SplitterNode | { type: "body"; value: Buffer } | { type: "data"; node: SplitterNode; value: Buffer };

/** A media type as RFC 2045 writes it (type/subtype of token characters); anything else is junk. */
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]{1,127}\/[a-z0-9!#$&^_.+-]{1,127}$/;

/** The part's media type, lower case; junk (`<script>/<svg>`) is taken as application/octet-stream. */
function mediaType(value: string | false): string {
  const type = (value || "text/plain").toLowerCase();
  return MEDIA_TYPE.test(type) ? type : "application/octet-stream";
}

/** The boundaries closed (`--boundary--`) by the lines of a data chunk; mailsplit groups adjacent delimiter lines into one chunk. */
function closedBoundaries(data: Buffer): string[] {
  const out: string[] = [];
  for (const line of data.toString("latin1").split("\n")) {
    const m = /^--(.+)--[ \t\r]*$/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

function ancestors(node: SplitterNode): SplitterNode[] {
  const out: SplitterNode[] = [];
  for (let p = node.parentNode; p; p = p.parentNode) out.push(p);
  return out;
}

export async function splitMime(bytes: Buffer): Promise<MimeTree> {
  const { Splitter } = await (splitterPackage ??= import("@zone-eu/mailsplit"));
  return new Promise((resolve) => {
    const leaves: MimeLeaf[] = [];
    const errors: string[] = [];
    /** The leaf being read; `asText` for a multipart without a boundary, whose content is kept as text rather than lost. */
    let current: { node: SplitterNode; chunks: Buffer[]; asText: boolean } | null = null;
    const flush = () => {
      if (!current) return;
      const { node, chunks, asText } = current;
      current = null;
      const up = ancestors(node);
      const partNr = node.partNr || node.getPartNr();
      leaves.push({
        partNumber: partNr.length ? partNr.join(".") : "1",
        contentType: asText ? "text/plain" : mediaType(node.contentType),
        charset: node.charset || null,
        disposition: node.disposition ? node.disposition.toLowerCase() : null,
        filename: node.filename || null,
        flowed: node.flowed,
        delSp: node.delSp,
        bytes: decodeTransferEncoding(node.encoding || "", Buffer.concat(chunks)),
        inAlternative: up.some((p) => p.multipart === "alternative"),
      });
    };
    // An attached message/rfc822 stays one leaf: it is offered as a download, not merged into the body.
    const splitter = new Splitter({ maxChildNodes: MAX_CHILD_NODES, maxHeadSize: MAX_HEAD_SIZE, ignoreEmbedded: true });
    const events = splitter as unknown as EventEmitter;
    // Boundaries of the multiparts whose closing delimiter has not been seen yet (a hostile or truncated message never closes them).
    const open: string[] = [];
    let withoutBoundary = 0;
    events.on("data", (chunk: SplitterChunk) => {
      if (chunk.type === "node") {
        flush();
        if (!chunk.multipart) current = { node: chunk, chunks: [], asText: false };
        else if (chunk._boundary) open.push(chunk._boundary.toString("latin1"));
        else {
          withoutBoundary++;
          current = { node: chunk, chunks: [], asText: true };
        }
      } else if (current && (chunk.type === "body" || (chunk.type === "data" && current.asText && chunk.node === current.node))) {
        current.chunks.push(chunk.value);
      } else if (chunk.type === "data" && open.length > 0) {
        for (const boundary of closedBoundaries(chunk.value)) {
          const k = open.lastIndexOf(boundary);
          if (k >= 0) open.splice(k, 1);
        }
      }
    });
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      flush();
      if (open.length > 0 && errors.length === 0) errors.push(`${open.length} multipart part(s) never closed: the message ends without their closing boundary`);
      if (withoutBoundary > 0) errors.push(`${withoutBoundary} multipart part(s) without a boundary parameter: their content is read as one text part`);
      resolve({ leaves, errors });
    };
    events.on("error", (e: Error) => {
      errors.push(e.message);
      finish();
    });
    events.on("end", finish);
    splitter.end(bytes);
  });
}

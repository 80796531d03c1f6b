// Body selection: which MIME leaves are the text shown, the HTML kept for sanitised rendering, and attachments.
import { createHash } from "node:crypto";
import type { Attachment, MessageBody } from "./types.ts";
import type { MimeLeaf } from "./mailparser-adapter.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import { decodeBytes } from "./charset.ts";
import { unflow } from "./flowed.ts";
import { sanitizeAttachmentName } from "./attachment-name.ts";
import { BIDI_CONTROLS } from "./encoded-words.ts";

export interface BodyParts {
  body: MessageBody;
  attachments: Attachment[];
}

/** Detached signatures without a file name sign the text; they are not files a reader wants (nor does Pony Mail list them). */
const SIGNATURES = new Set(["application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"]);

/** A leaf is an attachment when it has a file name or says so (Pony Mail's rule, which we share). */
function isAttachment(leaf: MimeLeaf): boolean {
  return leaf.filename !== null || leaf.disposition === "attachment";
}

function decodeText(leaf: MimeLeaf, fallback: string): ReturnType<typeof decodeBytes> {
  const decoded = decodeBytes(leaf.bytes, leaf.charset, fallback);
  return { ...decoded, text: decoded.text.replace(/\r\n?/g, "\n") };
}

/**
 * The body is the first inline text/plain leaf (else the first other inline text leaf, such as
 * text/enriched), followed by further inline text leaves outside its multipart/alternative. An
 * HTML-only message keeps its HTML for the sanitiser. Every other leaf is an attachment, so no
 * part of a message is dropped: an HTML part beside the text (not its alternative) is offered as a file.
 */
export function selectBodyParts(leaves: MimeLeaf[], fallback: string, sink: DiagnosticSink): BodyParts {
  const inline = leaves.filter((l) => !isAttachment(l));
  const texts = inline.filter((l) => l.contentType.startsWith("text/") && l.contentType !== "text/html");
  const first = texts.find((l) => l.contentType === "text/plain") ?? texts[0];
  const html = first ? undefined : inline.find((l) => l.contentType === "text/html");
  // In an alternative with the chosen part, siblings are other renderings of the same text.
  const shadowed = (l: MimeLeaf) => first !== undefined && l !== first && l.inAlternative && first.inAlternative && !isAttachment(l);
  const shown = texts.filter((l) => l !== first && !shadowed(l));

  let body: MessageBody;
  if (first) {
    const decoded = decodeText(first, fallback);
    const flowedText = first.flowed ? unflow(decoded.text, first.delSp) : decoded.text;
    body = {
      // The text shown and searched loses bidi overrides as header text does; rawText keeps the bytes' meaning.
      text: [flowedText, ...shown.map((l) => decodeText(l, fallback).text)].join("\n\n").replace(BIDI_CONTROLS, ""),
      rawText: decoded.text,
      flowed: first.flowed,
      html: null,
      charset: decoded.charset,
      charsetSource: decoded.source,
    };
  } else if (html) {
    const decoded = decodeText(html, fallback);
    body = { text: "", rawText: "", flowed: false, html: decoded.text, charset: decoded.charset, charsetSource: decoded.source };
  } else {
    body = { text: "", rawText: "", flowed: false, html: null, charset: "us-ascii", charsetSource: "ascii" };
  }
  if (body.charsetSource === "fallback") {
    sink.report("info", "charset-fallback", `8-bit text with no usable charset label was read as ${body.charset}`);
  }

  const attachments: Attachment[] = [];
  for (const leaf of leaves) {
    if (leaf === first || leaf === html || shown.includes(leaf) || shadowed(leaf)) continue;
    if (!isAttachment(leaf) && (leaf.bytes.length === 0 || SIGNATURES.has(leaf.contentType))) continue;
    attachments.push({
      filename: sanitizeAttachmentName(leaf.filename, leaf.contentType, leaf.partNumber),
      contentType: leaf.contentType,
      size: leaf.bytes.length,
      sha256: createHash("sha256").update(leaf.bytes).digest("hex"),
      content: leaf.bytes,
    });
  }
  return { body, attachments };
}

// Taking mail down: the messages a list's removed.txt names, matched by Message-ID (every copy and variant).
import type { ListConfig } from "../ingest/index.ts";
import { normalizeMessageId } from "../parse/message-id.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import type { MessageRecord } from "./types.ts";

/** What a removed message leaves: a notice at its permalink, pointing at its thread if one remains. */
export interface RemovedPage {
  url: string;
  listId: string;
  listTitle: string;
  threadUrl: string | null;
}

/**
 * The Message-IDs to take down. A line that is no Message-ID, or names no message of the list,
 * is reported on `sink` (removed.txt) with its line number.
 */
export function removedIds(config: ListConfig, records: readonly MessageRecord[], sink: DiagnosticSink): Set<string> {
  const present = new Set(records.map((r) => r.messageId));
  const ids = new Set<string>();
  for (const entry of config.removed) {
    const id = normalizeMessageId(entry.id);
    if (id === null || /\s/.test(entry.id.replace(/^<|>$/g, ""))) {
      sink.report("warning", "removed-id-invalid", `line ${entry.line}: ${JSON.stringify(entry.id.slice(0, 200))} is not a Message-ID: ignored`);
      continue;
    }
    if (!present.has(id)) sink.report("info", "removed-id-absent", `line ${entry.line}: ${id} names no message of this list`);
    ids.add(id);
  }
  return ids;
}

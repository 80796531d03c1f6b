// Threading types: what a message brings to threading, and the links and trees it gets back.

export interface ThreadInput {
  messageId: string;
  /** In-Reply-To and References merged, oldest ancestor first, the direct parent last. */
  references: string[];
  /** The first usable In-Reply-To id, or null. */
  inReplyTo: string | null;
  /** ISO 8601 UTC, or null. */
  date: string | null;
  /** Subject without list tags and reply prefixes. */
  baseSubject: string;
  subjectIsReply: boolean;
  /** Breaks ties between equal dates and orders messages sharing a Message-ID (the content hash). */
  tiebreak: string;
}

export interface ThreadOptions {
  /** Join messages without any usable reference to a thread with the same base subject. */
  subjectGrouping: boolean;
  /** How far back (days) subject grouping looks for a thread with the same subject. */
  subjectWindowDays: number;
}

export const DEFAULT_THREAD_OPTIONS: ThreadOptions = { subjectGrouping: false, subjectWindowDays: 30 };

export interface ThreadLinks {
  /** Message-ID of the archived message this one replies to, or null (also under a same-id message). */
  parentId: string | null;
  /** The Message-ID replied to when that message is not in the archive (a ghost), else null. */
  missingParentId: string | null;
  /** Message-ID at the top of the thread's tree: a ghost's id when the root is not archived. */
  threadId: string;
  /** How the parent was found ("message-id": placed under the other message with its Message-ID). */
  linkedBy: "in-reply-to" | "references" | "subject" | "message-id" | null;
  /** A parent the message names whose link was cut because it would close a loop, or null. */
  loopCut: string | null;
}

/** One node of a flattened thread: a message (by input index) or a ghost kept as a placeholder. */
export interface ThreadNode {
  /** Index into the input array, or null for a message referenced but not archived. */
  index: number | null;
  messageId: string;
  depth: number;
}

export interface ThreadTree {
  threadId: string;
  /** Depth-first, children by date: the reading order of the thread page. */
  nodes: ThreadNode[];
}

export interface ThreadResult {
  /** Aligned with the input array. */
  links: ThreadLinks[];
  /** Every thread, in order of its first message's date. */
  trees: ThreadTree[];
}

// Indexes stage: page records and URLs, decided once here.
export type { MessageRecord, MessageSource, PublishedAttachment, SkippedMessage } from "./types.ts";
export { buildMessageRecords } from "./message-records.ts";
export { StringPool } from "./string-pool.ts";
export { mergeDuplicates, type PublishedCopy } from "./duplicates.ts";
export { compareDates } from "./order.ts";
export { exportLines, exportRecord, exportKey } from "./export.ts";
export { Digests } from "./digests.ts";
export { attachmentPath, authorPath, listPath, messageAnchor, messageIdSegment, messagePath, monthPath, slugify, threadPath } from "./permalink.ts";
export { publishAddress } from "./privacy.ts";
export { buildThreads, type ThreadEntry, type ThreadRecord } from "./threads.ts";
export { buildSiteModel, type AuthorPage, type PageGroup, type ListHome, type MessagePage, type PendingPage, type SiteModel, type ThreadPage, type ThreadPageGroup } from "./site-model.ts";
export { assignAuthorUrls, type AuthorRecord } from "./authors.ts";
export type { MonthViewPage } from "./months.ts";
export { removedIds, type RemovedPage } from "./removed.ts";

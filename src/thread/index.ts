// Thread stage: the reply structure of a whole list (jwz's algorithm), knowing nothing of HTML.
import { topOf } from "./container.ts";
import { flattenThreads } from "./flatten.ts";
import { linkParents } from "./link-parents.ts";
import { processingOrder } from "./order.ts";
import { groupBySubject } from "./subject-grouping.ts";
import { DEFAULT_THREAD_OPTIONS, type ThreadInput, type ThreadLinks, type ThreadOptions, type ThreadResult } from "./types.ts";

export type { ThreadInput, ThreadLinks, ThreadNode, ThreadOptions, ThreadResult, ThreadTree } from "./types.ts";
export { DEFAULT_THREAD_OPTIONS } from "./types.ts";

/**
 * Threads every message of a list at once (not per month or per file). The result depends only
 * on the messages, never on their input order.
 */
export function threadMessages(inputs: readonly ThreadInput[], options: ThreadOptions = DEFAULT_THREAD_OPTIONS): ThreadResult {
  const order = processingOrder(inputs);
  const { containers, linkedBy, cut } = linkParents(inputs, order);
  if (options.subjectGrouping) for (const i of groupBySubject(inputs, containers, order, options)) linkedBy[i] = "subject";

  const topOfEach = containers.map(topOf);
  const links: ThreadLinks[] = containers.map((c, i) => {
    const parent = c.parent;
    return {
      parentId: parent && !parent.isGhost && parent.id !== c.id ? parent.id : null,
      missingParentId: parent && parent.isGhost ? parent.id : null,
      threadId: topOfEach[i]!.id,
      linkedBy: parent ? linkedBy[i]! : null,
      loopCut: cut[i]!,
    };
  });
  return { links, trees: flattenThreads(inputs, [...new Set(topOfEach)]) };
}

// Thread trees in reading order: iterative depth-first walks, children by date, empty ghosts pruned.
import type { Container } from "./container.ts";
import { compareInputs } from "./order.ts";
import type { ThreadInput, ThreadNode, ThreadTree } from "./types.ts";

/**
 * One tree per top container that holds at least one message. A ghost with no message below it
 * is dropped; a ghost with one child gives its place to that child (the placeholder would say
 * nothing); a ghost with several children stays as a placeholder node ("not in this archive").
 */
export function flattenThreads(inputs: readonly ThreadInput[], tops: readonly Container[]): ThreadTree[] {
  const earliest = earliestInputs(inputs, tops);
  const byDate = (a: Container, b: Container) => {
    const x = earliest.get(a);
    const y = earliest.get(b);
    return compareInputs(inputs[x!]!, inputs[y!]!) || x! - y!;
  };
  const trees: ThreadTree[] = [];
  for (const top of [...tops].filter((t) => earliest.has(t)).sort(byDate)) {
    const nodes: ThreadNode[] = [];
    const stack: [Container, number][] = [[top, 0]];
    while (stack.length > 0) {
      const [c, depth] = stack.pop()!;
      const kids = c.children.filter((k) => earliest.has(k)).sort(byDate);
      if (c.isGhost && kids.length === 1) {
        stack.push([kids[0]!, depth]);
        continue;
      }
      nodes.push({ index: c.index, messageId: c.id, depth });
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k]!, depth + 1]);
    }
    trees.push({ threadId: top.id, nodes });
  }
  return trees;
}

/** For every container with a message at or below it, the input index of its earliest such message. */
function earliestInputs(inputs: readonly ThreadInput[], tops: readonly Container[]): Map<Container, number> {
  const best = new Map<Container, number>();
  for (const top of tops) {
    // Post-order without recursion: a container is settled after all its children.
    const stack: [Container, boolean][] = [[top, false]];
    while (stack.length > 0) {
      const [c, done] = stack.pop()!;
      if (!done) {
        stack.push([c, true]);
        for (const k of c.children) stack.push([k, false]);
        continue;
      }
      let b = c.index;
      for (const k of c.children) {
        const kb = best.get(k);
        if (kb !== undefined && (b === null || compareInputs(inputs[kb]!, inputs[b]!) < 0)) b = kb;
      }
      if (b !== null) best.set(c, b);
    }
  }
  return best;
}

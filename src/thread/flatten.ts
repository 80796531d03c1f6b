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
  setEarliest(inputs, tops);
  const byDate = (a: Container, b: Container) => {
    const x = a.earliest!;
    const y = b.earliest!;
    return compareInputs(inputs[x]!, inputs[y]!) || x - y;
  };
  const trees: ThreadTree[] = [];
  // The walk's stack: containers and their depths side by side (no pair made per node).
  const stack: Container[] = [];
  const depths: number[] = [];
  for (const top of tops.filter(holdsMessage).sort(byDate)) {
    const nodes: ThreadNode[] = [];
    stack.push(top);
    depths.push(0);
    while (stack.length > 0) {
      const c = stack.pop()!;
      const depth = depths.pop()!;
      // Most containers are the last message of their branch: no list is made of their children.
      const kids = c.children.length === 0 ? NO_CHILDREN : c.children.filter(holdsMessage).sort(byDate);
      if (c.isGhost && kids.length === 1) {
        stack.push(kids[0]!);
        depths.push(depth);
        continue;
      }
      nodes.push({ index: c.index, messageId: c.id, depth });
      for (let k = kids.length - 1; k >= 0; k--) {
        stack.push(kids[k]!);
        depths.push(depth + 1);
      }
    }
    trees.push({ threadId: top.id, nodes });
  }
  return trees;
}

const NO_CHILDREN: readonly Container[] = [];

const holdsMessage = (c: Container) => c.earliest !== null;

/** Sets `earliest` on every container of the trees of `tops`: the input index of the earliest message at or below it. */
function setEarliest(inputs: readonly ThreadInput[], tops: readonly Container[]): void {
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
        const kb = k.earliest;
        if (kb !== null && (b === null || compareInputs(inputs[kb]!, inputs[b]!) < 0)) b = kb;
      }
      c.earliest = b;
    }
  }
}

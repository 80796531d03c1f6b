// Containers: nodes of the reply tree (a message or a ghost), and the one rule for linking them.

export class Container {
  readonly id: string;
  /** Index of the message in the input, or null while the container is a ghost. */
  index: number | null = null;
  parent: Container | null = null;
  readonly children: Container[] = [];
  /**
   * The input index of the earliest message at or below it, once its tree is flattened (null: none,
   * an empty ghost). A field, not a map: the flattening's sorts ask for it twice per comparison.
   */
  earliest: number | null = null;

  constructor(id: string) {
    this.id = id;
  }

  get isGhost(): boolean {
    return this.index === null;
  }
}

/**
 * Makes `child` a child of `parent`, unless that would re-parent it (it has a parent already),
 * link it to itself, or close a loop (`child` is an ancestor of `parent`). Returns whether it
 * linked. The ancestor walk is iterative and bounded by the tree's depth.
 */
export function addChild(parent: Container, child: Container): boolean {
  if (child.parent !== null || parent === child) return false;
  for (let p: Container | null = parent; p !== null; p = p.parent) if (p === child) return false;
  child.parent = parent;
  parent.children.push(child);
  return true;
}

/** The top of a container's tree. */
export function topOf(c: Container): Container {
  let top = c;
  while (top.parent !== null) top = top.parent;
  return top;
}

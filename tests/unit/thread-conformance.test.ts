// Threading conformance: each JSON fixture in tests/fixtures/threading is a case the threader must get right.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_THREAD_OPTIONS, threadMessages, type ThreadInput, type ThreadResult } from "../../src/thread/index.ts";
import { fixtureInput, THREAD_FIXTURES as fixtures, type Expectation, type Fixture } from "../support/thread-fixtures.ts";

function check(f: Fixture, inputs: ThreadInput[], result: ThreadResult): void {
  const depthOf = new Map<number, number>();
  for (const tree of result.trees) for (const n of tree.nodes) if (n.index !== null) depthOf.set(n.index, n.depth);
  const verify = (i: number, e: Expectation, label: string) => {
    const got = result.links[i]!;
    assert.equal(got.parentId, e.parent, `${label} parent`);
    assert.equal(got.threadId, e.thread, `${label} thread`);
    if (e.missingParent !== undefined) assert.equal(got.missingParentId, e.missingParent, `${label} missing parent`);
    if (e.depth !== undefined) assert.equal(depthOf.get(i), e.depth, `${label} depth`);
    if (e.linkedBy !== undefined) assert.equal(got.linkedBy, e.linkedBy, `${label} linked by`);
  };
  for (const [id, e] of Object.entries(f.expected)) {
    const i = inputs.findIndex((m) => m.messageId === id);
    assert.ok(i >= 0, `${id} in input`);
    verify(i, e, id);
  }
  f.expectedByIndex?.forEach((e, i) => verify(i, e, `input #${i}`));
  // Every message appears exactly once across the trees, in the thread its links name.
  const seen = result.trees.flatMap((t) => t.nodes.filter((n) => n.index !== null).map((n) => [n.index!, t.threadId] as const));
  assert.equal(seen.length, inputs.length);
  for (const [i, threadId] of seen) assert.equal(result.links[i]!.threadId, threadId);
}

for (const f of fixtures) {
  test(`threading fixture ${f.name}: ${f.description}`, () => {
    const options = { ...DEFAULT_THREAD_OPTIONS, ...f.options };
    const inputs = f.input.map(fixtureInput);
    check(f, inputs, threadMessages(inputs, options));
    // The same messages in reverse order give the same structure.
    const reversed = [...inputs].reverse();
    const r = threadMessages(reversed, options);
    const n = inputs.length;
    const back: ThreadResult = { links: r.links.map((_, i) => r.links[n - 1 - i]!), trees: r.trees.map((t) => ({ ...t, nodes: t.nodes.map((x) => ({ ...x, index: x.index === null ? null : n - 1 - x.index })) })) };
    check(f, inputs, back);
  });
}

test("there are threading fixtures for every case the threading issue names", () => {
  const names = fixtures.map((f) => f.name);
  for (const required of ["reply-before-parent", "missing-parent", "in-reply-to-loop", "self-reference", "duplicate-ids", "same-subject-not-merged", "same-subject-merged", "forty-deep-chain"]) {
    assert.ok(names.includes(required), required);
  }
});

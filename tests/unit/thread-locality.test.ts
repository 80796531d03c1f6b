// Threading is local: messages that name no Message-ID in common with new mail (their own, In-Reply-To
// or References; with subject grouping, no subject either) keep their links and thread trees, so a
// rebuild need only thread again what new mail touches. Checked on the threading fixtures and the corpus.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { threadInputOf } from "../../src/archive/build-archive.ts";
import { threadMessages, type ThreadInput, type ThreadOptions, type ThreadResult } from "../../src/thread/index.ts";
import { compareInputs } from "../../src/thread/order.ts";
import { subjectKey } from "../../src/thread/subject-grouping.ts";
import { archiveOf, linkedContent } from "../support/archive.ts";
import { CORPUS, CORPUS_LISTS, corpusSkip } from "../support/corpus.ts";
import { createPrng, type Prng } from "../support/prng.ts";
import { fixtureInput, THREAD_FIXTURES } from "../support/thread-fixtures.ts";

const namedIds = (m: ThreadInput) => (m.inReplyTo === null ? [m.messageId, ...m.references] : [m.messageId, ...m.references, m.inReplyTo]);

/** Each message's component: messages are joined when they name an id in common, and with subject grouping when their subject keys are equal. */
function components(inputs: readonly ThreadInput[], grouping: boolean): { of: number[]; byId: Map<string, number>; byKey: Map<string, number> } {
  const up: number[] = [];
  const find = (x: number): number => {
    while (up[x] !== x) x = up[x] = up[up[x]!]!;
    return x;
  };
  const unite = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) up[Math.max(x, y)] = Math.min(x, y);
  };
  const byId = new Map<string, number>();
  const byKey = new Map<string, number>();
  const meet = (table: Map<string, number>, key: string, i: number) => {
    const other = table.get(key);
    if (other === undefined) table.set(key, i);
    else unite(i, other);
  };
  inputs.forEach((m, i) => {
    up.push(i);
    for (const id of namedIds(m)) meet(byId, id, i);
    if (grouping) meet(byKey, subjectKey(m.baseSubject), i);
  });
  const settle = (table: Map<string, number>) => new Map([...table].map(([k, i]) => [k, find(i)]));
  return { of: inputs.map((_, i) => find(i)), byId: settle(byId), byKey: settle(byKey) };
}

/**
 * What a rebuild that threads only what new mail touches would get: the old messages' result, and
 * the components of the old messages that the `arrived` ones name (by id, or subject key when
 * grouping) threaded again with them; links aligned with `inputs`, trees in the thread stage's
 * order (by their earliest message). Also how many old messages were threaded again.
 */
function threadArrived(inputs: readonly ThreadInput[], arrived: readonly boolean[], options: ThreadOptions): { result: ThreadResult; again: number } {
  const oldIndex = inputs.flatMap((_, i) => (arrived[i] ? [] : [i]));
  const old = oldIndex.map((i) => inputs[i]!);
  const before = threadMessages(old, options);
  const parts = components(old, options.subjectGrouping);
  const touched = new Set<number>();
  inputs.forEach((m, i) => {
    if (!arrived[i]) return;
    for (const id of namedIds(m)) if (parts.byId.has(id)) touched.add(parts.byId.get(id)!);
    const key = parts.byKey.get(subjectKey(m.baseSubject));
    if (options.subjectGrouping && key !== undefined) touched.add(key);
  });
  const againIndex = [...oldIndex.filter((_, k) => touched.has(parts.of[k]!)), ...inputs.flatMap((_, i) => (arrived[i] ? [i] : []))];
  const after = threadMessages(againIndex.map((i) => inputs[i]!), options);
  const links: ThreadResult["links"] = new Array(inputs.length);
  before.links.forEach((l, k) => (links[oldIndex[k]!] = l));
  after.links.forEach((l, k) => (links[againIndex[k]!] = l));
  const global = (tree: ThreadResult["trees"][number], index: readonly number[]) => ({ ...tree, nodes: tree.nodes.map((n) => ({ ...n, index: n.index === null ? null : index[n.index]! })) });
  const kept = before.trees.filter((t) => !t.nodes.some((n) => n.index !== null && touched.has(parts.of[n.index]!))).map((t) => global(t, oldIndex));
  const trees = [...kept, ...after.trees.map((t) => global(t, againIndex))];
  const earliest = (tree: ThreadResult["trees"][number]) => tree.nodes.flatMap((n) => (n.index === null ? [] : [inputs[n.index]!])).sort(compareInputs)[0]!;
  trees.sort((a, b) => compareInputs(earliest(a), earliest(b)));
  return { result: { links, trees }, again: againIndex.length - (inputs.length - oldIndex.length) };
}

function assertSameThreading(inputs: readonly ThreadInput[], arrived: readonly boolean[], options: ThreadOptions, label: string): number {
  const whole = threadMessages(inputs, options);
  const { result, again } = threadArrived(inputs, arrived, options);
  inputs.forEach((m, i) => assert.deepEqual(result.links[i], whole.links[i], `${label}: the links of ${m.messageId}`));
  assert.deepEqual(result.trees, whole.trees, `${label}: the thread trees`);
  return again;
}

/** Which messages arrive: each alone, the latest few by date (new mail), and random picks. */
function arrivals(inputs: readonly ThreadInput[], random: Prng, singles: number): { label: string; arrived: boolean[] }[] {
  const n = inputs.length;
  const byDate = inputs.map((_, i) => i).sort((a, b) => compareInputs(inputs[a]!, inputs[b]!));
  const out: { label: string; arrived: boolean[] }[] = [];
  for (let s = 0; s < Math.min(singles, n); s++) {
    const i = singles >= n ? s : random.int(n);
    out.push({ label: `message #${i} arriving alone`, arrived: inputs.map((_, k) => k === i) });
  }
  for (const share of [0.01, 0.05, 0.2]) {
    const latest = new Set(byDate.slice(n - Math.max(1, Math.round(n * share))));
    out.push({ label: `the latest ${share * 100}% arriving`, arrived: inputs.map((_, k) => latest.has(k)) });
    out.push({ label: `a random ${share * 100}% arriving`, arrived: inputs.map(() => random.next() < share) });
  }
  return out;
}

test("every threading fixture threads the same when any of its messages arrives last and only what it touches is threaded again", () => {
  const random = createPrng(6);
  for (const f of THREAD_FIXTURES) {
    const inputs = f.input.map(fixtureInput);
    for (const subjectGrouping of [false, true]) {
      const options = { subjectWindowDays: 30, ...f.options, subjectGrouping };
      for (const { label, arrived } of arrivals(inputs, random, inputs.length)) assertSameThreading(inputs, arrived, options, `${f.name}, ${label}, subject grouping ${subjectGrouping}`);
    }
  }
});

test("each corpus list threads the same when new mail is threaded only with the threads it names", { skip: corpusSkip }, async (t) => {
  const random = createPrng(66);
  for (const { folder } of CORPUS_LISTS) {
    const { archive } = await archiveOf(linkedContent({ list: join(CORPUS, folder) }));
    // The published copies, as the thread stage got them.
    const inputs = archive.lists[0]!.records.map((r) => threadInputOf(archive.messages.head(r.url)!));
    archive.close();
    let again = 0;
    let cases = 0;
    for (const subjectGrouping of [false, true]) {
      for (const { label, arrived } of arrivals(inputs, random, 10)) {
        again += assertSameThreading(inputs, arrived, { subjectGrouping, subjectWindowDays: 30 }, `${folder}, ${label}, subject grouping ${subjectGrouping}`);
        cases++;
      }
    }
    t.diagnostic(`${folder}: ${inputs.length} messages, ${cases} arrivals; old messages threaded again ${(again / cases).toFixed(1)} per arrival on average`);
  }
});

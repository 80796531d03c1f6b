// The threading fixtures (tests/fixtures/threading/*.json): hard reply structures, as threading inputs.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { ThreadInput } from "../../src/thread/index.ts";
import { parseSubject } from "../../src/parse/subject.ts";
import { PROJECT_ROOT } from "./corpus.ts";

export interface FixtureMessage {
  id: string;
  date: string;
  subject: string;
  inReplyTo?: string;
  references?: string[];
  tiebreak?: string;
}
export interface Expectation {
  parent: string | null;
  thread: string;
  missingParent?: string;
  depth?: number;
  linkedBy?: string | null;
}
export interface Fixture {
  name: string;
  description: string;
  options?: { subjectGrouping?: boolean };
  input: FixtureMessage[];
  expected: Record<string, Expectation>;
  expectedByIndex?: Expectation[];
}

const DIR = join(PROJECT_ROOT, "tests", "fixtures", "threading");
export const THREAD_FIXTURES: Fixture[] = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as Fixture);

/** A fixture message as the thread stage gets it (the `i`th of its fixture). */
export function fixtureInput(m: FixtureMessage, i: number): ThreadInput {
  const s = parseSubject(m.subject);
  const references = [...(m.references ?? [])];
  if (m.inReplyTo && !references.includes(m.inReplyTo)) references.push(m.inReplyTo);
  return {
    messageId: m.id,
    references: references.filter((r) => r !== m.id),
    inReplyTo: m.inReplyTo && m.inReplyTo !== m.id ? m.inReplyTo : null,
    date: new Date(m.date).toISOString(),
    baseSubject: s.baseSubject,
    subjectIsReply: s.isReply,
    tiebreak: m.tiebreak ?? String(i).padStart(4, "0"),
  };
}

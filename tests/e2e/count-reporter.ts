// Playwright reporter: one line per test and the closing `e2e: N passed, N failed` that tests/run.ts reads.
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class CountReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    const outcome = test.outcome();
    if (outcome === "skipped") this.skipped++;
    else if (outcome === "expected" || outcome === "flaky") this.passed++;
    else this.failed++;
    const mark = outcome === "skipped" ? "skip" : outcome === "unexpected" ? "FAIL" : "ok";
    console.log(`${mark} - e2e › ${test.titlePath().slice(2).join(" › ")} (${result.duration} ms)`);
    if (outcome === "unexpected") for (const e of result.errors) console.log((e.message ?? String(e)).replace(/\u001b\[[0-9;]*m/g, ""));
  }

  onEnd(result: FullResult): void {
    if (result.status !== "passed" && this.failed === 0 && this.passed === 0) this.failed = 1;
    console.log(`e2e: ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped`);
  }

  printsToStdio(): boolean {
    return true;
  }
}

import type { Reporter, TestModule } from 'vitest/node'

/** Ends every run with one plain line, `N passed, N failed`, that people and CI can read at a glance. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      // A file that failed to load has no tests to count: it still is a failure.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++
    }
    failed += unhandledErrors.length
    const skippedNote = skipped > 0 ? ` (${skipped} skipped)` : ''
    process.stdout.write(`\n${passed} passed, ${failed} failed${skippedNote}\n`)
  }
}

// Prints the suite's totals as one plain line ("Tests: N passed, N failed") from vitest's JSON
// report, so CI logs end with a count any reader can check.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('test-output/vitest.json', 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
);
process.exitCode = report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0;

// Sums the xunit CTRF reports of a test run and prints "N passed, N failed, N skipped".
// Usage: node summarize-ctrf.mjs <results directory> <exit code of the test run>
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [directory, exitCode = '0'] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const reports = existsSync(directory) ? readdirSync(directory).filter((f) => f.endsWith('.ctrf')) : [];
for (const file of reports) {
  const summary = JSON.parse(readFileSync(join(directory, file), 'utf8')).results.summary;
  totals.passed += summary.passed;
  totals.failed += summary.failed;
  totals.skipped += summary.skipped + (summary.pending ?? 0) + (summary.other ?? 0);
}

// A test process that crashed or failed to build leaves no failed test behind, only a non-zero exit code.
if (exitCode !== '0' && totals.failed === 0) {
  console.log(`(the test run exited with ${exitCode} without reporting a failed test; counting it as one failure)`);
  totals.failed = 1;
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);

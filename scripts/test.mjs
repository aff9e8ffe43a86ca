// `npm test`: typecheck, lint, unit and integration tests (vitest), then browser tests (Playwright),
// and one closing line "N passed, N failed, N skipped" totalling every suite — typecheck and lint
// count as one test each. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
mkdirSync('test-results', { recursive: true });

function step(name, command, args) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function record(name, passed, failed, skipped, seconds) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${name.padEnd(10)} ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds} s)`);
}

if (want('typecheck')) {
  const r = step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
  record('typecheck', r.ok ? 1 : 0, r.ok ? 0 : 1, 0, r.seconds);
}
if (want('lint')) {
  const r = step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0']);
  record('lint', r.ok ? 1 : 0, r.ok ? 0 : 1, 0, r.seconds);
}
if (want('unit')) {
  const out = 'test-results/vitest.json';
  rmSync(out, { force: true });
  const r = step('unit', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const crashed = !r.ok && report.numFailedTests === 0 ? 1 : 0; // a suite that failed to load counts as a failure
    record('unit', report.numPassedTests, report.numFailedTests + crashed, report.numPendingTests + report.numTodoTests, r.seconds);
  } else record('unit', 0, 1, 0, r.seconds);
}
if (want('e2e')) {
  const chromium = step('chromium', process.execPath, ['scripts/ensure-chromium.mjs']);
  const out = 'test-results/playwright.json';
  rmSync(out, { force: true });
  const r = chromium.ok ? step('e2e', process.execPath, ['node_modules/@playwright/test/cli.js', 'test']) : { ok: false, seconds: '0' };
  if (existsSync(out)) {
    const { stats } = JSON.parse(readFileSync(out, 'utf8'));
    const crashed = !r.ok && stats.unexpected === 0 ? 1 : 0;
    record('e2e', stats.expected + stats.flaky, stats.unexpected + crashed, stats.skipped, r.seconds);
  } else record('e2e', 0, 1, 0, r.seconds);
}

console.log('\n=== summary');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

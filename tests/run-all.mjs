#!/usr/bin/env node
/**
 * Runs every test suite and prints one closing line: "N passed, M failed".
 *   1. Python side on native CPython (pytest): precheck, runner, profile, and the
 *      hostile corpus inside bubblewrap.
 *   2. Everything else with vitest: Node runtime with real Pyodide, CLI,
 *      Chromium end-to-end.
 * A missing prerequisite is a loud failure that counts, never a silent skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const python = process.env.EXCEL_AI_TEST_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Names of what failed, repeated at the end: CI logs are often read from the tail. */
const failures = [];
const extraArgs = process.argv.slice(2);

function prerequisite(name, ok, fix) {
  if (ok) return;
  totals.failed += 1;
  failures.push(`missing prerequisite: ${name}`);
  console.error(`\n✗ MISSING PREREQUISITE: ${name}. ${fix}\n`);
}

function hasPythonModules(modules) {
  return spawnSync(python, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' }).status === 0;
}

prerequisite('CPython with openpyxl, pandas and pytest', hasPythonModules(['openpyxl', 'pandas', 'pytest']), 'Run ./scripts/setup.sh (apt-get install python3-openpyxl python3-pandas python3-pytest).');
prerequisite('bubblewrap (/usr/bin/bwrap)', existsSync('/usr/bin/bwrap'), 'Run ./scripts/setup.sh (apt-get install bubblewrap).');
prerequisite('Chromium (/usr/bin/chromium)', existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), 'Run ./scripts/setup.sh (apt-get install chromium).');

/** "file::test" for every junit testcase that holds a <failure> or an <error>. */
function failedPytestCases(xml) {
  const cases = xml.match(/<testcase\b[^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  return cases
    .filter((testcase) => /<(failure|error)\b/.test(testcase))
    .map((testcase) => {
      const attr = (name) => new RegExp(`\\s${name}="([^"]*)"`).exec(testcase)?.[1] ?? '?';
      return `pytest: ${attr('classname')}::${attr('name')}`;
    });
}

// 1. pytest
{
  const report = join(mkdtempSync(join(tmpdir(), 'excel-ai-pytest-')), 'junit.xml');
  console.log(`\n▶ Python tests on native CPython (${python})`);
  const run = spawnSync(python, ['-m', 'pytest', 'workers/python/tests', 'tests/corpus', '-q', '-p', 'no:cacheprovider', `--junitxml=${report}`], { stdio: 'inherit' });
  if (existsSync(report)) {
    const xml = readFileSync(report, 'utf8');
    const attr = (name) => Number(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`).exec(xml)?.[1] ?? 0);
    const tests = attr('tests');
    const failed = attr('failures') + attr('errors');
    const skipped = attr('skipped');
    totals.passed += tests - failed - skipped;
    totals.failed += failed;
    totals.skipped += skipped;
    failures.push(...failedPytestCases(xml));
    if (tests === 0) {
      totals.failed += 1;
      failures.push('pytest ran no test');
      console.error('✗ pytest ran no test');
    }
  } else {
    totals.failed += 1;
    failures.push(`pytest did not run (exit ${run.status})`);
    console.error(`✗ pytest did not run (exit ${run.status})`);
  }
}

// 2. vitest: everything but the browser tests in parallel, then the browser tests one
// file at a time (each starts Chromium and Pyodide; two cores do not carry three at once).
function vitest(label, args) {
  const report = join(mkdtempSync(join(tmpdir(), 'excel-ai-vitest-')), 'report.json');
  console.log(`\n▶ ${label}`);
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args, ...extraArgs], { stdio: 'inherit' });
  if (!existsSync(report)) {
    totals.failed += 1;
    failures.push(`${label}: vitest did not run (exit ${run.status})`);
    console.error(`✗ vitest did not run (exit ${run.status})`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  // A test file that failed to load has no tests to count; it still fails the run.
  totals.failed += json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  for (const file of json.testResults) {
    const where = relative(process.cwd(), file.name);
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    if (file.status === 'failed' && failed.length === 0) failures.push(`vitest: ${where} did not load: ${firstLine(file.message)}`);
    for (const test of failed) failures.push(`vitest: ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
  }
  if (json.numTotalTests === 0) {
    totals.failed += 1;
    failures.push(`${label}: vitest ran no test`);
    console.error('✗ vitest ran no test');
  }
}

vitest('TypeScript tests (vitest): units, Node runtime with real Pyodide, agent scenarios, CLI, server', ['--exclude', 'tests/e2e/**']);
vitest('Browser tests (vitest + playwright-core + Chromium), one file at a time', ['tests/e2e', '--maxWorkers=1']);

function firstLine(text) {
  return (text ?? '').split('\n')[0].slice(0, 300);
}

if (failures.length > 0) {
  console.log(`\n✗ What failed (${failures.length}):`);
  for (const failure of failures) console.log(`  - ${failure}`);
}
const skippedNote = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skippedNote}`);
process.exit(totals.failed > 0 ? 1 : 0);

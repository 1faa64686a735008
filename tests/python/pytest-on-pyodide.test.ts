/**
 * The Python side's own pytest suites (precheck, runner, profile), run inside
 * Pyodide: the same tests as on native CPython, on the runtime the browser uses.
 * pytest and its pure-Python dependencies are copied from the local Debian
 * installation (python3-pytest), like openpyxl for the product. This is the test
 * harness's own Pyodide, not the sandbox: nothing hostile runs here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/python';

const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const PYTEST_PACKAGES = ['pytest', '_pytest', 'pluggy', 'iniconfig', 'packaging', 'py.py', 'attr', 'attrs', 'openpyxl', 'et_xmlfile'];
const require = createRequire(import.meta.url);

function copyInto(py: PyodideAPI, source: string, target: string): void {
  if (statSync(source).isFile()) {
    py.FS.writeFile(target, readFileSync(source));
    return;
  }
  py.FS.mkdirTree(target);
  for (const entry of readdirSync(source)) {
    if (entry !== '__pycache__') copyInto(py, join(source, entry), `${target}/${entry}`);
  }
}

describe('the Python test suites on Pyodide', () => {
  it('pass: precheck, runner and profile tests, with only tests that need pandas, numpy or processes left to CPython', async () => {
    const missing = PYTEST_PACKAGES.filter((p) => !existsSync(join(DIST_PACKAGES, p)));
    expect(missing, `install python3-pytest and python3-openpyxl (./scripts/setup.sh); missing: ${missing.join(', ')}`).toEqual([]);

    const indexURL = `${join(require.resolve('pyodide/package.json'), '..')}/`;
    const py = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
    const output: string[] = [];
    py.setStdout({ batched: (line) => output.push(line) });
    py.setStderr({ batched: (line) => output.push(line) });
    const sitePackages = py.runPython('import site; site.getsitepackages()[0]') as string;
    for (const p of PYTEST_PACKAGES) copyInto(py, join(DIST_PACKAGES, p), `${sitePackages}/${p}`);
    copyInto(py, join(ROOT, 'workers', 'python'), '/work/workers/python');
    copyInto(py, join(ROOT, 'tests', 'fixtures'), '/work/tests/fixtures');

    const summary = JSON.parse(
      py.runPython(`
import json, os, sys, pytest
os.chdir("/work")
os.environ["EXCEL_AI_DESELECTED"] = "/tmp/deselected.txt"
class Count:
    def __init__(self): self.passed = self.failed = self.skipped = 0; self.failures = []
    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed: self.passed += 1
        elif report.failed: self.failed += 1; self.failures.append(report.nodeid)
        elif report.skipped: self.skipped += 1
count = Count()
# Assertion rewriting in this pytest (7.2) predates Python 3.14's AST; plain asserts still fail tests.
code = pytest.main(["-q", "-p", "no:cacheprovider", "--assert=plain", "workers/python/tests"], plugins=[count])
deselected = open("/tmp/deselected.txt").read().split("\\n") if os.path.exists("/tmp/deselected.txt") else []
json.dumps({"exit": int(code), "passed": count.passed, "failed": count.failed, "skipped": count.skipped,
            "failures": count.failures, "deselected": [d for d in deselected if d], "python": sys.version.split()[0]})
`) as string,
    ) as { exit: number; passed: number; failed: number; skipped: number; failures: string[]; deselected: string[]; python: string };

    console.log(
      `pytest on Pyodide (Python ${summary.python}): ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped; ` +
        `${summary.deselected.length} tests ran on CPython only (they need pandas, numpy or processes)`,
    );
    expect(summary.failures, output.slice(-60).join('\n')).toEqual([]);
    expect(summary.skipped).toBe(0);
    expect(summary.exit).toBe(0);
    expect(summary.passed).toBeGreaterThan(150);
    // Only tests that really run pandas/numpy may be left out, and they are few.
    expect(summary.deselected.length).toBeLessThan(summary.passed / 5);
  });
});

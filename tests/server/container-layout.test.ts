/**
 * The server image's Python side, assembled exactly as server/Dockerfile copies it
 * (its final stage's COPY lines, filtered by server/Dockerfile.dockerignore), then run
 * with native CPython: every module the runner, the pre-check and bwrap.py import, and
 * every data file they read, must be in the image. No Docker engine runs here, so this
 * is the part of the image that can be checked without one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../build-tools/python-bundle';

/** A Dockerfile or ignore-file glob as a regular expression: `**` spans folders, `*` does not. */
const globToRegExp = (glob: string): RegExp =>
  new RegExp(`^${glob.split('**').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('.*')}$`);

/** A path inside the build context passes the ignore file (last matching rule wins; a folder rule covers what is under it). */
function inContext(path: string, rules: string[]): boolean {
  let included = true;
  for (const rule of rules) {
    const negated = rule.startsWith('!');
    const pattern = (negated ? rule.slice(1) : rule).replace(/\/$/, '');
    const re = globToRegExp(pattern);
    const parts = path.split('/');
    const hit = parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')));
    if (hit) included = negated;
  }
  return included;
}

/** The final stage's COPY lines from the build context (not --from another stage): [sources, destination]. */
function finalCopies(dockerfile: string): [string[], string][] {
  const stages = dockerfile.split(/^FROM .*$/m);
  const last = stages[stages.length - 1] ?? '';
  return [...last.matchAll(/^COPY (?!--from)(.+)$/gm)].map((m) => {
    const words = m[1]!.trim().split(/\s+/);
    return [words.slice(0, -1), words[words.length - 1]!];
  });
}

function assembleImage(): string {
  const root = mkdtempSync(join(tmpdir(), 'excel-ai-image-'));
  const rules = readFileSync(join(PROJECT_ROOT, 'server', 'Dockerfile.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter((f) => f && existsSync(join(PROJECT_ROOT, f)) && inContext(f, rules));
  for (const [sources, destination] of finalCopies(readFileSync(join(PROJECT_ROOT, 'server', 'Dockerfile'), 'utf8'))) {
    for (const source of sources) {
      const re = globToRegExp(source);
      const matched = files.filter((f) => re.test(f));
      expect(matched, `COPY ${source} matches nothing in the build context`).not.toHaveLength(0);
      for (const file of matched) {
        const target = destination.endsWith('/') ? join(root, destination, basename(file)) : join(root, destination);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(join(PROJECT_ROOT, file), target);
      }
    }
  }
  return root;
}

describe('the server image', () => {
  it('holds everything its Python side imports and reads', () => {
    const image = assembleImage();
    const job = mkdtempSync(join(tmpdir(), 'excel-ai-job-'));
    mkdirSync(join(job, 'in'));
    mkdirSync(join(job, 'out'));
    writeFileSync(join(job, 'in', 'broken.xlsx'), 'not a workbook');
    const code = join(job, 'code.py');
    writeFileSync(code, ['import openpyxl', 'wb = openpyxl.Workbook()', 'wb.active.append(["Region", "Sales"])', `wb.save(${JSON.stringify(join(job, 'out', 'result.xlsx'))})`, `openpyxl.load_workbook(${JSON.stringify(join(job, 'in', 'broken.xlsx'))})`].join('\n'));
    const run = (...flags: string[]) => {
      const runner = spawnSync('/usr/bin/python3', [join(image, 'app/workers/python/runner.py'), code, '--input-dir', join(job, 'in'), '--output-dir', join(job, 'out'), ...flags], { encoding: 'utf8' });
      expect(runner.stdout, runner.stderr).toMatch(/\S/);
      return JSON.parse(runner.stdout.trim().split('\n').pop() ?? '{}') as { ok?: boolean; error?: { kind?: string; message?: string } };
    };
    // The pre-check runs with its rules (sandbox_rules.json is there): paths outside /input and /output are refused.
    expect(run().error).toMatchObject({ kind: 'precheck' });
    // Without it the run gets as far as the broken input and explains it (failures.py, which imports the profiler package).
    expect(run('--no-precheck').error?.message).toMatch(/^zipfile\.BadZipFile: .*Hint: the file is not a readable \.xlsx workbook/);
    const bwrap = spawnSync('/usr/bin/python3', [join(image, 'app/server/sandbox/bwrap.py'), '--help'], { encoding: 'utf8' });
    expect(bwrap.status, bwrap.stderr).toBe(0);
  });

  it('would have missed the pre-check rules before they were copied (the check can fail)', () => {
    expect(inContext('workers/python/sandbox_rules.json', ['*', '!workers/python/*.py'])).toBe(false);
    expect(inContext('workers/python/sandbox_rules.json', ['*', '!workers/python/*.py', '!workers/python/sandbox_rules.json'])).toBe(true);
    expect(inContext('server/sandbox/__pycache__/x.pyc', ['*', '!server/', 'server/**/__pycache__'])).toBe(false);
  });
});

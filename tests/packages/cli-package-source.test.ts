/**
 * `excel-ai run --package-source URL` as a real process, against a local package
 * server. The CLI uses the app's real lock (it has no test lock), so a real
 * pandas/numpy cannot install here; what is tested is that the CLI asks only the
 * given source, refuses files that fail the lock's checksum, and says so.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackageLock } from '../../src/packages/package-download';
import { ROOT } from '../helpers/python';
import { servePackages, type PackageServer } from './wheel-server';

const run = promisify(execFile);
const lock = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'pyodide', 'pyodide-lock.json'), 'utf8')) as PackageLock;
const numpy = lock.packages.numpy!;
const work = mkdtempSync(join(tmpdir(), 'excel-ai-cli-pkg-'));
const code = join(work, 'uses_numpy.py');
writeFileSync(code, 'import numpy\nprint(numpy.zeros(2))\n');
const servers: PackageServer[] = [];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'excel-ai.mjs'), ...args], { cwd: ROOT, env: { ...process.env, EXCEL_AI_CACHE_DIR: join(work, 'cache') } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('excel-ai run --package-source', () => {
  it('refuses a numpy whose bytes do not match the lock, naming the package and URL', async () => {
    const server = await servePackages(new Map([[`pkgs/${numpy.file_name}`, new TextEncoder().encode('not numpy')]]));
    servers.push(server);
    const result = await cli(['run', code, '--out', join(work, 'out1'), '--package-source', `${server.url}pkgs/`, '--json']);
    expect(result.code).toBe(1);
    const payload = JSON.parse(result.stdout) as { ok: boolean; error: { kind: string; message: string } };
    expect(payload.error.kind).toBe('package');
    expect(payload.error.message).toContain(`Package "numpy" from ${server.url}pkgs/${numpy.file_name} does not match its expected checksum`);
    expect(server.requests).toEqual([`/pkgs/${numpy.file_name}`]);
    expect(result.stderr).toContain(`Downloading numpy ${numpy.version}`);
  }, 180_000);

  it('says which file is missing (404) at the given source', async () => {
    const server = await servePackages(new Map());
    servers.push(server);
    const result = await cli(['run', code, '--out', join(work, 'out2'), '--package-source', `${server.url}pkgs/`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [package]: The code needs a Python package that could not be loaded, so it did not run. Package "numpy" is not at ${server.url}pkgs/${numpy.file_name}`);
  }, 180_000);

  it('without --package-source downloads nothing: numpy is simply not there', async () => {
    const result = await cli(['run', code, '--out', join(work, 'out3'), '--json']);
    expect(result.code).toBe(1);
    const payload = JSON.parse(result.stdout) as { error: { kind: string } };
    expect(payload.error.kind).not.toBe('package');
  }, 180_000);

  it('rejects a package source that is not an http(s) URL as a usage error', async () => {
    const result = await cli(['run', code, '--out', join(work, 'out4'), '--package-source', 'ftp://example.invalid/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--package-source must be an http(s) URL');
  }, 60_000);
});

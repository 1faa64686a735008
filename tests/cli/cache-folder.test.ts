/**
 * The CLI never runs a file another local user planted in its cache folder
 * (issue 13 item 4). As a real process: another "user" (uid 12345, by chown as
 * root) pre-creates the folder, a child script with the exact name the CLI
 * computes, a symlink, an open folder. The planted script would call a local
 * HTTP server before the sandbox closes the network; it must never be heard.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/python';

const run = promisify(execFile);
const OTHER_UID = 12345;
const PRINT_CODE = 'print("sum", 2 + 3)\n';

let server: Server;
let plantedCalls: string[] = [];
let plantedUrl = '';
let childName = '';
let work = '';
let codeFile = '';

/** The child script's file name, computed as workers/node/spawn-sandbox.ts does. */
async function sandboxChildName(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [join(ROOT, 'workers', 'node', 'child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0]!.contents;
  return `sandbox-child-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
}

/** What another user would plant: tells the test server it ran, with what it could read. */
function plantedScript(tag: string): string {
  return `await fetch(${JSON.stringify(`${plantedUrl}/${tag}`)}, { method: 'POST', body: process.argv.join(' ') }).catch(() => {});\nprocess.exit(0);\n`;
}

function plant(folder: string, tag: string, owner = OTHER_UID): string {
  const path = join(folder, childName);
  writeFileSync(path, plantedScript(tag));
  chownSync(path, owner, owner);
  return path;
}

async function cli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'excel-ai.mjs'), ...args], { cwd: ROOT, env: childEnv });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const runWith = (cacheDir: string) => cli(['run', codeFile, '--out', mkdtempSync(join(work, 'out-'))], { EXCEL_AI_CACHE_DIR: cacheDir });

// The child script's name follows its sources, which may change while this file runs: computed again before each test.
beforeEach(async () => {
  childName = await sandboxChildName();
});

beforeAll(async () => {
  // chown to another uid needs root; without it this file cannot show anything.
  expect(process.getuid?.(), 'these tests plant files as another user and must run as root').toBe(0);
  server = createServer((req, res) => {
    plantedCalls.push(req.url ?? '');
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  plantedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = mkdtempSync(join(tmpdir(), 'excel-ai-cache-test-'));
  codeFile = join(work, 'sum.py');
  writeFileSync(codeFile, PRINT_CODE);
});

let sharedScript = '';

afterAll(async () => {
  if (sharedScript) rmSync(sharedScript, { force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the sandbox cache folder', () => {
  it('refuses a folder another user created, and never runs the script planted in it', async () => {
    plantedCalls = [];
    const folder = join(work, 'others');
    mkdirSync(folder, { mode: 0o700 });
    plant(folder, 'others');
    chownSync(folder, OTHER_UID, OTHER_UID);
    const result = await runWith(folder);
    expect(plantedCalls, 'the planted script ran').toEqual([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/owned by another user \(uid 12345\); remove it or set EXCEL_AI_CACHE_DIR to a folder of your own/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(plantedCalls).toEqual([]);
  });

  it('refuses a folder that is a symbolic link, even to a folder of ours', async () => {
    plantedCalls = [];
    const target = join(work, 'link-target');
    mkdirSync(target, { mode: 0o700 });
    plant(target, 'link', 0);
    const link = join(work, 'link');
    symlinkSync(target, link);
    const result = await runWith(link);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a symbolic link/);
    expect(plantedCalls).toEqual([]);
  });

  it('refuses a folder other users can write (mode 777), and one under a folder they can write', async () => {
    plantedCalls = [];
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    plant(open, 'open');
    const result = await runWith(open);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/can be read or written by other users \(mode 777\); make it private \(chmod 700 /);

    const inner = join(open, 'inner');
    mkdirSync(inner, { mode: 0o700 });
    plant(inner, 'inner', 0);
    const under = await runWith(inner);
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/a folder above it, can be written by other users/);
    expect(plantedCalls).toEqual([]);
  });

  it('replaces a planted child script with the right name in a private folder instead of running it', async () => {
    plantedCalls = [];
    // The name must be the one the CLI computes when it runs: if the sandbox's sources changed in
    // between (others edit the tree while tests run), the CLI built another name; plant again.
    let planted = '';
    let result: Awaited<ReturnType<typeof cli>> | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) childName = await sandboxChildName();
      const folder = mkdtempSync(join(work, 'mine-'));
      planted = plant(folder, 'named');
      result = await runWith(folder);
      const scripts = readdirSync(folder).filter((f) => /^sandbox-child-[0-9a-f]{16}\.mjs$/.test(f));
      if (scripts.length === 1) break;
    }
    expect(plantedCalls, 'the planted script ran').toEqual([]);
    expect(result?.code, result?.stderr).toBe(0);
    expect(result?.stdout).toBe('sum 5\n');
    // The CLI used the planted name, and the bytes there now are its own script, written by this user, readable by nobody else.
    expect(readdirSync(join(planted, '..')).filter((f) => f.startsWith('sandbox-child-'))).toEqual([childName]);
    expect(readFileSync(planted, 'utf8')).not.toContain(plantedUrl);
    expect(lstatSync(planted).uid).toBe(0);
    expect(lstatSync(planted).mode & 0o777).toBe(0o600);
  });

  it('by default uses a private folder in the home cache, never the shared /tmp name', async () => {
    plantedCalls = [];
    const home = mkdtempSync(join(work, 'home-'));
    // What the earlier versions used: another user pre-creating it could run code as us.
    const shared = join(tmpdir(), `excel-ai-${process.getuid?.() ?? 0}`);
    mkdirSync(shared, { recursive: true });
    sharedScript = join(shared, childName);
    writeFileSync(sharedScript, plantedScript('shared-tmp'));
    const result = await cli(['run', codeFile, '--out', mkdtempSync(join(work, 'out-'))], { HOME: home, XDG_CACHE_HOME: undefined, EXCEL_AI_CACHE_DIR: undefined });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('sum 5\n');
    expect(plantedCalls).toEqual([]);
    const folder = join(home, '.cache', 'excel-ai');
    expect(lstatSync(folder).mode & 0o777).toBe(0o700);
    expect(readdirSync(folder).filter((f) => /^sandbox-child-[0-9a-f]{16}\.mjs$/.test(f))).toHaveLength(1);
    expect(lstatSync(join(folder, 'snapshot')).mode & 0o777).toBe(0o700);
  });

  it('takes XDG_CACHE_HOME when it is set', async () => {
    const xdg = mkdtempSync(join(work, 'xdg-'));
    const result = await cli(['run', codeFile, '--out', mkdtempSync(join(work, 'out-'))], { XDG_CACHE_HOME: xdg, EXCEL_AI_CACHE_DIR: undefined });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(xdg, 'excel-ai')).filter((f) => /^sandbox-child-[0-9a-f]{16}\.mjs$/.test(f))).toHaveLength(1);
  });
});

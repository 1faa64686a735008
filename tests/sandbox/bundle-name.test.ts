/**
 * The Node sandbox's Python bundle is named by its content, so another version of this
 * program building into the same cache folder (another checkout, a test run beside a dev
 * server) cannot hand it the wrong Python. Seen for real: a CI run beside a working tree
 * whose Python had changed read that tree's bundle and its rows came out all None.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

process.env.EXCEL_AI_CACHE_DIR = mkdtempSync(join(tmpdir(), 'bundle-name-'));
const { prepareNodeSandbox } = await import('../../workers/node/spawn-sandbox');
const { startedNodeSandbox } = await import('../helpers/node-sandbox');

describe("the Node sandbox's Python bundle", () => {
  it('is a file named by its own hash, and what another build writes beside it does not reach this process', async () => {
    const { startOptions } = await prepareNodeSandbox();
    const bundle = readFileSync(startOptions.bundleURL);
    expect(basename(startOptions.bundleURL)).toBe(`bundle-${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}.zip`);
    // Another version's build: its bundle under the old shared name, and one of its own.
    const folder = join(process.env.EXCEL_AI_CACHE_DIR!, 'python-bundle');
    writeFileSync(join(folder, 'bundle.zip'), 'not this version');
    writeFileSync(join(folder, 'bundle-0000000000000000.zip'), 'not this version');
    const sandbox = await startedNodeSandbox();
    const ran = await sandbox.run({ code: 'import openpyxl\nprint(openpyxl.Workbook().active.title)', inputs: [] });
    sandbox.dispose();
    expect(ran.ok && ran.stdout).toBe('Sheet\n');
    expect(readdirSync(folder).filter((f) => f.startsWith('build-'))).toEqual([]); // the build folder is gone
  }, 180_000);
});

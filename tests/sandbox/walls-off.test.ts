/**
 * The test-only switch EXCEL_AI_TEST_WALLS_OFF=1 really turns walls 1-3 off in
 * the real Node child (and says so in RuntimeInfo); without it they are on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';

const ATTACK = "import os\nprint(len(os.listdir('/')) > 0)\nprint(__import__('os').getcwd())\nopen('/tmp/x', 'w').write('y')\nprint('walls off')\n";
const opened: SandboxClient[] = [];

async function sandboxWith(wallsOff: boolean): Promise<SandboxClient> {
  if (wallsOff) process.env.EXCEL_AI_TEST_WALLS_OFF = '1';
  else delete process.env.EXCEL_AI_TEST_WALLS_OFF;
  const sandbox = await startedNodeSandbox();
  opened.push(sandbox);
  return sandbox;
}

afterAll(() => {
  delete process.env.EXCEL_AI_TEST_WALLS_OFF;
  for (const s of opened) s.dispose();
});

describe('test-only switch: Python walls off', () => {
  it('with EXCEL_AI_TEST_WALLS_OFF=1, code walls 1-3 refuse runs, and RuntimeInfo says so', async () => {
    const sandbox = await sandboxWith(true);
    const started = await sandbox.start();
    expect(started.ok && started.info.testWallsOff).toBe(true);
    const result = await sandbox.run({ code: ATTACK, inputs: [] });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.stdout).toContain('walls off');
  });

  it('without it the same code is refused and RuntimeInfo has no switch', async () => {
    const sandbox = await sandboxWith(false);
    const started = await sandbox.start();
    expect(started.ok && started.info.testWallsOff).toBeUndefined();
    const result = await sandbox.run({ code: ATTACK, inputs: [] });
    expect(result.ok).toBe(false);
    expect(result.stdout).not.toContain('walls off');
  });
});

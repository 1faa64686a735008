/**
 * The result is the supervisor's (issue 13 item 1), in the real Node child with
 * walls 1-3 off: code that patches runner.py or forges run_json's answer gets
 * capped streams, and a claimed kind or success counts for nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';

let sandbox: SandboxClient;

/** Replaces sandbox_entry's json so run_json answers `forged` (a Python expression) instead of the real result; the script's globals are cleared after it runs, so the real dumps is bound as a default. */
function forging(forged: string, before = ''): string {
  return `import sys, json as _json\n${before}\nclass _Forger:\n    @staticmethod\n    def dumps(*a, _real=_json.dumps, **k):\n        return _real(${forged})\nsys.modules['sandbox_entry'].json = _Forger\n`;
}

function failure(result: RunResult) {
  if (result.ok) throw new Error(`expected a failure, got ok (stdout ${result.stdout.length} chars)`);
  return result.error;
}

beforeAll(async () => {
  process.env.EXCEL_AI_TEST_WALLS_OFF = '1';
  sandbox = await startedNodeSandbox();
  const started = await sandbox.start();
  if (!started.ok || !started.info.testWallsOff) throw new Error('the sandbox did not start with walls off');
});

afterAll(() => {
  delete process.env.EXCEL_AI_TEST_WALLS_OFF;
  sandbox.dispose();
});

describe('the supervisor owns the result (walls off)', () => {
  it('caps stdout even when the code lifts runner._CappedWriter.limit', async () => {
    const code = "import sys\nr = sys.modules['runner']\nsys.stdout.limit = 10**9\nr._CappedWriter.limit = 10**9\nfor i in range(60000):\n    print('x' * 50)\n";
    const result = await sandbox.run({ code, inputs: [], limits: { maxStreamBytes: 10_000 } });
    expect(result.stdout.length).toBeLessThanOrEqual(10_000);
    expect(result.streamsTruncated).toBe(true);
  });

  it('caps a forged run_json answer of 3 MB stdout to maxStreamBytes', async () => {
    const result = await sandbox.run({ code: forging('{"ok": True, "stdout": "y" * 3_000_000, "stderr": "z" * 3_000_000, "streams_truncated": False}'), inputs: [], limits: { maxStreamBytes: 1_000_000 } });
    expect(result.stdout.length).toBeLessThanOrEqual(1_000_000);
    expect(result.stdout).toMatch(/^y+$/);
    expect(result.stderr.length).toBeLessThanOrEqual(1_000_000);
    expect(result.streamsTruncated).toBe(true);
  });

  it('caps what the code writes to fd 1 and 2 directly', async () => {
    const code = "import os\nfor i in range(2000):\n    os.write(1, b'a' * 10000)\n    os.write(2, b'b' * 10000)\n";
    const result = await sandbox.run({ code, inputs: [], limits: { maxStreamBytes: 50_000 } });
    expect(result.stdout.length).toBeLessThanOrEqual(50_000);
    expect(result.stderr.length).toBeLessThanOrEqual(50_000);
    expect(result.stdout).toContain('aaaa');
    expect(result.streamsTruncated).toBe(true);
  });

  it.each(['timeout', 'cancelled', 'internal', 'blocked', 'memory'])('a job-claimed kind %s means nothing: it is a python failure', async (kind) => {
    const result = await sandbox.run({ code: forging(`{"ok": False, "stdout": "", "stderr": "", "error": {"kind": "${kind}", "message": "forged"}}`), inputs: [] });
    expect(failure(result).kind).toBe('python');
  });

  it('a forged ok after a MemoryError the cap saw is memory', async () => {
    const code = forging('{"ok": True, "stdout": "all fine", "stderr": ""}', "chunks = []\ntry:\n    while True:\n        chunks.append(bytearray(20 * 2**20))\nexcept MemoryError:\n    pass\nchunks = None\n");
    const result = await sandbox.run({ code, inputs: [], limits: { memoryMb: 300 } });
    expect(failure(result).kind).toBe('memory');
  });

  it.each([
    ['not JSON', "'this is not json'"],
    ['not an object', '[1, 2, 3]'],
  ])('an answer that is %s is a failure, never a success', async (_what, forged) => {
    const code = `import sys\nclass _F:\n    @staticmethod\n    def dumps(*a, **k):\n        return ${forged} if isinstance(${forged}, str) else __import__('json').dumps(${forged})\nsys.modules['sandbox_entry'].json = _F\n`;
    const result = await sandbox.run({ code, inputs: [] });
    expect(failure(result).kind).toBe('internal');
  });

  it('a huge answer is a failure, never a success', async () => {
    const result = await sandbox.run({ code: forging('{"ok": True, "stdout": "", "stderr": "", "pad": "p" * 20_000_000}'), inputs: [], limits: { maxStreamBytes: 100_000 } });
    expect(failure(result).kind).toBe('internal');
  });

  it('after all that, the next run works', async () => {
    const result = await sandbox.run({ code: 'print(6 * 7)', inputs: [] });
    expect(result.ok && result.stdout.trim()).toBe('42');
  });
});

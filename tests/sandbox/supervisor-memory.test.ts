/**
 * Memory is bounded while the run goes, files included (issue 13 item 2), in
 * the real Node child with walls 1-3 off. File data lives in JavaScript arrays
 * outside the capped heap; the supervisor charges it at write time. The test
 * reads the child's peak resident memory (VmHWM) from /proc, from outside.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';

const GIB = 2 ** 30;
let sandbox: SandboxClient;

/** Peak resident bytes of this process's sandbox children (the freshest one: each run may get a new one). */
function sandboxChildrenPeak(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== process.pid) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sandbox-child')) continue;
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  return peak;
}

function failure(result: RunResult) {
  if (result.ok) throw new Error(`expected a failure, got ok with stdout ${result.stdout.slice(0, 300)}`);
  return result.error;
}

/** A run whose child's peak memory is sampled while it goes (the child may be replaced right after). */
async function runMeasured(code: string, memoryMb = 256): Promise<{ result: RunResult; peak: number }> {
  let peak = sandboxChildrenPeak();
  const timer = setInterval(() => {
    peak = Math.max(peak, sandboxChildrenPeak());
  }, 20);
  try {
    const result = await sandbox.run({ code, inputs: [], limits: { memoryMb, timeoutMs: 60_000 } });
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  process.env.EXCEL_AI_TEST_WALLS_OFF = '1';
  sandbox = await startedNodeSandbox();
  const started = await sandbox.start();
  if (!started.ok || !started.info.testWallsOff) throw new Error('the sandbox did not start with walls off');
  if (sandboxChildrenPeak() === 0) throw new Error('the sandbox child process was not found in /proc');
});

afterAll(() => {
  delete process.env.EXCEL_AI_TEST_WALLS_OFF;
  sandbox.dispose();
});

describe('files count against the memory limit at write time (walls off)', () => {
  it('four os.truncate(1500 MiB) in /output: ENOSPC, kind memory, the child stays far below 1 GiB', async () => {
    const code = [
      'import os, errno',
      'for i in range(4):',
      '    path = "/output/big%d.bin" % i',
      '    open(path, "wb").close()',
      '    try:',
      '        os.truncate(path, 1500 * 2**20)',
      '    except OSError as e:',
      '        print("refused", errno.errorcode.get(e.errno))',
      'print("done")',
    ].join('\n');
    const { result, peak } = await runMeasured(code);
    const error = failure(result);
    expect(error.kind).toBe('memory');
    expect(error.message).toMatch(/256 MB memory limit.*files/);
    expect(result.stdout).toContain('refused ENOSPC');
    expect(peak).toBeLessThan(GIB);
  });

  it('one os.write of 100 MiB into each of eight new files: refused from the second, kind memory, the child stays bounded', async () => {
    // A first write into an empty file is copied whole (a slice of the heap, an Int8Array): charged like any other.
    const code = [
      'import os',
      'for i in range(8):',
      '    fd = os.open("/tmp/one%d.bin" % i, os.O_WRONLY | os.O_CREAT)',
      '    try:',
      '        os.write(fd, b"x" * (100 * 2**20))',
      '        print("wrote", i)',
      '    except OSError as e:',
      '        print("refused", i, e.errno)',
      '    os.close(fd)',
    ].join('\n');
    const { result, peak } = await runMeasured(code);
    expect(failure(result).kind).toBe('memory');
    expect(result.stdout).toContain('wrote 0');
    expect(result.stdout).not.toContain('wrote 2');
    expect(peak).toBeLessThan(GIB);
  });

  it('one file growing in a loop in /tmp is refused at the limit, the child stays bounded', async () => {
    const code = 'with open("/tmp/grow.bin", "wb") as f:\n    while True:\n        f.write(b"x" * 2**20)\n';
    const { result, peak } = await runMeasured(code);
    expect(failure(result).kind).toBe('memory');
    expect(peak).toBeLessThan(GIB);
  });

  it('a flood of empty files anywhere writable is refused', async () => {
    const code = 'import os\nos.makedirs("/flood", exist_ok=True)\ni = 0\nwhile True:\n    open("/flood/%d-%s" % (i, "n" * 200), "w").close()\n    i += 1\n';
    const { result, peak } = await runMeasured(code, 200);
    expect(failure(result).kind).toBe('memory');
    expect(peak).toBeLessThan(GIB);
  });

  it('deleting a closed file gives its bytes back: write, delete, write again stays within the limit', async () => {
    const code = 'import os\nfor i in range(20):\n    with open("/tmp/t.bin", "wb") as f:\n        f.write(b"z" * (30 * 2**20))\n    os.remove("/tmp/t.bin")\nprint("ok")\n';
    const { result } = await runMeasured(code);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.stdout.trim()).toBe('ok');
  });

  it('the next run works', async () => {
    const result = await sandbox.run({ code: 'open("/output/a.txt", "w").write("fine")\nprint("alive")', inputs: [] });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.stdout.trim()).toBe('alive');
    expect(result.outputs.map((o) => o.name)).toEqual(['a.txt']);
  });
});

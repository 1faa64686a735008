/**
 * The sandbox is big enough for the outputs it accepts, and the operator's job
 * limits hold: real server, real CPython and bubblewrap on 127.0.0.1.
 *
 * openpyxl (with lxml, as on the server) writes each worksheet's XML to a file in
 * /tmp before zipping it into the xlsx; the sheet below is about 100 MB of XML.
 * The same job on a server with the old 64 MiB /tmp must fail, so the first test
 * cannot pass by accident of a small sheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/config';
import type { JobStatus } from '../../server/job-types';
import { startServer, type TestServer } from './harness';

/** 110,000 rows × 20 numbers of 16-17 digits: ~45 bytes of XML per cell, ~100 MB in all. */
const BIG_SHEET = `
from openpyxl import Workbook
wb = Workbook(write_only=True)
ws = wb.create_sheet("Big")
for i in range(110_000):
    ws.append([(i * 20 + j) / 7 for j in range(20)])
wb.save("/output/big.xlsx")
print("saved")
`;

const errorOf = (status: JobStatus) => (status.result && !status.result.ok ? status.result.error : undefined);

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ concurrency: 1, defaultLimits: { memoryMb: 512 } });
});
afterAll(async () => {
  await server?.stop();
});

describe('/tmp follows the output cap', () => {
  it('a job whose xlsx needs ~100 MB of temporary XML succeeds with the default /tmp (4 × the output cap)', async () => {
    expect(server.app.excelAi.config.jobTmpMb).toBeNull();
    const status = await server.api.finished(await server.api.run(BIG_SHEET, { timeoutS: 600 }), 660_000);
    expect(errorOf(status)).toBeUndefined();
    expect(status.state).toBe('done');
    expect(status.result?.stdout).toContain('saved');
    const outputs = status.result?.ok ? status.result.outputs : [];
    expect(outputs.map((o) => o.name)).toEqual(['big.xlsx']);
    expect(outputs[0]!.size).toBeGreaterThan(5 * 1024 * 1024);
  }, 700_000);

  it('the same job fails with the old 64 MiB /tmp, saying it could not write', async () => {
    const small = await startServer({ concurrency: 1, defaultLimits: { memoryMb: 512 }, jobTmpMb: 64 });
    try {
      const status = await small.api.finished(await small.api.run(BIG_SHEET, { timeoutS: 600 }), 660_000);
      expect(status.state).toBe('failed');
      expect(errorOf(status)?.message).toMatch(/IO_WRITE|No space left on device/);
    } finally {
      await small.stop();
    }
  }, 700_000);
});

describe('the operator\'s job memory', () => {
  it('contains a job that asks for more than the server\'s job memory, with kind memory', async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { limits: { memoryMb: number; timeoutS: number } };
    expect(health.limits).toMatchObject({ memoryMb: 512, timeoutS: DEFAULT_LIMITS.timeoutS });
    const status = await server.api.finished(await server.api.run('block = bytearray(900 * 1024 * 1024)\nprint(len(block))\n', { timeoutS: 120 }), 180_000);
    expect(status.state).toBe('failed');
    expect(errorOf(status)?.kind).toBe('memory');
    expect(status.result?.stdout).not.toContain('943718400');
  }, 200_000);

  it('refuses a job asking for more memory than the server allows, naming the ceiling', async () => {
    const { uploadId } = await server.api.upload([{ name: 'a.csv', bytes: 'x\n' }]);
    const response = await server.api.fetch('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId, code: 'print(1)\n', limits: { memoryMb: 1024 } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { kind: 'bad-request', message: 'limits.memoryMb may be at most 512 on this server.' } });
  });
});

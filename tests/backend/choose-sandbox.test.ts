/**
 * The choice before a run. The local sandbox is a plain object here: chooseSandbox
 * only passes it on, it never calls it (the real sandboxes are exercised in
 * server-sandbox.test.ts and the Chromium test).
 */
import { describe, expect, it, vi } from 'vitest';
import { chooseSandbox, type OffloadConfig } from '../../src/backend/choose-sandbox';
import type { Offer } from '../../src/backend/offload-policy';
import { ServerSandbox } from '../../src/backend/server-sandbox';
import type { SandboxPort } from '../../src/agent/run-request';

const local = { name: 'the browser worker' } as unknown as SandboxPort;
const config: OffloadConfig = { serverUrl: 'http://127.0.0.1:8787', serverToken: 'test-token-0123456789abcdef', thresholds: { thresholdMb: 1, thresholdRows: 1000 } };
const big = [{ name: 'big.csv', bytes: 2_000_000, rows: 10 }];

describe('choosing where a run happens', () => {
  it('runs below the thresholds in the browser without asking', async () => {
    const ask = vi.fn();
    expect(await chooseSandbox(local, [{ name: 'small.csv', bytes: 10, rows: 2 }], config, { ask })).toEqual({ sandbox: local, runsOn: 'browser' });
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks above them, and sends to the server only when the user picks it', async () => {
    const offers: Offer[] = [];
    const record = vi.fn();
    const chosen = await chooseSandbox(local, big, config, { ask: async (offer) => (offers.push(offer), 'server'), record });
    expect(offers).toMatchObject([{ kind: 'server', serverUrl: 'http://127.0.0.1:8787', assessment: { files: big } }]);
    expect(chosen?.runsOn).toBe('server');
    expect(chosen?.sandbox).toBeInstanceOf(ServerSandbox);
    expect(record).toHaveBeenCalledWith(offers[0], 'server');
  });

  it('keeps the run in the browser when the user says so, and records that too', async () => {
    const record = vi.fn();
    expect(await chooseSandbox(local, big, config, { ask: async () => 'browser', record })).toEqual({ sandbox: local, runsOn: 'browser' });
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ kind: 'server' }), 'browser');
  });

  it('without a server, offers only the browser; cancelling drops the run and records nothing', async () => {
    const record = vi.fn();
    const offers: Offer[] = [];
    const chosen = await chooseSandbox(local, big, { ...config, serverUrl: '' }, { ask: async (offer) => (offers.push(offer), 'cancel'), record });
    expect(chosen).toBeUndefined();
    expect(offers[0]).toMatchObject({ kind: 'no-server', why: 'No server is configured.' });
    expect(record).not.toHaveBeenCalled();
  });

  it('runs even when the audit log cannot be written', async () => {
    const chosen = await chooseSandbox(local, big, config, { ask: async () => 'browser', record: () => Promise.reject(new Error('quota')) });
    expect(chosen?.runsOn).toBe('browser');
  });
});

/**
 * The server's wire schemas (server/wire.ts) as the pane's client reads them: what the
 * server sends when Redis is down, a failure with the runner's note of what was
 * missing, a newer server's extra fields.
 */
import { describe, expect, it } from 'vitest';
import { healthSchema, jobStatusSchema } from '../../server/wire';

describe("the server's wire", () => {
  it('reads /health while the shared queue is unreachable: the reason, not a protocol error', () => {
    const parsed = healthSchema.safeParse({
      ok: false,
      queue: { error: 'The shared queue is unreachable (connect ECONNREFUSED); check that Redis runs.' },
      python: { version: '3.11.2', pandas: '1.5.3', openpyxl: '3.0.9' },
      sandbox: { bubblewrap: '0.8.0', works: true },
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.queue).toEqual({ error: expect.stringContaining('Redis') });
  });

  it("keeps a failure's kind (package included) and what was missing; drops fields it does not know", () => {
    const cause = { kind: 'missing-column', name: 'Sales', available: ['Region'] };
    const status = jobStatusSchema.parse({
      id: 'j',
      state: 'failed',
      createdAt: 1,
      inputs: [],
      shinyNewField: 1,
      result: { ok: false, error: { kind: 'package', message: 'no pandas', cause }, stdout: '', stderr: '', streamsTruncated: false, durationMs: 3 },
    });
    expect(status).not.toHaveProperty('shinyNewField');
    expect(status.result).toMatchObject({ ok: false, error: { kind: 'package', cause } });
  });

  it('refuses an answer that is not a status', () => {
    expect(jobStatusSchema.safeParse({ id: 'j', state: 'exploded', createdAt: 1 }).success).toBe(false);
  });
});

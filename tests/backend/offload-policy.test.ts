import { describe, expect, it } from 'vitest';
import type { FileProfile } from '../../workers/api';
import { assessInputs, checkServerUrl, choiceAuditDetails, DEFAULT_OFFLOAD_THRESHOLDS, makeOffer, rowsOf } from '../../src/backend/offload-policy';

const MB = 1e6;
const server = { url: 'http://127.0.0.1:8787/', token: 'test-token-0123456789abcdef' };

describe('when the pane offers the large-job server', () => {
  it('does not offer it for inputs the browser handles (the 300,000-row benchmark stack)', () => {
    const stack = [1, 2, 3].map((i) => ({ name: `f${i}.xlsx`, bytes: 2.9 * MB, rows: 100_003 }));
    const assessed = assessInputs(stack, DEFAULT_OFFLOAD_THRESHOLDS);
    expect(assessed.overThreshold).toBe(false);
    expect(makeOffer(assessed, server)).toBeUndefined();
  });

  it('offers it past the size threshold, naming the size and the threshold', () => {
    const assessed = assessInputs([{ name: 'big.csv', bytes: 62_100_000 }], DEFAULT_OFFLOAD_THRESHOLDS);
    expect(assessed.reasons).toEqual(['62.1 MB of input, over the 50 MB threshold']);
    expect(makeOffer(assessed, server)).toEqual({ kind: 'server', serverUrl: 'http://127.0.0.1:8787', assessment: assessed });
  });

  it('offers it past the row threshold even when the files are small', () => {
    const assessed = assessInputs([{ name: 'a.xlsx', bytes: 20 * MB, rows: 600_000 }, { name: 'b.xlsx', bytes: 20 * MB, rows: 500_000 }], DEFAULT_OFFLOAD_THRESHOLDS);
    expect(assessed.totalRows).toBe(1_100_000);
    expect(assessed.reasons).toEqual(['1,100,000 rows, over the 1,000,000-row threshold']);
  });

  it('counts rows over every sheet of a profile, and none for a file that failed to profile', () => {
    const profile = { name: 'x.xlsx', sheets: [{ rowCount: 10 }, { rowCount: 5 }] } as unknown as FileProfile;
    expect(rowsOf(profile)).toBe(15);
    expect(rowsOf({ ...profile, error: 'unreadable' })).toBeUndefined();
    expect(rowsOf(undefined)).toBeUndefined();
  });

  it('explains instead of offering when no server, no token or a bad URL is configured', () => {
    const assessed = assessInputs([{ name: 'big.csv', bytes: 60 * MB }], DEFAULT_OFFLOAD_THRESHOLDS);
    expect(makeOffer(assessed, { url: '', token: '' })).toMatchObject({ kind: 'no-server', why: 'No server is configured.' });
    expect(makeOffer(assessed, { url: 'http://127.0.0.1:8787', token: ' ' })).toMatchObject({ kind: 'no-server', why: 'A server URL is set, but no token.' });
    expect(makeOffer(assessed, { url: 'ftp://host', token: 't' })).toMatchObject({ kind: 'no-server', why: expect.stringMatching(/http:\/\/ or https:\/\//) });
  });
});

describe('the server URL', () => {
  it('accepts http(s) with a path and drops the trailing slash', () => {
    expect(checkServerUrl(' https://example.org/excel-ai/ ')).toEqual({ ok: true, url: 'https://example.org/excel-ai' });
  });

  it('refuses a token smuggled into the URL', () => {
    expect(checkServerUrl('http://127.0.0.1:8787/?token=abc')).toMatchObject({ ok: false });
    expect(checkServerUrl('http://user:secret@127.0.0.1:8787')).toMatchObject({ ok: false });
    expect(checkServerUrl('not a url')).toMatchObject({ ok: false, message: expect.stringMatching(/is not a URL/) });
  });
});

describe('the audit record of the choice', () => {
  it('names the server and the files with sizes, never the token', () => {
    const assessed = assessInputs([{ name: 'big.csv', bytes: 60 * MB }], DEFAULT_OFFLOAD_THRESHOLDS);
    const offer = makeOffer(assessed, server)!;
    const details = choiceAuditDetails(offer, 'server');
    expect(details).toMatchObject({ choice: 'server', server: 'http://127.0.0.1:8787', files: ['big.csv (60.0 MB)'], totalBytes: 60 * MB });
    expect(JSON.stringify(details)).not.toContain(server.token);
  });
});

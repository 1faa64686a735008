/** The CLI's output writer on a real temp folder: nothing climbs out, no output is lost to another's name. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs } from '../../cli/outputs';
import type { OutputFile } from '../../workers/api';

const output = (name: string, text: string): OutputFile => ({ name, bytes: new TextEncoder().encode(text).buffer as ArrayBuffer });

describe('writeOutputs', () => {
  it('keeps two outputs whose cleaned names are the same, the later one as "name (2).ext"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'excel-ai-outputs-'));
    const written = await writeOutputs([output('report\u001b.csv', 'first'), output('report\u0007.csv', 'second'), output('report_ (2).csv', 'third')], dir);
    expect(written.map((p) => basename(p ?? ''))).toEqual(['report_.csv', 'report_ (2).csv', 'report_ (2) (2).csv']);
    expect(readFileSync(join(dir, 'report_.csv'), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'report_ (2).csv'), 'utf8')).toBe('second');
    expect(readFileSync(join(dir, 'report_ (2) (2).csv'), 'utf8')).toBe('third');
  });

  it('keeps names that differ only in case apart (one file on macOS and Windows)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'excel-ai-outputs-'));
    const written = await writeOutputs([output('Sales.xlsx', 'upper'), output('sales.xlsx', 'lower')], dir);
    expect(written.map((p) => basename(p ?? ''))).toEqual(['Sales.xlsx', 'sales (2).xlsx']);
    expect(readdirSync(dir).sort()).toEqual(['Sales.xlsx', 'sales (2).xlsx']);
  });

  it('never writes a name that climbs out of the folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'excel-ai-outputs-'));
    const dir = join(parent, 'out');
    const written = await writeOutputs([output('../escaped.txt', 'x'), output('ok.txt', 'y')], dir);
    // Still paired with its output: null for the one not written.
    expect(written.map((p) => p && basename(p))).toEqual([null, 'ok.txt']);
    expect(readdirSync(parent).sort()).toEqual(['out']);
  });
});

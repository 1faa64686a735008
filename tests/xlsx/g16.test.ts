/**
 * Numbers written by the fast writer read as openpyxl writes them: Python's "%.16g",
 * computed by native CPython for 200,000 values (edges, random bit patterns, ties that
 * round to even) and compared one by one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatG16 } from '../../workers/xlsx/g16';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';

describe('formatG16', () => {
  it('gives what Python\'s "%.16g" gives, for every value', () => {
    const cases = JSON.parse(execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'xlsx', 'g16_cases.py')], { encoding: 'utf8', maxBuffer: 64 << 20 })) as [string, string][];
    expect(cases.length).toBeGreaterThan(150_000);
    const differ = cases.filter(([repr, want]) => formatG16(Number(repr)) !== want).slice(0, 10);
    expect(differ).toEqual([]);
  });

  it('writes nan and infinities empty, and keeps the sign of zero, as safe_string does', () => {
    expect([NaN, Infinity, -Infinity].map(formatG16)).toEqual(['', '', '']);
    expect(formatG16(-0)).toBe('-0');
    expect(formatG16(1234567890123456.5)).toBe('1234567890123456'); // a tie, to even
    expect(formatG16(1234567890123457.5)).toBe('1234567890123458');
  });
});

import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code';

describe('extractCode', () => {
  it('takes the python fence out of a chatty answer', () => {
    expect(extractCode('Sure! Here it is:\n```python\nprint(1)\n```\nHope it helps.')).toBe('print(1)\n');
  });

  it('prefers the longest python fence when there are several', () => {
    const answer = '```python\nx = 1\n```\nand the full script:\n```python\nimport openpyxl\nx = 2\n```';
    expect(extractCode(answer)).toBe('import openpyxl\nx = 2\n');
  });

  it('accepts a fence without a language', () => {
    expect(extractCode('```\nimport csv\n```')).toBe('import csv\n');
  });

  it('accepts a fence cut off at the end of the answer', () => {
    expect(extractCode('```python\nimport openpyxl\nwb = openpyxl.Workbook()')).toBe('import openpyxl\nwb = openpyxl.Workbook()\n');
  });

  it('accepts an unfenced script', () => {
    expect(extractCode('import openpyxl\nwb = openpyxl.Workbook()\n')).toBe('import openpyxl\nwb = openpyxl.Workbook()\n');
  });

  it('finds nothing in prose', () => {
    expect(extractCode('I cannot help with that request.')).toBeUndefined();
  });
});

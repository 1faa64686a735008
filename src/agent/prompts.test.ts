import { describe, expect, it } from 'vitest';
import { codeMessages } from './prompts';
import { DATA_MODULES, RESTRICTED_MODULES, STANDARD_MODULES } from '../../workers/sandbox-rules';
import type { Plan } from './plan';

describe('what the model is told about the sandbox', () => {
  const system = codeMessages('Stack the files', {} as Plan, 'profile', 'runtime')[0]?.content ?? '';

  it('names every module the guard allows, from the same rules file the guard reads', () => {
    for (const name of [...DATA_MODULES, ...STANDARD_MODULES]) expect(system).toContain(name);
    expect(STANDARD_MODULES).toContain('os');
    expect(STANDARD_MODULES).not.toContain('subprocess');
  });

  it('lists exactly what os and sys offer', () => {
    for (const [name, attributes] of Object.entries(RESTRICTED_MODULES)) {
      expect(system).toContain(`- ${name} offers only: ${attributes.join(', ')}.`);
    }
    expect(RESTRICTED_MODULES.os).toContain('listdir');
    expect(RESTRICTED_MODULES.os).not.toContain('system');
  });

  it('says how to read big tables so that the fast reader serves them (opened by path, read-only rows as values)', () => {
    // What workers/python/fast_openpyxl.py serves; tests/xlsx/fast-openpyxl.test.ts shows it in use.
    expect(system).toMatch(/load_workbook\("\/input\/<file name>", read_only=True, data_only=True\) and ws\.iter_rows\(values_only=True\) \(or ws\.values\)/);
    expect(system).toContain('Open the file by its path, not from bytes.');
  });

  it('says how to write big tables so that the fast writer serves them (write-only rows of plain values)', () => {
    // What workers/python/fast_write_only.py serves; tests/xlsx/fast-write-only.test.ts shows it in use.
    expect(system).toMatch(/openpyxl\.Workbook\(write_only=True\) and ws\.append\(row\) of plain values/);
    expect(system).toContain('tableColumns=[TableColumn(');
  });
});

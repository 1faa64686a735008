/** Outside Excel (here: Node, where Office.js cannot run) the adapter must say so rather than pretend. */
import { describe, expect, it } from 'vitest';
import { isInExcel, officeCapability, officeRunExcel } from './office';

describe('office adapter outside Excel', () => {
  it('reports no Excel host, no Excel.run and no requirement sets', () => {
    expect(isInExcel()).toBe(false);
    expect(officeRunExcel()).toBeNull();
    expect(officeCapability('ExcelApi', '1.1')).toBe(false);
  });
});

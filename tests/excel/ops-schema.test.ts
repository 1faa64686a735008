/** The op schema, the model-facing JSON Schema, parsing and relative formula fill. Pure: no Excel (it is faked elsewhere because it cannot run here). */
import { describe, expect, it } from 'vitest';
import { OP_KINDS, parseWorkbookOps, workbookOpsJsonSchema } from '../../src/excel/ops';
import { fillFormula, shiftFormula } from '../../src/excel/ops/fill-formula';
import { formatAddress, parseAddress, parseArea } from '../../src/excel/ops/a1';

describe('workbook ops schema', () => {
  it('produces an OpenAPI 3.0 JSON Schema naming every op', () => {
    const schema = workbookOpsJsonSchema();
    const text = JSON.stringify(schema);
    expect(JSON.parse(text)).toEqual(schema);
    expect(schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['ops', 'summary']) });
    const ops = (schema.properties as Record<string, { items: { oneOf?: unknown[]; anyOf?: unknown[] } } | undefined>).ops;
    const variants = ops?.items.oneOf ?? ops?.items.anyOf ?? [];
    expect(variants).toHaveLength(OP_KINDS.length);
    expect(OP_KINDS).toHaveLength(19);
    for (const kind of OP_KINDS) expect(text).toContain(`"${kind}"`);
    // OpenAPI 3.0 has no "const" or "$defs"; the schema must stay inside it.
    expect(text).not.toContain('"$defs"');
    expect(text).not.toContain('"const"');
  });

  it('parses a valid answer, even inside a ```json fence', () => {
    const answer = '```json\n{"ops":[{"op":"writeValues","sheet":"Sales","address":"B2:C2","values":[[1,"x"]]},{"op":"freezePanes","sheet":"Sales","rows":1,"columns":0}],"summary":"Adds a row and freezes the header."}\n```';
    const parsed = parseWorkbookOps(answer);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.ops.ops.map((o) => o.op)).toEqual(['writeValues', 'freezePanes']);
  });

  it.each([
    ['not JSON', 'sure, here you go', /not valid JSON/],
    ['an unknown op', '{"ops":[{"op":"runMacro","name":"x"}],"summary":"s"}', /ops\.0\.op/],
    ['no ops', '{"ops":[],"summary":"s"}', /ops/],
    ['a reference to another workbook', '{"ops":[{"op":"fill","sheet":"S","address":"[Book.xlsx]S!A1","color":"#FF0000"}],"summary":"s"}', /another workbook|sheet or workbook part/],
    ['a sheet inside the address', '{"ops":[{"op":"fill","sheet":"S","address":"Other!A1","color":"#FF0000"}],"summary":"s"}', /without a sheet or workbook part/],
    ['whole columns', '{"ops":[{"op":"writeValues","sheet":"S","address":"A:A","values":[[1]]}],"summary":"s"}', /whole rows or columns.*deleteSheet/],
    ['a sort with no target', '{"ops":[{"op":"sort","keys":[{"column":0,"ascending":true}]}],"summary":"s"}', /either table, or sheet and address/],
    ['a colour that is not #RRGGBB', '{"ops":[{"op":"fill","sheet":"S","address":"A1","color":"red"}],"summary":"s"}', /ops\.0\.color/],
  ])('explains %s', (_label, text, problem) => {
    const parsed = parseWorkbookOps(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('A1 addresses', () => {
  it('parses and formats cells, ranges, whole columns and rows, and quoted sheet names', () => {
    expect(parseArea('b2:c4')).toEqual({ ok: true, area: { row: 1, column: 1, rowCount: 3, columnCount: 2, kind: 'cells' } });
    expect(parseArea('C4:B2')).toMatchObject({ area: { row: 1, column: 1, rowCount: 3, columnCount: 2 } });
    expect(parseArea('A:C')).toMatchObject({ area: { kind: 'columns', columnCount: 3 } });
    expect(parseArea('2:5')).toMatchObject({ area: { kind: 'rows', row: 1, rowCount: 4 } });
    expect(parseArea('XFD1048576')).toMatchObject({ ok: true });
    expect(parseArea('XFE1').ok).toBe(false);
    expect(parseArea('A1048577').ok).toBe(false);
    expect(parseAddress("'My ''best'' sheet'!A1:B2")).toMatchObject({ ok: true, address: { sheet: "My 'best' sheet" } });
    expect(formatAddress('My sheet', { row: 0, column: 0, rowCount: 2, columnCount: 2, kind: 'cells' })).toBe("'My sheet'!A1:B2");
  });
});

describe('relative formula fill', () => {
  it('moves relative references and keeps absolute ones, as Excel fills down and right', () => {
    expect(shiftFormula('=A1+$B$1+B$2+$C3', 2, 1)).toBe('=B3+$B$1+C$2+$C5');
    expect(shiftFormula('=SUM(A1:A10)/COUNT(A:A)', 1, 1)).toBe('=SUM(B2:B11)/COUNT(B:B)');
    expect(fillFormula('=B2*C2', 3, 1)).toEqual([['=B2*C2'], ['=B3*C3'], ['=B4*C4']]);
  });

  it('leaves strings, sheet names, structured references and function names alone', () => {
    expect(shiftFormula('=IF(A1="B2",LOG10(A1),\'Q1 2024\'!C3)&Sales!D4', 1, 0)).toBe('=IF(A2="B2",LOG10(A2),\'Q1 2024\'!C4)&Sales!D5');
    expect(shiftFormula('=SUM(Table1[Amount])+A1', 1, 0)).toBe('=SUM(Table1[Amount])+A2');
  });

  it('turns references pushed off the sheet into #REF!', () => {
    expect(shiftFormula('=A1048576', 1, 0)).toBe('=#REF!');
  });
});

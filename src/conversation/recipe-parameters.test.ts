import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillRecipe, type Recipe } from '../store';
import { namedFromLabels, parameterLabel, proposeParameters, rewriteWithParameters, toParameterName, toRecipeParameter, tokenize } from './recipe-parameters';

const STACK = readFileSync(join(__dirname, '..', '..', 'tests', 'agent', 'answers', 'stack_filter.py'), 'utf8');
const STACK_INPUTS = ['north.xlsx', 'south.xlsx', 'west.xlsx'];

function summary(code: string, inputs: string[] = []) {
  return proposeParameters(code, inputs).map((p) => ({ name: p.name, kind: p.kind, value: p.value, count: p.occurrences.length }));
}

describe('proposing recipe parameters', () => {
  it('finds the three input files and the Sales threshold in the stack job, ignoring the comment and the printed text', () => {
    expect(summary(STACK, STACK_INPUTS)).toEqual([
      { name: 'north_file', kind: 'file', value: 'north.xlsx', count: 1 },
      { name: 'south_file', kind: 'file', value: 'south.xlsx', count: 1 },
      { name: 'west_file', kind: 'file', value: 'west.xlsx', count: 1 },
      { name: 'sales_limit', kind: 'number', value: 1000, count: 1 },
    ]);
    const sales = proposeParameters(STACK, STACK_INPUTS).find((p) => p.kind === 'number');
    expect(sales?.description).toBe('The limit in “Sales > 1000” when it was saved');
  });

  it('only proposes file names of the files the run was given, and never output paths', () => {
    const code = 'a = open("/input/orders.xlsx")\nb = "orders.xlsx"\nc = "/output/orders.xlsx"\nd = "result.xlsx"\n';
    const [param, ...rest] = proposeParameters(code, ['orders.xlsx']);
    expect(rest).toEqual([]);
    expect(param).toMatchObject({ name: 'orders_file', kind: 'file', value: 'orders.xlsx' });
    expect(param?.occurrences.map((o) => o.form)).toEqual(['input-path', 'whole']);
    expect(rewriteWithParameters(code, [param!])).toBe(
      'a = open(("/input/" + PARAMS["orders_file"]))\nb = PARAMS["orders_file"]\nc = "/output/orders.xlsx"\nd = "result.xlsx"\n',
    );
  });

  it('leaves a value alone where it is not a whole literal of its own', () => {
    const code = [
      '# keep rows > 1000',
      'x1000 = 3',
      'label = "Sales > 1000"',
      'note = f"{total > 1000}"',
      'big = total > 10000',
      'sum_ = total > 1000 + extra',
      'items = range(1000)',
      'b = b"orders.xlsx"',
      'r = "see orders.xlsx"',
      '"""orders.xlsx"""',
    ].join('\n');
    expect(summary(code, ['orders.xlsx'])).toEqual([
      { name: 'orders_file', kind: 'file', value: 'orders.xlsx', count: 1 },
      { name: 'total_limit', kind: 'number', value: 10000, count: 1 },
    ]);
  });

  it('reads a comparison either way round, with negative numbers and decimals, and names it after the column', () => {
    expect(summary('keep = 0.5 <= df["Margin"]\nlow = row["Stock"] < -20\nsame = qty == 3 and qty != 4\n')).toEqual([
      { name: 'margin_limit', kind: 'number', value: 0.5, count: 1 },
      { name: 'stock_limit', kind: 'number', value: -20, count: 1 },
      { name: 'qty_limit', kind: 'number', value: 3, count: 1 },
      { name: 'qty_limit_2', kind: 'number', value: 4, count: 1 },
    ]);
  });

  it('groups the same comparison used twice into one parameter, and rewrites both', () => {
    const code = 'a = [r for r in rows if r["Sales"] > 1000]\nb = [r for r in more if r["Sales"] > 1000]\n';
    const params = proposeParameters(code, []);
    expect(params).toHaveLength(1);
    expect(rewriteWithParameters(code, params)).toBe('a = [r for r in rows if r["Sales"] > PARAMS["sales_limit"]]\nb = [r for r in more if r["Sales"] > PARAMS["sales_limit"]]\n');
  });

  it('keeps strings with escaped quotes and triple-quoted text as single tokens', () => {
    const tokens = tokenize('s = "a \\" > 5"\nt = """x\n> 7"""\nu = r"\\d+" > 9\n');
    expect(tokens.filter((t) => t.type === 'number').map((t) => (t as { text: string }).text)).toEqual(['9']);
  });

  it('turns free text into a parameter name', () => {
    expect(toParameterName('Sales (EUR) 2026', 'x')).toBe('sales_eur_2026');
    expect(toParameterName('2026 total', 'x')).toBe('total');
    expect(toParameterName('€€', 'value')).toBe('value');
  });
});

describe('the rewritten stack job', () => {
  it('is valid Python that reads each parameter, and the store fills it with a new threshold', () => {
    const proposals = proposeParameters(STACK, STACK_INPUTS);
    const renamed = proposals.map((p) => (p.kind === 'number' ? { ...p, name: 'threshold' } : p));
    const code = rewriteWithParameters(STACK, renamed);
    expect(code).toContain('files = [PARAMS["north_file"], PARAMS["south_file"], PARAMS["west_file"]]');
    expect(code).toContain('(record.get("Sales") or 0) > PARAMS["threshold"]:');
    expect(code).toContain('# Stack the Basesheet tables of the three workbooks (columns matched by name) and keep Sales > 1000.');
    const recipe: Recipe = { id: 'r', name: 'Stack', request: 'stack', code, parameters: renamed.map(toRecipeParameter), historyId: null, createdAt: 0, lastRunAt: null };
    const filled = fillRecipe(recipe, { threshold: 5000 });
    if (!filled.ok) throw new Error(filled.error.message);
    // CPython parses it (compile only: openpyxl's inputs are not needed to prove the syntax).
    execFileSync('/usr/bin/python3', ['-c', 'import sys; compile(sys.stdin.read(), "recipe", "exec")'], { input: filled.code });
    expect(filled.code.split('\n')[0]).toBe('PARAMS = {"north_file":"north.xlsx","south_file":"south.xlsx","west_file":"west.xlsx","threshold":5000}');
  });
});

describe('parameters in words', () => {
  it('shows a parameter by the words the user gave it, or its name in words', () => {
    expect(parameterLabel({ name: 'sales_limit', description: '' })).toBe('Sales limit');
    expect(parameterLabel({ name: 'q3_ventes_e_te_file', description: 'Q3 workbook' })).toBe('Q3 workbook');
  });

  it('makes unique identifiers from the labels, keeping each label as the description', () => {
    const proposal = { kind: 'number' as const, value: 1000, description: '', occurrences: [] };
    const named = namedFromLabels([
      { ...proposal, name: 'number_1', label: 'Sales limit' },
      { ...proposal, name: 'number_2', label: 'Sales limit' },
      { ...proposal, name: 'number_3', label: '  ' },
      { ...proposal, name: 'number_4', label: 'Été 2024' },
    ]);
    expect(named.map((p) => [p.name, p.description])).toEqual([
      ['sales_limit', 'Sales limit'],
      ['sales_limit_2', 'Sales limit'],
      ['number_3', ''],
      ['e_te_2024', 'Été 2024'],
    ]);
  });
});

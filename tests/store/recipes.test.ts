import { DAY, freshStore } from './fresh';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  fillRecipe,
  getRecipe,
  listRecipes,
  markRecipeRun,
  newHistoryEntry,
  parameterizeLiteral,
  saveRecipe,
  saveRecipeFromHistory,
  setApiKey,
  type Recipe,
} from '../../src/store';

/** Runs the filled code's first line in real Python and returns PARAMS as JSON. */
function paramsSeenByPython(code: string): unknown {
  const first = code.split('\n')[0]!;
  const script = `import ast, json, sys\nline = sys.stdin.read()\ntree = ast.parse(line)\nassert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)\nassert [t.id for t in tree.body[0].targets] == ["PARAMS"]\nprint(json.dumps(ast.literal_eval(tree.body[0].value)))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: first }).toString());
}

const CODE = `import pandas as pd\ndf = pd.read_excel("/input/" + PARAMS["file"])\ndf = df[df["Amount"] > PARAMS["threshold"]]\ndf.to_excel("/output/" + PARAMS["label"] + ".xlsx")\n`;

function recipe(): Recipe {
  return {
    id: 'r1',
    name: 'Big orders',
    request: 'keep orders over 1000',
    code: CODE,
    parameters: [
      { name: 'file', kind: 'file', value: 'orders.xlsx', description: 'The orders workbook' },
      { name: 'threshold', kind: 'number', value: 1000, description: 'Smallest amount kept' },
      { name: 'label', kind: 'text', value: 'big', description: 'Output name' },
    ],
    historyId: null,
    createdAt: 0,
    lastRunAt: null,
  };
}

describe('recipes', () => {
  it('binds parameters in a generated first line and leaves the code untouched', () => {
    const filled = fillRecipe(recipe(), { threshold: '2500.5', label: 'q3' }, { files: ['orders.xlsx', 'other.xlsx'] });
    if (!filled.ok) throw new Error(filled.error.message);
    expect(filled.code.split('\n')[0]).toBe('PARAMS = {"file":"orders.xlsx","threshold":2500.5,"label":"q3"}');
    expect(filled.code.slice(filled.code.indexOf('\n') + 1)).toBe(CODE);
  });

  it('keeps hostile text a value: Python reads back exactly what was given', () => {
    const hostile = `"]; import os; os.system("x") #\n'''\\u2028 \u2028 é 😀 \\`;
    const filled = fillRecipe(recipe(), { label: hostile });
    if (!filled.ok) throw new Error(filled.error.message);
    const firstLine = filled.code.split('\n')[0]!;
    // One line with nothing invisible in it; letters and emoji stay readable.
    expect(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(firstLine)).toBe(false);
    expect(firstLine).toContain('\\u2028 é 😀');
    expect(paramsSeenByPython(filled.code)).toEqual({ file: 'orders.xlsx', threshold: 1000, label: hostile });
  });

  it('refuses values of the wrong kind and unknown parameters', () => {
    const r = recipe();
    expect(fillRecipe(r, { threshold: '1000; import os' })).toEqual({ ok: false, error: { kind: 'invalid', message: '"threshold" must be a number.' } });
    expect(fillRecipe(r, { threshold: Number.NaN }).ok).toBe(false);
    expect(fillRecipe(r, { file: '../secrets.xlsx' }).ok).toBe(false);
    expect(fillRecipe(r, { file: 'missing.xlsx' }, { files: ['orders.xlsx'] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('not among the files') } });
    expect(fillRecipe(r, { label: 42 }).ok).toBe(false);
    expect(fillRecipe(r, { colour: 'red' })).toMatchObject({ ok: false, error: { message: 'The recipe has no parameter "colour".' } });
  });

  it('saves from a successful history entry only, and checks that the code reads each parameter', async () => {
    const { db } = await freshStore();
    const entry = { ...newHistoryEntry({ request: 'keep orders over 1000 from orders.xlsx', provider: 'gemini', model: 'm' }), code: 'df = read("orders.xlsx")\n' };
    expect(await saveRecipeFromHistory(db, entry, { name: 'x' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });

    const done = { ...entry, outcome: { status: 'success' as const, message: '' } };
    const file = { name: 'file', kind: 'file' as const, value: 'orders.xlsx', description: '' };
    const unreferenced = await saveRecipeFromHistory(db, done, { name: 'Orders', parameters: [file] });
    expect(unreferenced).toMatchObject({ ok: false, error: { message: expect.stringContaining('never reads PARAMS["file"]') } });

    const { code, replaced } = parameterizeLiteral(done.code, 'orders.xlsx', 'file');
    expect(replaced).toBe(1);
    expect(code).toBe('df = read(PARAMS["file"])\n');
    const saved = await saveRecipeFromHistory(db, done, { name: 'Orders', parameters: [file], code }, 3 * DAY);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value).toMatchObject({ name: 'Orders', historyId: done.id, createdAt: 3 * DAY, lastRunAt: null });
    expect(await getRecipe(db, saved.value.id)).toEqual(saved.value);

    const run = await markRecipeRun(db, saved.value.id, 4 * DAY);
    expect(run.ok && run.value.lastRunAt).toBe(4 * DAY);
    expect((await listRecipes(db)).map((r) => r.name)).toEqual(['Orders']);
  });

  it('keeps the values of the last run as the next defaults, checked like any value', async () => {
    const { db } = await freshStore();
    const saved = await saveRecipe(db, { name: 'Big orders', request: 'r', code: CODE, parameters: recipe().parameters });
    if (!saved.ok) throw new Error(saved.error.message);
    const ran = await markRecipeRun(db, saved.value.id, 5 * DAY, { threshold: '5000', file: 'orders_nov.xlsx' });
    if (!ran.ok) throw new Error(ran.error.message);
    expect(ran.value.parameters.map((p) => p.value)).toEqual(['orders_nov.xlsx', 5000, 'big']);
    expect(ran.value.lastRunAt).toBe(5 * DAY);
    const refused = await markRecipeRun(db, saved.value.id, 6 * DAY, { threshold: 'lots' });
    expect(refused).toEqual({ ok: false, error: { kind: 'invalid', message: '"threshold" must be a number.' } });
    expect(await getRecipe(db, saved.value.id)).toEqual(ran.value);
  });

  it('never stores a saved API key: found in the request, the code or a value, it is redacted', async () => {
    const { db } = await freshStore();
    const key = 'sk-recipe-key-0123456789';
    expect((await setApiKey(db, 'openai', key)).ok).toBe(true);
    const code = `token = "${key}"\nx = PARAMS["label"]\n`;
    const saved = await saveRecipe(db, { name: 'Leaky', request: `use ${key} please`, code, parameters: [{ name: 'label', kind: 'text', value: 'big', description: '' }] });
    if (!saved.ok) throw new Error(saved.error.message);
    const ran = await markRecipeRun(db, saved.value.id, DAY, { label: `again ${key}` });
    if (!ran.ok) throw new Error(ran.error.message);
    const stored = JSON.stringify(await getRecipe(db, saved.value.id));
    expect(stored).not.toContain(key);
    expect(stored).toContain('use [redacted] please');
    expect(stored).toContain('token = \\"[redacted]\\"');
    expect(stored).toContain('again [redacted]');
  });

  it('refuses a recipe whose parameter name or default is bad', async () => {
    const { db } = await freshStore();
    const base = { name: 'n', request: 'r', code: 'x = PARAMS["n"]' };
    expect((await saveRecipe(db, { ...base, parameters: [{ name: 'n; import os', kind: 'text', value: 'a', description: '' }] })).ok).toBe(false);
    expect((await saveRecipe(db, { ...base, parameters: [{ name: 'n', kind: 'number', value: 'abc', description: '' }] })).ok).toBe(false);
    expect((await saveRecipe(db, { ...base, parameters: [{ name: 'n', kind: 'number', value: 3, description: '' }] })).ok).toBe(true);
    expect(await listRecipes(db)).toHaveLength(1);
  });

  it('only replaces whole string literals when parameterizing', () => {
    expect(parameterizeLiteral(`a = "x.csv"; b = "bx.csv"; c = f"x.csv"; d = 'x.csv'`, 'x.csv', 'f').code).toBe(`a = PARAMS["f"]; b = "bx.csv"; c = f"x.csv"; d = PARAMS["f"]`);
    expect(parameterizeLiteral('a = "it\'s"', "it's", 'f').replaced).toBe(0);
  });
});

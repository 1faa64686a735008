/**
 * Recipes: a request that worked, saved to run again with new values.
 *
 * The code never has values spliced into it. It reads `PARAMS["name"]`, and
 * fillRecipe prepends one generated line, `PARAMS = {...}`, whose right-hand
 * side is JSON restricted to ASCII: JSON strings and numbers are also valid
 * Python literals, so any value (quotes, newlines, code-looking text) stays a
 * value. Values are only strings and finite numbers, so no true/null/NaN.
 */
import { isSafeFileName } from '../../workers/api';
import type { ExcelAiDb } from './db';
import { readSecrets, redact } from './redact';
import type { HistoryEntry, Recipe, RecipeParameter, RecipeParameterKind } from './types';
import { InvalidValue, write, type StoreResult } from './write';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_TEXT = 10_000;

export type FillResult = { ok: true; code: string } | { ok: false; error: { kind: 'invalid'; message: string } };

/** Checks one value against its kind; returns the value to use or a sentence saying what is wrong. */
export function checkParameterValue(
  kind: RecipeParameterKind,
  name: string,
  value: unknown,
  files?: readonly string[],
): { ok: true; value: string | number } | { ok: false; message: string } {
  switch (kind) {
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `"${name}" must be a number.` };
    }
    case 'text':
      if (typeof value !== 'string') return { ok: false, message: `"${name}" must be text.` };
      if (value.length > MAX_TEXT) return { ok: false, message: `"${name}" is longer than ${MAX_TEXT} characters.` };
      if (value.includes('\u0000')) return { ok: false, message: `"${name}" contains a NUL character.` };
      if (/[\uD800-\uDFFF]/u.test(value)) return { ok: false, message: `"${name}" contains a broken character.` };
      return { ok: true, value };
    case 'file':
      if (typeof value !== 'string' || !isSafeFileName(value)) return { ok: false, message: `"${name}" must be a file name without folders or control characters.` };
      if (files && !files.includes(value)) return { ok: false, message: `"${name}" names the file "${value}", which is not among the files added.` };
      return { ok: true, value };
  }
}

function referencesParameter(code: string, name: string): boolean {
  return code.includes(`PARAMS["${name}"]`) || code.includes(`PARAMS['${name}']`);
}

function checkRecipe(fields: Pick<Recipe, 'name' | 'code' | 'parameters'>): string | undefined {
  if (!fields.name.trim()) return 'A recipe needs a name.';
  if (!fields.code.trim()) return 'A recipe needs code.';
  const seen = new Set<string>();
  for (const p of fields.parameters) {
    if (!PARAM_NAME.test(p.name)) return `"${p.name}" cannot be a parameter name: use letters, digits and _ and start with a letter.`;
    if (seen.has(p.name)) return `The parameter "${p.name}" is listed twice.`;
    seen.add(p.name);
    const checked = checkParameterValue(p.kind, p.name, p.value);
    if (!checked.ok) return `The default of ${checked.message}`;
    if (!referencesParameter(fields.code, p.name)) return `The code never reads PARAMS["${p.name}"], so that parameter would change nothing.`;
  }
  return undefined;
}

export interface RecipeDraft {
  name: string;
  request: string;
  code: string;
  parameters: RecipeParameter[];
  historyId?: string | null;
}

/** Stores a new recipe. Saved API keys found in its request, code or values are redacted, as in history. */
export async function saveRecipe(db: ExcelAiDb, draft: RecipeDraft, now = Date.now()): Promise<StoreResult<Recipe>> {
  return write(db, ['settings', 'recipes'], async (tx) => {
    const problem = checkRecipe(draft);
    if (problem) throw new InvalidValue(problem);
    const recipe: Recipe = redact({
      id: crypto.randomUUID(),
      name: draft.name.trim(),
      request: draft.request,
      code: draft.code,
      parameters: draft.parameters.map((p) => ({ ...p })),
      historyId: draft.historyId ?? null,
      createdAt: now,
      lastRunAt: null,
    }, await readSecrets(tx));
    await tx.objectStore('recipes').add(recipe);
    return recipe;
  });
}

/**
 * Saves a recipe from a request that succeeded. `code` defaults to the code
 * that ran; pass a version that reads PARAMS (see parameterizeLiteral) when
 * there are parameters.
 */
export async function saveRecipeFromHistory(
  db: ExcelAiDb,
  entry: HistoryEntry,
  options: { name: string; parameters?: RecipeParameter[]; code?: string },
  now = Date.now(),
): Promise<StoreResult<Recipe>> {
  if (entry.outcome.status !== 'success' || !entry.code) {
    return { ok: false, error: { kind: 'invalid', message: 'Only a request that finished successfully can be saved as a recipe.' } };
  }
  return saveRecipe(db, { name: options.name, request: entry.request, code: options.code ?? entry.code, parameters: options.parameters ?? [], historyId: entry.id }, now);
}

/**
 * Replaces the Python string literal `"literal"` (or `'literal'`) in the code
 * with `PARAMS["name"]`, e.g. to turn a file name into a parameter. Only
 * literals without quotes, backslashes or line breaks are touched.
 */
export function parameterizeLiteral(code: string, literal: string, name: string): { code: string; replaced: number } {
  if (!PARAM_NAME.test(name) || !literal || /["'\\\r\n]/.test(literal)) return { code, replaced: 0 };
  let replaced = 0;
  const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Not preceded by a string prefix letter (f"...", b"...") nor part of a longer string.
  const pattern = new RegExp(`(?<![A-Za-z0-9_"'])(["'])${escaped}\\1(?!["'])`, 'g');
  const out = code.replace(pattern, () => {
    replaced++;
    return `PARAMS[${JSON.stringify(name)}]`;
  });
  return { code: out, replaced };
}

/**
 * The recipe's code with `values` (missing ones take their defaults) bound in
 * a generated first line. Unknown names and values of the wrong kind are refused.
 */
export function fillRecipe(recipe: Recipe, values: Record<string, unknown> = {}, options: { files?: readonly string[] } = {}): FillResult {
  const known = new Map(recipe.parameters.map((p) => [p.name, p]));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) return { ok: false, error: { kind: 'invalid', message: `The recipe has no parameter "${name}".` } };
  }
  const params: Record<string, string | number> = {};
  for (const p of recipe.parameters) {
    const checked = checkParameterValue(p.kind, p.name, Object.hasOwn(values, p.name) ? values[p.name] : p.value, options.files);
    if (!checked.ok) return { ok: false, error: { kind: 'invalid', message: checked.message } };
    params[p.name] = checked.value;
  }
  return { ok: true, code: `PARAMS = ${pythonLiteral(params)}\n${recipe.code}` };
}

/**
 * JSON that Python reads back exactly, on one line that shows what it holds:
 * letters stay readable ("Q3 Ventes – été.xlsx"), while every character that is
 * invisible or changes how a line reads (controls, bidi and other format
 * characters, line and paragraph separators, odd spaces, unassigned and private
 * code points, lone surrogates) is escaped the way Python reads it (\uXXXX, or
 * \UXXXXXXXX beyond the BMP).
 */
function pythonLiteral(value: Record<string, string | number>): string {
  return JSON.stringify(value).replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}\u{7f}]/gu, (c) => {
    if (c === ' ') return c;
    const cp = c.codePointAt(0) ?? 0;
    return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

export function getRecipe(db: ExcelAiDb, id: string): Promise<Recipe | undefined> {
  return db.get('recipes', id);
}

export function listRecipes(db: ExcelAiDb): Promise<Recipe[]> {
  return db.getAllFromIndex('recipes', 'by-name');
}

export async function deleteRecipe(db: ExcelAiDb, id: string): Promise<StoreResult<void>> {
  return write(db, ['recipes'], (tx) => tx.objectStore('recipes').delete(id));
}

/**
 * Records that the recipe ran (its run record, which retention clears like history).
 * `values`, when given, become the parameters' defaults, so the next run starts from
 * the values last used; each is checked like fillRecipe checks it.
 */
export async function markRecipeRun(db: ExcelAiDb, id: string, at = Date.now(), values?: Record<string, unknown>): Promise<StoreResult<Recipe>> {
  return write(db, ['settings', 'recipes'], async (tx) => {
    const store = tx.objectStore('recipes');
    const recipe = await store.get(id);
    if (!recipe) throw new InvalidValue('That recipe no longer exists.');
    const parameters = recipe.parameters.map((p) => {
      if (!values || !Object.hasOwn(values, p.name)) return p;
      const checked = checkParameterValue(p.kind, p.name, values[p.name]);
      if (!checked.ok) throw new InvalidValue(checked.message);
      return { ...p, value: checked.value };
    });
    const next = redact({ ...recipe, parameters, lastRunAt: at }, await readSecrets(tx));
    await store.put(next);
    return next;
  });
}

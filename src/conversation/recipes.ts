/**
 * Running a saved recipe again, without the model: the values the user chose are checked
 * and filled in (src/store fillRecipe: one generated PARAMS line, never spliced into the
 * code), and the run goes to the conversation as a code run, logged with its values.
 */
import { fillRecipe, type JsonValue, type Recipe } from '../store';

export type RecipeValues = Record<string, string>;

/** `label` names the run in words (the recipe and the values it ran with), for its downloads. */
export type PreparedRecipeRun = { ok: true; code: string; details: Record<string, JsonValue>; label: string } | { ok: false; problem: string };

export function prepareRecipeRun(recipe: Recipe, values: RecipeValues, files: readonly string[]): PreparedRecipeRun {
  const unmapped = recipe.parameters.find((p) => p.kind === 'file' && !values[p.name]);
  if (unmapped) return { ok: false, problem: `No file is chosen for "${unmapped.name}". Add this run's files on the Work tab, then choose one here.` };
  const filled = fillRecipe(recipe, values, { files: [...files] });
  if (!filled.ok) return { ok: false, problem: `${filled.error.message} Change it in the recipe and run it again.` };
  const chosen = recipe.parameters.filter((p) => p.kind !== 'file').map((p) => `${p.description?.trim() || p.name} ${values[p.name] ?? p.value}`);
  const label = chosen.length ? `${recipe.name} (${chosen.join(', ')})` : recipe.name;
  return { ok: true, code: filled.code, details: { recipe: recipe.name, values: Object.fromEntries(recipe.parameters.map((p) => [p.name, values[p.name] ?? p.value])) }, label };
}

/** The values a recipe starts with on screen: its defaults, each file parameter mapped to an added file. */
export function initialValues(recipe: Recipe, files: readonly string[]): RecipeValues {
  const values: RecipeValues = {};
  const fileParams = recipe.parameters.filter((p) => p.kind === 'file');
  for (const p of recipe.parameters) {
    if (p.kind !== 'file') {
      values[p.name] = String(p.value);
      continue;
    }
    // Same name if it was added again; otherwise the file in the same position (this month's north, south, west).
    const sameName = files.find((f) => f === p.value);
    values[p.name] = sameName ?? files[fileParams.indexOf(p)] ?? files[0] ?? '';
  }
  return values;
}

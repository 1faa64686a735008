/**
 * Saved recipes for the Recipes tab: list, save, delete, and run one again on the
 * files added now, without the model. A run fills the recipe's parameters
 * (src/store fillRecipe: values become one generated PARAMS line, never spliced
 * into the code) and hands the code to the same direct run as the Code view.
 */
import { useCallback, useEffect, useState } from 'react';
import { deleteRecipe, listRecipes, markRecipeRun, saveRecipe, type ExcelAiDb, type JsonValue, type Recipe, type RecipeDraft } from '../store';
import type { AddedFile } from './use-files';
import { prepareRecipeRun, type RecipeValues } from '../conversation/recipes';

export type { RecipeValues };


/** What the pane needs from the rest of the app to run a recipe. */
export interface RecipeRunPort {
  /** The Code view's direct run, logged before it starts with these details; its result is shown on the Work tab. */
  runCode(code: string, files: AddedFile[], details: Record<string, JsonValue>): Promise<void>;
}

export function useRecipes(db: ExcelAiDb | undefined) {
  const [recipes, setRecipes] = useState<Recipe[]>([]);
  const [problem, setProblem] = useState<string | undefined>();

  const refresh = useCallback(async () => {
    if (db) setRecipes(await listRecipes(db));
  }, [db]);

  useEffect(() => {
    if (!db) return;
    let live = true;
    void listRecipes(db).then((all) => {
      if (live) setRecipes(all);
    });
    return () => {
      live = false;
    };
  }, [db]);

  /** Saves a recipe; returns a sentence saying what is wrong, or undefined when saved. */
  const save = useCallback(
    async (draft: RecipeDraft): Promise<string | undefined> => {
      if (!db) return 'Recipes are not available: this browser refused to open the pane’s storage.';
      const saved = await saveRecipe(db, draft);
      if (!saved.ok) return saved.error.message;
      await refresh();
      return undefined;
    },
    [db, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      if (!db) return;
      const removed = await deleteRecipe(db, id);
      setProblem(removed.ok ? undefined : removed.error.message);
      await refresh();
    },
    [db, refresh],
  );

  /**
   * Runs the recipe with `values` on `files`. Returns a sentence when the values
   * cannot be used (nothing ran); the run's own result is shown by the Work tab.
   */
  const run = useCallback(
    async (recipe: Recipe, values: RecipeValues, files: AddedFile[], port: RecipeRunPort): Promise<string | undefined> => {
      const prepared = prepareRecipeRun(recipe, values, files.map((f) => f.file.name));
      if (!prepared.ok) return prepared.problem;
      if (db) {
        // The values it ran with become its defaults: next month's run is one click.
        const marked = await markRecipeRun(db, recipe.id, Date.now(), values);
        if (!marked.ok) setProblem(marked.error.message);
        await refresh();
      }
      // Logged before it runs, like a request: the log shows what was started even if the pane is closed mid-run.
      await port.runCode(prepared.code, files, prepared.details);
      return undefined;
    },
    [db, refresh],
  );

  return { recipes, problem, refresh, save, remove, run };
}

/** The values a recipe starts with on this screen: its defaults, each file parameter mapped to an added file. */
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

/**
 * Saved recipes: list, save, delete, and run one again on the files added now,
 * without the model. A run fills the recipe's parameters (src/store fillRecipe:
 * values become one generated PARAMS line, never spliced into the code) and is a
 * direct run of the conversation, logged before it starts.
 */
import { deleteRecipe, listRecipes, markRecipeRun, saveRecipe, type ExcelAiDb, type JsonValue, type Recipe, type RecipeDraft } from '../store';
import { Observable } from './observable';
import { prepareRecipeRun, type RecipeValues } from './recipes';

export interface RecipeBookView {
  recipes: Recipe[];
  problem?: string;
}

/** Runs prepared recipe code on the files (the conversation's direct run). */
export type RunRecipeCode = (code: string, details: Record<string, JsonValue>, label: string) => Promise<void>;

export class RecipeBook extends Observable<RecipeBookView> {
  private db: ExcelAiDb | undefined;

  constructor() {
    super({ recipes: [] });
  }

  async attach(db: ExcelAiDb): Promise<void> {
    this.db = db;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.db) this.update({ recipes: await listRecipes(this.db) });
  }

  /** Saves a recipe; returns a sentence saying what is wrong, or undefined when saved. */
  save = async (draft: RecipeDraft): Promise<string | undefined> => {
    if (!this.db) return 'Recipes are not available: this browser refused to open the pane’s storage.';
    const saved = await saveRecipe(this.db, draft);
    if (!saved.ok) return saved.error.message;
    await this.refresh();
    return undefined;
  };

  async remove(id: string): Promise<void> {
    if (!this.db) return;
    const removed = await deleteRecipe(this.db, id);
    this.update({ problem: removed.ok ? undefined : removed.error.message });
    await this.refresh();
  }

  /**
   * Runs the recipe with `values` on the files named `files`. Returns a sentence when
   * the values cannot be used (nothing ran); the run's own result is the conversation's.
   */
  async run(recipe: Recipe, values: RecipeValues, files: readonly string[], runCode: RunRecipeCode): Promise<string | undefined> {
    const prepared = prepareRecipeRun(recipe, values, files);
    if (!prepared.ok) return prepared.problem;
    if (this.db) {
      // The values it ran with become its defaults: next month's run is one click.
      const marked = await markRecipeRun(this.db, recipe.id, Date.now(), values);
      if (!marked.ok) this.update({ problem: marked.error.message });
      await this.refresh();
    }
    await runCode(prepared.code, prepared.details, prepared.label);
    return undefined;
  }
}

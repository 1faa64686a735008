/**
 * Saved recipes: what each one does, when it last ran, its settings (numbers, text,
 * which added file stands for each file it reads), Run and Delete. Running uses
 * the files added now and never calls the model.
 */
import {
  Body1, Button, Caption1, Card, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input,
  makeStyles, MessageBar, MessageBarBody, Select, Subtitle2, tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Recipe } from '../store';
import { initialValues, type RecipeValues } from '../conversation/recipes';
import { parameterLabel } from '../conversation/recipe-parameters';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, listStyle: 'none', padding: 0, margin: 0 },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  wrap: { overflowWrap: 'anywhere' },
});

export interface RecipesPanelProps {
  recipes: Recipe[];
  /** Names of the files added now, in the order they were added. */
  files: string[];
  problem?: string;
  canRun: boolean;
  /** Why Run is unavailable, when it is. */
  cannotRunReason?: string;
  onRun(recipe: Recipe, values: RecipeValues): Promise<string | undefined>;
  onDelete(recipe: Recipe): void;
}

export function RecipesPanel(props: RecipesPanelProps) {
  const styles = useStyles();
  return (
    <section aria-labelledby="recipes-heading" data-testid="recipes">
      <h2 id="recipes-heading" className="pane-heading">
        Recipes
      </h2>
      <Caption1 block>Requests that worked, saved to run again on new files without asking the model. Each recipe keeps the values it last ran with. Kept in this browser only.</Caption1>
      {props.problem && <Body1 block>{props.problem}</Body1>}
      {!props.recipes.length && <Body1 block>No recipes yet. After a run that worked, choose “Save as recipe” under its result or in History.</Body1>}
      {props.cannotRunReason && props.recipes.length > 0 && <Caption1 as="p">{props.cannotRunReason}</Caption1>}
      <ul className={styles.list}>
        {props.recipes.map((recipe) => (
          <li key={recipe.id}>
            <RecipeCard recipe={recipe} {...props} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecipeCard(props: { recipe: Recipe } & RecipesPanelProps) {
  const styles = useStyles();
  const { recipe } = props;
  const [values, setValues] = useState<RecipeValues>(() => initialValues(recipe, props.files));
  const [problem, setProblem] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const headingId = `recipe-${recipe.id}`;
  // A file chosen earlier may have been removed since: fall back to the current mapping.
  const fileValue = (name: string): string => (props.files.includes(values[name] ?? '') ? (values[name] ?? '') : (initialValues(recipe, props.files)[name] ?? ''));

  const run = async (): Promise<void> => {
    setRunning(true);
    const current = { ...values };
    for (const p of recipe.parameters) if (p.kind === 'file') current[p.name] = fileValue(p.name);
    setProblem(await props.onRun(recipe, current));
    setRunning(false);
  };

  return (
    <Card className={styles.card} aria-labelledby={headingId} data-testid="recipe">
      <Subtitle2 as="h3" id={headingId} className={styles.wrap}>
        {recipe.name}
      </Subtitle2>
      <Caption1 className={styles.wrap}>Request: {recipe.request}</Caption1>
      <Caption1 data-testid="recipe-last-run">{recipe.lastRunAt ? `Last run ${new Date(recipe.lastRunAt).toLocaleString()}` : 'Not run again yet'}</Caption1>
      {recipe.parameters.map((p) => (
        <Field key={p.name} label={parameterLabel(p)} hint={`Last used: ${String(p.value)}`}>
          {p.kind === 'file' ? (
            <Select value={fileValue(p.name)} onChange={(_, d) => setValues((v) => ({ ...v, [p.name]: d.value }))} data-testid={`recipe-param-${p.name}`}>
              {!props.files.length && <option value="">Add files on the Work tab first</option>}
              {props.files.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              type={p.kind === 'number' ? 'number' : 'text'}
              value={values[p.name] ?? ''}
              onChange={(_, d) => setValues((v) => ({ ...v, [p.name]: d.value }))}
              data-testid={`recipe-param-${p.name}`}
            />
          )}
        </Field>
      ))}
      {problem && (
        <MessageBar intent="error" data-testid="recipe-problem">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!props.canRun || running} onClick={() => void run()} data-testid="run-recipe" aria-describedby={headingId}>
          Run on the current files
        </Button>
        <DeleteRecipe recipe={recipe} onDelete={() => props.onDelete(recipe)} />
      </div>
    </Card>
  );
}

function DeleteRecipe(props: { recipe: Recipe; onDelete(): void }) {
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button aria-label={`Delete the recipe ${props.recipe.name}`} data-testid="delete-recipe">
          Delete
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete “{props.recipe.name}”?</DialogTitle>
          <DialogContent>The recipe is removed from this browser. Your files and history are not touched.</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>Keep it</Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={props.onDelete} data-testid="confirm-delete-recipe">
                Delete
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

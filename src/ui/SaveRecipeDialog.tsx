/**
 * "Save as recipe" for a run that worked: a name, and the values the pane found in
 * the code (files it read, numbers it compared against) offered as settings the
 * user can name in their own words or drop. Saving rewrites the code to read them.
 */
import {
  Body1, Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input,
  makeStyles, MessageBar, MessageBarBody, tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { RecipeDraft } from '../store';
import { nameInWords, namedFromLabels, proposeParameters, rewriteWithParameters, toRecipeParameter, type ProposedParameter } from '../conversation/recipe-parameters';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(520px, calc(100vw - 24px))', boxSizing: 'border-box', padding: tokens.spacingHorizontalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  param: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const KIND_WORDS: Record<ProposedParameter['kind'], string> = { file: 'a file', number: 'a number', text: 'text' };

interface Choice extends ProposedParameter {
  keep: boolean;
  /** What the recipe calls it, in the user's words. */
  label: string;
}

export function SaveRecipeDialog(props: { request: string; code: string; inputs: string[]; historyId?: string; onSave(draft: RecipeDraft): Promise<string | undefined> }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [choices, setChoices] = useState<Choice[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  const start = (): void => {
    setName(props.request.trim().slice(0, 60));
    setChoices(proposeParameters(props.code, props.inputs).map((p) => ({ ...p, keep: true, label: nameInWords(p.name) })));
    setProblem(undefined);
    setSaved(undefined);
  };
  const change = (index: number, patch: Partial<Choice>): void => setChoices((all) => all.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  const save = async (): Promise<void> => {
    const kept = namedFromLabels(choices.filter((c) => c.keep));
    const draft: RecipeDraft = { name, request: props.request, code: rewriteWithParameters(props.code, kept), parameters: kept.map(toRecipeParameter), historyId: props.historyId ?? null };
    const error = await props.onSave(draft);
    if (error) {
      setProblem(error);
      return;
    }
    setSaved(`Saved as "${name.trim()}". Find it under Recipes.`);
    setOpen(false);
  };

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(_, d) => {
          if (d.open) start();
          setOpen(d.open);
        }}
      >
        <DialogTrigger disableButtonEnhancement>
          <Button data-testid="save-recipe">Save as recipe</Button>
        </DialogTrigger>
        <DialogSurface className={styles.surface} aria-describedby="recipe-dialog-help">
          <DialogBody>
            <DialogTitle>Save as recipe</DialogTitle>
            <DialogContent className={styles.form}>
              <Body1 id="recipe-dialog-help">
                A recipe runs this same code again later, on new files, without asking the model. The values below can be changed each time it runs.
              </Body1>
              <Field label="Recipe name" required>
                <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="recipe-name" />
              </Field>
              {!choices.length && <Caption1>No file names or limits were found in the code: the recipe will run exactly as it is.</Caption1>}
              {choices.map((c, i) => (
                <fieldset key={c.occurrences[0]?.start ?? i} className={styles.param} data-testid={`proposed-${c.kind}`}>
                  <Checkbox
                    checked={c.keep}
                    onChange={(_, d) => change(i, { keep: d.checked === true })}
                    label={`Let me change ${KIND_WORDS[c.kind]} here (now ${String(c.value)})`}
                    data-testid={`keep-${c.name}`}
                  />
                  {c.keep && (
                    <>
                      <Field label="Call it" hint="How the recipe asks you for it next time, e.g. Sales limit.">
                        <Input value={c.label} onChange={(_, d) => change(i, { label: d.value })} data-testid="param-name" />
                      </Field>
                    </>
                  )}
                </fieldset>
              ))}
              {problem && (
                <MessageBar intent="error" data-testid="recipe-save-problem">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" onClick={() => void save()} data-testid="confirm-save-recipe">
                Save recipe
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {saved && (
        <Caption1 role="status" data-testid="recipe-saved">
          {saved}
        </Caption1>
      )}
    </>
  );
}

/** Which model to ask, with what key, and the sandbox's limits; "Test connection" asks the model once. */
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { DEFAULT_MODELS, OLLAMA_BASE_URL } from '../models';
import type { ProviderId } from '../models/types';
import type { PaneSettings } from '../conversation/pane-settings';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }, row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // A select is as wide as its longest option unless told otherwise: at 320 px that overflowed the pane.
  fit: { minWidth: 0, maxWidth: '100%' },
});

export function SettingsPanel(props: {
  settings: PaneSettings;
  apiKey: string;
  onChange(settings: PaneSettings): void;
  onApiKey(key: string): void;
  /** Asks the model as the settings say now (src/conversation/connection-tests.ts). */
  onTest(): Promise<{ ok: boolean; text: string }>;
}) {
  const styles = useStyles();
  const { settings } = props;
  const [test, setTest] = useState<{ ok: boolean; text: string } | undefined>();
  const set = (patch: Partial<PaneSettings>): void => props.onChange({ ...settings, ...patch });

  const testConnection = async (): Promise<void> => {
    setTest({ ok: true, text: 'Asking the model…' });
    setTest(await props.onTest());
  };

  return (
    <section aria-labelledby="settings-heading" className={styles.form} data-testid="settings">
      <h2 id="settings-heading" className="pane-heading">
        Settings
      </h2>
      <Field label="Model provider">
        <Select className={styles.fit} value={settings.provider} onChange={(_, d) => set({ provider: d.value as ProviderId, model: DEFAULT_MODELS[d.value as ProviderId], baseUrl: '' })} data-testid="provider">
          <option value="gemini">Google Gemini</option>
          <option value="openai">OpenAI-compatible (OpenAI, Azure, Ollama, LM Studio)</option>
        </Select>
      </Field>
      <Field label="Model">
        <Input value={settings.model} onChange={(_, d) => set({ model: d.value })} data-testid="model" />
      </Field>
      <Field label="Base URL" hint={settings.provider === 'openai' ? 'Empty for OpenAI. A local model keeps everything on this computer.' : 'Empty for Google’s endpoint.'}>
        <div className={styles.row}>
          <Input value={settings.baseUrl} onChange={(_, d) => set({ baseUrl: d.value })} data-testid="base-url" />
          {settings.provider === 'openai' && (
            <Button size="small" onClick={() => set({ baseUrl: OLLAMA_BASE_URL, model: 'llama3.1' })}>
              Use local Ollama
            </Button>
          )}
        </div>
      </Field>
      <Field label="API key" hint="Stored only in this browser on this computer; never in history, recipes, the audit log or exports, even if pasted into a request. A local model needs none.">
        <Input type="password" value={props.apiKey} onChange={(_, d) => props.onApiKey(d.value)} data-testid="api-key" />
      </Field>
      <div className={styles.row}>
        <Field label="Time limit (s)">
          <Input type="number" min={5} value={String(settings.timeoutS)} onChange={(_, d) => set({ timeoutS: Math.max(5, Number(d.value) || 120) })} data-testid="timeout-s" />
        </Field>
        <Field label="Memory limit (MB)">
          <Input type="number" min={256} value={String(settings.memoryMb)} onChange={(_, d) => set({ memoryMb: Math.max(256, Number(d.value) || 2048) })} />
        </Field>
      </div>
      <Switch checked={settings.autoApproveLowRisk} label="Run low-risk plans without asking" onChange={(_, d) => set({ autoApproveLowRisk: d.checked })} />
      <div>
        <Button onClick={() => void testConnection()} data-testid="test-connection">
          Test connection
        </Button>
      </div>
      {test && (
        <MessageBar intent={test.ok ? 'success' : 'error'}>
          <MessageBarBody>{test.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/**
 * Settings for packages on demand: where they come from (Pyodide's public
 * repository or a self-hosted folder), and "download pandas now" so it works
 * offline later. The files are verified against the app's own lock either way.
 */
import { Button, Caption1, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { PYODIDE_CDN_SOURCE } from './package-download';
import type { PackageManager } from './package-manager';
import { usePackageActivity } from './use-package-activity';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

type Offline = { state: 'unknown' } | { state: 'cached' } | { state: 'missing' } | { state: 'working' } | { state: 'failed'; message: string };

export function PackageSettings(props: { packages: PackageManager; source: string; onSource(source: string): void }) {
  const styles = useStyles();
  const activity = usePackageActivity(props.packages);
  const selfHosted = props.source !== '';
  const [draft, setDraft] = useState(props.source);
  const [offline, setOffline] = useState<Offline>({ state: 'unknown' });

  useEffect(() => {
    let live = true;
    void props.packages.closure(['pandas']).then(async (c) => {
      const cached = c.ok && (await props.packages.cached(c.packages));
      if (live) setOffline((o) => (o.state === 'working' ? o : { state: cached ? 'cached' : 'missing' }));
    });
    return () => {
      live = false;
    };
  }, [props.packages]);

  const downloadNow = async (): Promise<void> => {
    setOffline({ state: 'working' });
    const closure = await props.packages.closure(['pandas']);
    if (!closure.ok) return setOffline({ state: 'failed', message: closure.error.message });
    // Asking the browser to keep the cache through storage pressure; it may say no, the cache still works.
    await navigator.storage?.persist?.().catch(() => false);
    const fetched = await props.packages.fetch(closure.packages);
    setOffline(fetched.ok ? { state: 'cached' } : { state: 'failed', message: fetched.error.message });
  };

  const validUrl = /^https?:\/\/\S+$/.test(draft.trim());
  return (
    <section aria-labelledby="packages-heading" className={styles.form} data-testid="package-settings">
      <h2 id="packages-heading" className="pane-heading">
        Python packages
      </h2>
      <Caption1>openpyxl is built in. pandas, numpy and python-calamine are downloaded the first time code imports them, checked against this app’s own list of checksums, and kept in this browser.</Caption1>
      <Field label="Package source">
        <RadioGroup
          value={selfHosted ? 'self-hosted' : 'pyodide'}
          onChange={(_, d) => {
            if (d.value === 'pyodide') props.onSource('');
            else if (validUrl) props.onSource(draft.trim());
            else setDraft(draft || 'https://');
          }}
        >
          <Radio value="pyodide" label={`Pyodide’s public repository (${new URL(PYODIDE_CDN_SOURCE.baseUrl).host})`} />
          <Radio value="self-hosted" label="A folder on my own web server" data-testid="package-source-self-hosted" />
        </RadioGroup>
      </Field>
      <Field
        label="Folder URL"
        hint="It must hold the package files named in pyodide-lock.json of Pyodide 314.0.7, and allow this pane’s origin (CORS)."
        validationMessage={draft && !validUrl ? 'Enter an http(s) URL.' : undefined}
      >
        <Input
          value={draft}
          placeholder="https://files.example.com/pyodide/"
          onChange={(_, d) => setDraft(d.value)}
          onBlur={() => {
            if (validUrl) props.onSource(draft.trim());
          }}
          data-testid="package-source-url"
        />
      </Field>
      <div>
        <Button onClick={() => void downloadNow()} disabled={offline.state === 'working'} data-testid="download-pandas">
          Download pandas now for offline use
        </Button>
      </div>
      <Caption1 role="status" data-testid="pandas-offline">
        {offline.state === 'cached' && 'pandas is in this browser’s cache: it works offline.'}
        {offline.state === 'missing' && 'pandas is not downloaded yet.'}
        {offline.state === 'working' && (activity.state === 'downloading' ? activity.text : 'Checking the cache…')}
      </Caption1>
      {offline.state === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{offline.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

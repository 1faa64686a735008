/**
 * The large-job server in the pane: the offer card shown before a large run (where
 * the server is, exactly which files would be sent, and the user's two choices),
 * the line that shows a server run's progress, and the server's fields in Settings.
 * Nothing here sends anything on its own: only "Send to server" and "Test server" do.
 */
import { Body1, Button, Caption1, Field, Input, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { checkServerUrl, formatSize, type Offer, type OffloadChoice } from '../backend/offload-policy';
import type { ServerProgress } from '../backend/server-sandbox';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  files: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  url: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function ServerOffer(props: { offer: Offer; onChoose(choice: OffloadChoice | 'cancel'): void }) {
  const styles = useStyles();
  const { offer } = props;
  const { assessment } = offer;
  return (
    <section className={styles.card} aria-labelledby="offer-heading" data-testid="server-offer" data-kind={offer.kind}>
      <h2 id="offer-heading" className="pane-heading">
        {offer.kind === 'server' ? 'Large files: run on your server?' : 'Large files for this browser'}
      </h2>
      <Body1>These files are large ({assessment.reasons.join('; ')}).</Body1>
      {offer.kind === 'server' ? (
        <Body1>
          <strong>Send to server</strong> uploads the files below to <span className={styles.url} data-testid="offer-server">{offer.serverUrl}</span>, the
          large-job server set in Settings. The code runs there in a sandbox on native Python with pandas; the files and results are deleted from the server
          when the result is back. Nothing has been sent yet.
        </Body1>
      ) : (
        <Body1>
          {offer.why} Running here may be slow or run out of memory. To run large files on a server of your own (<code>excel-ai serve</code>), set it in
          Settings → Large-job server; or use smaller files.
        </Body1>
      )}
      <ul className={styles.files} aria-label="Files that would be sent" data-testid="offer-files">
        {assessment.files.map((f) => (
          <li key={f.name}>
            {f.name}: {formatSize(f.bytes)}
            {f.rows !== undefined ? `, ${f.rows.toLocaleString('en')} rows` : ''}
          </li>
        ))}
      </ul>
      <div className={styles.row}>
        {offer.kind === 'server' && (
          <Button appearance="primary" onClick={() => props.onChoose('server')} data-testid="offer-send">
            Send to server
          </Button>
        )}
        <Button appearance={offer.kind === 'server' ? 'secondary' : 'primary'} onClick={() => props.onChoose('browser')} data-testid="offer-browser">
          Run in this browser
        </Button>
        {offer.kind === 'no-server' && (
          <Button appearance="subtle" onClick={() => props.onChoose('cancel')} data-testid="offer-cancel">
            Cancel
          </Button>
        )}
      </div>
    </section>
  );
}

/** One line under the progress: what the server run is doing now. */
export function describeServerProgress(progress: ServerProgress): string {
  switch (progress.phase) {
    case 'connecting':
      return 'Connecting to the server…';
    case 'uploading': {
      const percent = progress.totalBytes ? Math.floor((progress.sentBytes / progress.totalBytes) * 100) : 100;
      return `Uploading to the server: ${percent} % (${formatSize(progress.sentBytes)} of ${formatSize(progress.totalBytes)})`;
    }
    case 'queued':
      return `Waiting in the server's queue (position ${progress.position})`;
    case 'running':
      return 'Running on the server';
    case 'downloading':
      return `Downloading ${progress.file} (${progress.index + 1} of ${progress.count})`;
  }
}

export interface ServerSettingsValues {
  serverUrl: string;
  offloadThresholdMb: number;
  offloadThresholdRows: number;
}

/** Settings → Large-job server. The token is stored apart from the other settings, in this browser only. */
export function ServerSettings(props: {
  values: ServerSettingsValues;
  token: string;
  onChange(patch: Partial<ServerSettingsValues>): void;
  onToken(token: string): void;
  /** Asks the server as the settings say now (src/conversation/connection-tests.ts). */
  onTest(): Promise<{ ok: boolean; text: string }>;
}) {
  const styles = useStyles();
  const { values } = props;
  const [test, setTest] = useState<{ ok: boolean; text: string } | undefined>();
  const urlCheck = values.serverUrl.trim() ? checkServerUrl(values.serverUrl) : undefined;

  const testServer = async (): Promise<void> => {
    setTest({ ok: true, text: 'Asking the server…' });
    setTest(await props.onTest());
  };

  return (
    <section aria-labelledby="server-settings-heading" className={styles.form} data-testid="server-settings">
      <h3 id="server-settings-heading" className="pane-heading">
        Large-job server
      </h3>
      <Caption1>
        Optional. Files over a threshold can run on a server you run (<code>excel-ai serve</code>); the pane asks you every time before sending any file.
      </Caption1>
      <Field label="Server URL" validationMessage={urlCheck && !urlCheck.ok ? urlCheck.message : undefined} hint="e.g. http://127.0.0.1:8787; empty: no server.">
        <Input value={values.serverUrl} onChange={(_, d) => props.onChange({ serverUrl: d.value })} data-testid="server-url" />
      </Field>
      <Field label="Server token" hint="Stored only in this browser; never in history, recipes, the audit log or exports.">
        <Input type="password" value={props.token} onChange={(_, d) => props.onToken(d.value)} data-testid="server-token" />
      </Field>
      <div className={styles.row}>
        <Field label="Offer the server above (MB)">
          <Input type="number" min={0} value={String(values.offloadThresholdMb)} onChange={(_, d) => props.onChange({ offloadThresholdMb: Math.max(0, Number(d.value) || 0) })} data-testid="offload-mb" />
        </Field>
        <Field label="or above (rows)">
          <Input type="number" min={0} value={String(values.offloadThresholdRows)} onChange={(_, d) => props.onChange({ offloadThresholdRows: Math.max(0, Math.round(Number(d.value) || 0)) })} data-testid="offload-rows" />
        </Field>
      </div>
      <div>
        <Button onClick={() => void testServer()} data-testid="test-server">
          Test server
        </Button>
      </div>
      {test && (
        <MessageBar intent={test.ok ? 'success' : 'error'} data-testid="server-test-result">
          <MessageBarBody>{test.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

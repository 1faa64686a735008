/**
 * The pane's first screen: add files, run Python on them in the local
 * sandbox, see and download what it wrote. (The model-driven flow builds on this.)
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Textarea,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { RunResult, RuntimeInfo, SandboxError } from '../../workers/api';
import type { SandboxClient } from '../sandbox/sandbox-client';

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: '280px',
    maxWidth: '900px',
  },
  files: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  code: { fontFamily: tokens.fontFamilyMonospace },
  pre: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    margin: 0,
  },
});

const EXAMPLE = `import openpyxl

# Every added file is at /input/<name>; write results to /output/.
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["File", "Sheets"])
`;

type Status = { state: 'starting' } | { state: 'ready'; info: RuntimeInfo } | { state: 'failed'; error: SandboxError };

export function App({ sandbox }: { sandbox: SandboxClient }) {
  const styles = useStyles();
  const [status, setStatus] = useState<Status>({ state: 'starting' });
  const [files, setFiles] = useState<File[]>([]);
  const [code, setCode] = useState(EXAMPLE);
  const [running, setRunning] = useState<AbortController | undefined>();
  const [result, setResult] = useState<RunResult | undefined>();

  useEffect(() => {
    let live = true;
    void sandbox.start().then((r) => {
      if (live) setStatus(r.ok ? { state: 'ready', info: r.info } : { state: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [sandbox]);

  const run = async (): Promise<void> => {
    const controller = new AbortController();
    setRunning(controller);
    setResult(undefined);
    // Fresh copies each run: the buffers are transferred to the worker, the user's files stay untouched.
    const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
    const outcome = await sandbox.run({ code, inputs }, { signal: controller.signal });
    setResult(outcome);
    setRunning(undefined);
  };

  const downloads = useMemo(() => {
    if (!result?.ok) return [];
    return result.outputs.map((o) => ({ name: o.name, url: URL.createObjectURL(new Blob([o.bytes])) }));
  }, [result]);
  useEffect(() => () => downloads.forEach((d) => URL.revokeObjectURL(d.url)), [downloads]);

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.pane}>
        <Subtitle1 as="h1">Excel AI Executor</Subtitle1>
        <Caption1 data-testid="runtime-status" role="status">
          {status.state === 'starting' && 'Starting Python…'}
          {status.state === 'ready' && `Python ${status.info.pythonVersion} ready (openpyxl ${status.info.packages.openpyxl ?? '?'})`}
          {status.state === 'failed' && `Python could not start: ${status.error.message}`}
        </Caption1>
        <Field label="Files" hint="Files are read on this computer; they are never uploaded.">
          <input
            type="file"
            multiple
            accept=".xlsx,.xlsm,.csv"
            aria-label="Add files"
            data-testid="file-input"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        </Field>
        {files.length > 0 && (
          <ul className={styles.files} aria-label="Added files">
            {files.map((f) => (
              <li key={f.name}>
                <Body1>
                  {f.name} ({Math.ceil(f.size / 1024)} KB)
                </Body1>
              </li>
            ))}
          </ul>
        )}
        <Field label="Python code">
          <Textarea
            className={styles.code}
            value={code}
            onChange={(_, d) => setCode(d.value)}
            rows={12}
            resize="vertical"
            data-testid="code"
          />
        </Field>
        <div>
          {running ? (
            <Button onClick={() => running.abort()} data-testid="cancel">
              Cancel
            </Button>
          ) : (
            <Button appearance="primary" disabled={status.state !== 'ready'} onClick={() => void run()} data-testid="run">
              Run
            </Button>
          )}
          {running && <Spinner size="tiny" label="Running…" />}
        </div>
        {result && !result.ok && (
          <MessageBar intent="error" data-testid="run-error" data-kind={result.error.kind}>
            <MessageBarBody>
              <MessageBarTitle>The code did not finish</MessageBarTitle>
              {result.error.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {result?.ok && (
          <section aria-label="Result" data-testid="result">
            <Body1>Finished in {(result.durationMs / 1000).toFixed(1)} s.</Body1>
            <ul className={styles.files}>
              {downloads.map((d) => (
                <li key={d.name}>
                  <a href={d.url} download={d.name.split('/').pop()} data-testid="download">
                    {d.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {result && (result.stdout || result.stderr) && <pre className={styles.pre} data-testid="stdout">{result.stdout + result.stderr}</pre>}
      </main>
    </FluentProvider>
  );
}

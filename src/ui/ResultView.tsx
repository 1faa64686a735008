/**
 * What came out: every output file with its sheets (headers, first rows, row and column
 * counts), what was verified, stdout, and Download. Errors say what happened and what
 * to do, with the details folded.
 */
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Button, Caption1, Checkbox, makeStyles, MessageBar, MessageBarBody, MessageBarTitle,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens,
} from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import { downloadName } from '../conversation/download-name';
import type { OutputRisks } from '../conversation/output-check';
import type { TurnFailure } from '../conversation/turn';
import type { FileProfile, OutputFile, SandboxError, SheetProfile } from '../../workers/api';
import { ExpandableSheetGrid, type SheetRows } from './SheetGrid';
import { describeSheetSize } from '../conversation/counts';
import { formatCell } from './cell-format';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  pre: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', margin: 0, backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalS },
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  preview: { width: 'max-content', minWidth: '100%' },
  previewCell: { whiteSpace: 'nowrap', maxWidth: '16em', overflow: 'hidden', textOverflow: 'ellipsis' },
});

export function ResultView(props: {
  outputs: OutputFile[];
  profiles?: FileProfile[];
  checks?: string[];
  stdout: string;
  durationMs: number;
  /** Every row of a sheet, read on request ("Show all rows"); without it only the profile's first rows show. */
  loadRows?: (output: OutputFile, sheet: string) => Promise<{ ok: true; rows: SheetRows } | { ok: false; message: string }>;
  /** Extra actions per output (inside Excel: insert into the workbook, open as new workbook). */
  actions?: (output: OutputFile, allowRisky: boolean) => ReactNode;
  /** What each output could do when Excel opens it; Download waits for this check. */
  risks?: OutputRisks;
  /** Told when the user downloads a file (for the audit log). */
  onDownload?(name: string): void;
  /** What ran, in words, when the saved file should say so (a recipe and its values). */
  label?: string;
  /** An earlier turn's result in the thread: its own heading and test id. */
  heading?: string;
  testId?: string;
}) {
  const styles = useStyles();
  const [allowed, setAllowed] = useState<ReadonlySet<string>>(new Set());
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} data-testid={props.testId ?? 'result'}>
      <h2 id={headingId} className="pane-heading">
        {props.heading ?? 'Result'}
      </h2>
      <Body1>Finished in {(props.durationMs / 1000).toFixed(1)} s.</Body1>
      {props.checks?.map((c) => (
        <div key={c}>
          <Caption1>✓ {c}</Caption1>
        </div>
      ))}
      {props.outputs.map((output) => {
        const profile = props.profiles?.find((p) => p.name === output.name.split('/').pop());
        return (
          <div key={output.name} className={styles.file}>
            {(() => {
              const name = output.name.split('/').pop() ?? output.name;
              const risks = props.risks;
              const warnings = risks?.state === 'checked' ? (risks.byFile[name] ?? []) : risks?.state === 'failed' ? [risks.message] : [];
              const needsConsent = warnings.length > 0 && !allowed.has(name);
              const checking = risks?.state === 'checking';
              return (
                <>
                  {warnings.length > 0 && (
                    <MessageBar intent="warning" layout="multiline" data-testid="output-risks">
                      <MessageBarBody>
                        <MessageBarTitle>Look before you open {name}</MessageBarTitle>
                        <ul>
                          {warnings.map((w) => (
                            <li key={w}>{w}</li>
                          ))}
                        </ul>
                        <Checkbox
                          checked={allowed.has(name)}
                          onChange={(_, d) => setAllowed((old) => (d.checked === true ? new Set(old).add(name) : new Set([...old].filter((n) => n !== name))))}
                          label="I expected this: allow Download and Insert"
                          data-testid="allow-risky-output"
                        />
                      </MessageBarBody>
                    </MessageBar>
                  )}
                  <div className={styles.actions}>
                    <Button appearance="primary" disabled={checking || needsConsent} onClick={() => {
                        download(output, downloadName(output.name, props.label));
                        props.onDownload?.(output.name);
                      }}
                      data-testid="download"
                    >
                      {checking ? `Checking ${name}…` : `Download ${output.name}`}
                    </Button>
                  </div>
                  {props.label && <Caption1>Saved as “{downloadName(output.name, props.label)}”</Caption1>}
                  {!checking && !needsConsent && props.actions?.(output, warnings.length > 0)}
                </>
              );
            })()}
            {profile?.sheets.map((sheet) => {
              const preview = (
                <Table size="extra-small" aria-label={`Preview of ${sheet.name}`} className={styles.preview}>
                  <TableHeader>
                    <TableRow>
                      {sheet.columns.map((c) => (
                        <TableHeaderCell key={c.index} className={styles.previewCell}>{c.name}</TableHeaderCell>
                      ))}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {sheet.sampleRows.map((row, r) => (
                      <TableRow key={r}>
                        {row.map((v, c) => (
                          <TableCell key={c} className={styles.previewCell}>{formatCell(v)}</TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              );
              const loadRows = props.loadRows;
              return (
                <div key={sheet.name} className={styles.scroll}>
                  <Caption1>
                    {sheet.name}: {describeSheetSize(sheet)}
                  </Caption1>
                  {loadRows ? <ExpandableSheetGrid label={`All rows of ${sheet.name}`} preview={preview} chartable={mayChart(sheet)} load={() => loadRows(output, sheet.name)} /> : preview}
                </div>
              );
            })}
          </div>
        );
      })}
      {props.stdout && (
        <pre className={styles.pre} data-testid="stdout">
          {props.stdout}
        </pre>
      )}
    </section>
  );
}

export function ErrorView(props: { title: string; error: Pick<SandboxError, 'message' | 'traceback' | 'kind'>; stdout?: string }) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid="run-error" data-kind={props.error.kind}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.error.message}
        {(props.error.traceback || props.stdout) && <FoldedDetails text={[props.stdout, props.error.traceback].filter(Boolean).join('\n')} />}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The tries that did not work: open while the model is still at it or when the request
 * failed (they explain why), folded into one line once a result stands.
 */
export function FailedTries(props: { failures: readonly TurnFailure[]; folded: boolean }) {
  if (!props.failures.length) return null;
  const cards = props.failures.map((f) => (
    <MessageBar key={`${f.attempt}-${f.stage}`} intent="warning" layout="multiline" data-testid="attempt-failed">
      <MessageBarBody>
        <MessageBarTitle>Try {f.attempt} did not work</MessageBarTitle>
        {f.sentence}
        {f.details && <FoldedDetails text={f.details} />}
      </MessageBarBody>
    </MessageBar>
  ));
  if (!props.folded) return <>{cards}</>;
  const count = props.failures.length;
  return (
    <Accordion collapsible data-testid="failed-tries">
      <AccordionItem value="tries">
        <AccordionHeader size="small">{count === 1 ? '1 try did not work before this result' : `${count} tries did not work before this result`}</AccordionHeader>
        <AccordionPanel>{cards}</AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

/** The technical text behind a sentence (error message, traceback), folded until asked for. */
export function FoldedDetails(props: { text: string }) {
  const styles = useStyles();
  return (
    <Accordion collapsible>
      <AccordionItem value="details">
        <AccordionHeader size="small">Details</AccordionHeader>
        <AccordionPanel>
          <pre className={styles.pre}>{props.text}</pre>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

/** A chart can help: the sheet has numbers and something to lay them out by (the rows decide which chart). */
function mayChart(sheet: SheetProfile): boolean {
  const types = sheet.columns.map((c) => c.type);
  return types.some((t) => t === 'number' || t === 'integer') && types.some((t) => t === 'text' || t === 'date' || t === 'datetime');
}

/** Saves one output file. The object URL exists only for this download, so no render can revoke it early. */
function download(output: OutputFile, saveAs: string): void {
  const url = URL.createObjectURL(new Blob([output.bytes], { type: 'application/octet-stream' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = saveAs;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

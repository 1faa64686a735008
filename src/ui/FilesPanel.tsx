/** Add files (drop or pick), see what each holds, remove them; insights and suggestions below. */
import { Body1, Button, Caption1, Link, makeStyles, MessageBar, MessageBarBody, shorthands, Spinner, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { countOf, describeSheetSize } from '../conversation/counts';
import type { Insights } from '../agent/insights';
import { ACCEPTED, type AddedFile } from '../conversation/file-set';

const useStyles = makeStyles({
  drop: {
    ...shorthands.border(tokens.strokeWidthThick, 'dashed', tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalM,
    textAlign: 'center',
  },
  dropActive: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  details: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  suggestions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
});

export function FilesPanel(props: {
  files: AddedFile[];
  insights?: Insights;
  profiling: boolean;
  problem?: string;
  onAdd(files: File[]): void;
  onRemove(name: string): void;
  onSuggestion(text: string): void;
}) {
  const styles = useStyles();
  const picker = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading" className="pane-heading">
        Files
      </h2>
      <div
        className={`${styles.drop} ${over ? styles.dropActive : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          props.onAdd(Array.from(e.dataTransfer.files));
        }}
        data-testid="drop-zone"
      >
        <Body1>Drop workbooks here or </Body1>
        <Button size="small" onClick={() => picker.current?.click()}>
          choose files
        </Button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept={ACCEPTED.join(',')}
          aria-label="Add files"
          data-testid="file-input"
          onChange={(e) => {
            props.onAdd(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <br />
        <Caption1>.xlsx, .xlsm or .csv. Files are read on this computer and never uploaded.</Caption1>
      </div>
      {props.problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{props.problem}</MessageBarBody>
        </MessageBar>
      )}
      {props.files.length > 0 && (
        <ul className={styles.list} aria-label="Added files" data-testid="file-list">
          {props.files.map(({ file, profile }) => (
            <li key={file.name} className={styles.item}>
              <div className={styles.details}>
                <Body1>
                  <strong>{file.name}</strong> · {formatSize(file.size)}
                </Body1>
                {profile?.error && <Caption1>⚠ {profile.error}</Caption1>}
                {profile?.warnings.map((w) => <Caption1 key={w}>ℹ {w}</Caption1>)}
                {profile?.sheets.map((s) => (
                  <Caption1 key={s.name}>
                    {s.name}
                    {s.state !== 'visible' ? ` (${s.state})` : ''}: {describeSheetSize(s)}
                    {s.tables.length ? `; ${s.tables.length === 1 ? 'table' : 'tables'} ${s.tables.map((t) => `${t.name} (${countOf(t.rowCount, 'row')})`).join(', ')}` : ''}
                  </Caption1>
                ))}
              </div>
              <Button size="small" appearance="subtle" aria-label={`Remove ${file.name}`} onClick={() => props.onRemove(file.name)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {props.profiling && <Spinner size="tiny" label="Reading the files…" />}
      {props.insights && (
        <div data-testid="insights">
          {props.insights.findings.slice(0, 6).map((f, i) => (
            <div key={i}>
              <Caption1>
                {f.severity === 'warning' ? '⚠ ' : 'ℹ '}
                {f.file}
                {f.sheet ? ` / ${f.sheet}` : ''}: {f.message}
              </Caption1>
            </div>
          ))}
          <div className={styles.suggestions} aria-label="Suggested requests">
            <Caption1>Try:</Caption1>
            {props.insights.suggestions.map((s) => (
              <Link key={s} as="button" onClick={() => props.onSuggestion(s)}>
                {s}
              </Link>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

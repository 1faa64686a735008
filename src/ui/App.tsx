/**
 * The pane: files, the request, the plan, progress, code and result, and settings.
 * It renders the application's state (src/conversation/workspace.ts, composed in
 * main.tsx) and sends intents; it decides nothing, so the same application runs in
 * Excel, in a browser and, without React, behind the CLI.
 */
import {
  Button, Caption1, FluentProvider, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle1, Tab, TabList, tokens,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { OutputFile } from '../../workers/api';
import type { SandboxClient } from '../sandbox/sandbox-client';
import type { PackageManager } from '../packages/package-manager';
import { PackageActivityView } from '../packages/PackageActivityView';
import { PackageSettings } from '../packages/PackageSettings';
import { ChangePreview } from './ChangePreview';
import { loadSheetRows } from './output-preview';
import { CodeView } from './CodeView';
import type { ExcelActions } from './excel-actions';
import { OpenWorkbookControls, ResultExcelActions } from './ExcelPanel';
import { FilesPanel } from './FilesPanel';
import { apiKeySecret } from '../store';
import { describeServerProgress, ServerOffer, ServerSettings } from './ServerOffer';
import { PlanCard } from './PlanCard';
import { ProgressView } from './ProgressView';
import { EXAMPLES, RequestBox } from './RequestBox';
import { ErrorView, FailedTries, ResultView } from './ResultView';
import { explainedError } from '../agent/explain-failure';
import { HistoryPanel } from './HistoryPanel';
import { AuditPanel } from './AuditPanel';
import { DataPanel, type DataActions } from './DataPanel';
import { RecipesPanel } from './RecipesPanel';
import { SaveRecipeDialog } from './SaveRecipeDialog';
import { SettingsPanel } from './SettingsPanel';
import { usePaneTheme } from './theme';
import { ConversationThread } from './ConversationThread';
import type { Workspace } from '../conversation/workspace';
import { useObservable } from './use-observable';
import { testModel, testServer } from '../conversation/connection-tests';

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: '280px',
    maxWidth: '900px',
    margin: '0 auto',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '100vh',
    boxSizing: 'border-box',
    '& .pane-heading': { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0` },
    '& :focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  examples: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
  modelText: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', maxHeight: '160px', overflow: 'auto', margin: 0 },
});

type PaneTab = 'work' | 'history' | 'recipes' | 'settings';

/**
 * `workspace` is the application (src/conversation/workspace.ts, composed in main.tsx);
 * `sandbox` serves the result previews; `excel` is present only inside Excel, and
 * without it the Excel-only actions are not shown.
 */
export function App({ workspace, sandbox, packages, excel }: { workspace: Workspace; sandbox: SandboxClient; packages?: PackageManager; excel?: ExcelActions }) {
  const styles = useStyles();
  const theme = usePaneTheme();
  const [tab, setTab] = useState<PaneTab>('work');
  const [request, setRequest] = useState('');
  const { conversation } = workspace;
  const { runtime: status } = useObservable(workspace);
  const memory = useObservable(workspace.memory);
  const { settings, secrets } = useObservable(workspace.settings);
  const files = useObservable(workspace.files);
  const recipes = useObservable(workspace.recipes);
  const state = useObservable(conversation);
  const apiKey = secrets[apiKeySecret(settings.provider)] ?? '';
  const serverToken = secrets.serverToken ?? '';
  const [workbookChanges, setWorkbookChanges] = useState(0);
  const loadRows = useCallback((output: OutputFile, sheet: string) => loadSheetRows(sandbox, output, sheet), [sandbox]);
  const excelActions =
    excel &&
    ((output: OutputFile, allowRisky: boolean) => (
      <ResultExcelActions
        excel={excel}
        output={output}
        allowRisky={allowRisky}
        onChanged={() => setWorkbookChanges((n) => n + 1)}
      />
    ));
  const last = state.turns[state.turns.length - 1];
  const view = last && !last.folded ? last : undefined;
  const earlier = state.turns.filter((t) => t !== view);
  const [editRequests, setEditRequests] = useState(0);

  const changeSettings = (next: typeof settings): void => workspace.settings.change(next);
  const changeKey = (key: string): void => workspace.settings.setSecret(apiKeySecret(settings.provider), key);
  const runDirect = (code: string, source: string): void => void workspace.runCode(code, source);
  const selectTab = (next: PaneTab): void => {
    if (tab === 'settings' && next !== 'settings') workspace.closeSettings();
    if (next === 'settings' && tab !== 'settings') workspace.openSettings();
    setTab(next);
  };
  const available = memory.db !== undefined;
  const data = useMemo<DataActions>(
    () => ({
      available,
      retentionDays: () => workspace.memory.retentionDays(),
      setRetention: (days) => workspace.memory.setRetention(days),
      clearAll: () => workspace.clearAllData(),
    }),
    [available, workspace],
  );
  const loadAudit = useCallback(() => workspace.memory.auditEntries(), [workspace]);
  const exportAudit = useCallback((format: 'json' | 'csv') => workspace.memory.exportAudit(format, workspace.settings.allSecrets()), [workspace]);
  const saveRecipe = workspace.recipes.save;

  const ready = status.state === 'ready';
  const outcome = view?.outcome;

  return (
    <FluentProvider theme={theme}>
      <main className={styles.pane}>
        <Subtitle1 as="h1">Excel AI Executor</Subtitle1>
        <Caption1 data-testid="runtime-status" role="status" data-started-from={status.state === 'ready' ? status.info.startedFrom : undefined}>
          {status.state === 'starting' && 'Starting Python…'}
          {status.state === 'ready' && `Python ${status.info.pythonVersion} ready (openpyxl ${status.info.packages.openpyxl ?? '?'}). Your files stay on this computer.`}
          {status.state === 'failed' && `Python could not start: ${status.error.message}`}
        </Caption1>
        <TabList selectedValue={tab} onTabSelect={(_, d) => selectTab(d.value as PaneTab)} size="small">
          <Tab value="work">Work</Tab>
          <Tab value="history" data-testid="history-tab">
            History
          </Tab>
          <Tab value="recipes" data-testid="recipes-tab">
            Recipes
          </Tab>
          <Tab value="settings" data-testid="settings-tab">
            Settings
          </Tab>
        </TabList>

        {tab === 'settings' && (
          <>
            <SettingsPanel settings={settings} apiKey={apiKey} onChange={changeSettings} onApiKey={changeKey} onTest={() => testModel(workspace.makeModel())} />
            {packages && <PackageSettings packages={packages} source={settings.packageSource ?? ''} onSource={(packageSource) => changeSettings({ ...settings, packageSource })} />}
            <ServerSettings values={settings} token={serverToken} onChange={(patch) => changeSettings({ ...settings, ...patch })} onToken={(token) => workspace.settings.setSecret('serverToken', token)} onTest={() => testServer(settings.serverUrl, serverToken)} />
            <DataPanel data={data} />
          </>
        )}
        {tab === 'recipes' && (
          <RecipesPanel
            recipes={recipes.recipes}
            files={files.files.map((f) => f.file.name)}
            problem={recipes.problem ?? memory.problem}
            canRun={ready && !state.busy}
            cannotRunReason={!ready ? 'Python is still starting.' : !files.files.length ? 'Add this month’s files on the Work tab, then run a recipe here.' : undefined}
            onRun={async (recipe, values) => {
              const problem = await workspace.runRecipe(recipe, values, () => setTab('work'));
              if (problem) setTab('recipes');
              return problem;
            }}
            onDelete={(recipe) => void workspace.recipes.remove(recipe.id)}
          />
        )}
        {tab === 'history' && (
          <HistoryPanel
            entries={memory.history}
            problem={memory.problem}
            canRerun={ready && !state.busy && files.files.length > 0}
            onRerun={(code) => {
              setTab('work');
              runDirect(code, 'history');
            }}
            saveRecipe={(entry) => <SaveRecipeDialog request={entry.request} code={entry.code ?? ''} inputs={entry.inputs.map((i) => i.name)} historyId={entry.id} onSave={saveRecipe} />}
          />
        )}
        {tab === 'history' && <AuditPanel available={available} version={memory.auditVersion} secrets={workspace.settings.allSecrets()} load={loadAudit} exportLog={exportAudit} />}
        {tab === 'work' && (
          <>
            <FilesPanel
              files={files.files}
              insights={files.insights}
              profiling={files.profiling}
              problem={files.problem}
              onAdd={(added) => workspace.files.add(added)}
              onRemove={(name) => workspace.files.remove(name)}
              onSuggestion={setRequest}
            />
            {excel && <OpenWorkbookControls excel={excel} onAdd={(file) => workspace.files.add([file])} changeCount={workbookChanges + (outcome?.status === 'applied' ? 1 : 0)} />}
            <ConversationThread
              turns={earlier}
              canStartOver={!state.busy}
              onNewConversation={() => {
                conversation.newConversation();
                setRequest('');
              }}
              onDownload={(turn, name) => conversation.recordDownload(turn.id, name)}
              loadRows={loadRows}
              actions={excelActions}
            />
            <RequestBox value={request} onChange={setRequest} onSend={(text) => void workspace.ask(text)} disabled={state.busy} canSend={ready && (files.files.length > 0 || excel !== undefined)} focusRequest={editRequests} />
            {!files.files.length && (
              <div className={styles.examples}>
                <Caption1>Add files, then ask for example:</Caption1>
                {EXAMPLES.map((e) => (
                  <Caption1 key={e}>“{e}”</Caption1>
                ))}
              </div>
            )}
            {view?.plan && (
              <PlanCard
                plan={view.plan}
                waiting={view.awaitingApproval}
                folded={outcome?.status === 'done'}
                onApprove={() => conversation.approve()}
                onEdit={() => {
                  conversation.rejectPlan();
                  setEditRequests((n) => n + 1);
                }}
                onCancel={() => conversation.cancel()}
              />
            )}
            {view?.change && <ChangePreview change={view.change} waiting={view.awaitingChange} onApply={(risky) => conversation.applyChange(risky)} onCancel={() => conversation.cancel()} />}
            {packages && <PackageActivityView packages={packages} />}
            {/* While the plan waits, its own Cancel is the one to press: no second one. */}
            {state.busy && view && !view.awaitingApproval && <ProgressView stage={view.stage} attempt={view.attempt} startedAt={view.startedAt} onCancel={() => conversation.cancel()} />}
            {view?.offer && <ServerOffer offer={view.offer} onChoose={(choice) => conversation.chooseOffload(choice)} />}
            {state.busy && view?.runsOn === 'server' && view.serverProgress && (
              <Caption1 role="status" data-testid="server-progress">
                {describeServerProgress(view.serverProgress)}
              </Caption1>
            )}
            {state.busy && view?.stage === 'writing-code' && view.modelText && (
              <pre className={styles.modelText} aria-label="The model's answer so far" data-testid="model-text">
                {view.modelText}
              </pre>
            )}
            {view && <FailedTries failures={view.failures} folded={outcome?.status === 'done'} />}
            {outcome?.status === 'question' && (
              <MessageBar intent="info" data-testid="question">
                <MessageBarBody>
                  <MessageBarTitle>One question first</MessageBarTitle>
                  {outcome.question} Answer it in your next request: this conversation remembers what you asked.
                </MessageBarBody>
              </MessageBar>
            )}
            {outcome?.status === 'applied' && (
              <MessageBar intent="success" data-testid="changes-applied">
                <MessageBarBody>
                  <MessageBarTitle>Done</MessageBarTitle>
                  {outcome.label}. Use “Undo last change” to put it back.
                </MessageBarBody>
              </MessageBar>
            )}
            {outcome?.status === 'cancelled' && (
              <MessageBar intent="info" data-testid="cancelled">
                <MessageBarBody>Cancelled. Nothing was written.</MessageBarBody>
              </MessageBar>
            )}
            {outcome?.status === 'failed' && (
              <ErrorView title="The request could not be completed" error={{ kind: 'python', message: outcome.message, ...(outcome.details ? { traceback: outcome.details } : {}) }} />
            )}
            {outcome?.status === 'done' && (
              <ResultView outputs={outcome.result.outputs} profiles={outcome.outputProfiles} checks={outcome.verification.checks} stdout={outcome.result.stdout} durationMs={outcome.result.durationMs} actions={excelActions} loadRows={loadRows} risks={view?.risks} onDownload={(name) => view && conversation.recordDownload(view.id, name)} />
            )}
            {outcome?.status === 'done' && memory.problem && (
              <MessageBar intent="warning" data-testid="memory-problem">
                <MessageBarBody>
                  <MessageBarTitle>This result was not saved to History</MessageBarTitle>
                  {memory.problem} The result itself is complete: download it now.
                </MessageBarBody>
              </MessageBar>
            )}
            {outcome?.status === 'done' && memory.db && (
              <SaveRecipeDialog request={memory.history[0]?.code === outcome.code ? memory.history[0].request : request} code={outcome.code} inputs={files.files.map((f) => f.file.name)} historyId={memory.history[0]?.code === outcome.code ? memory.history[0].id : undefined} onSave={saveRecipe} />
            )}
            {view?.directRun && !view.directRun.ok && <ErrorView title="The code did not finish" error={explainedError(view.directRun.error)} stdout={view.directRun.stdout} />}
            {view?.directRun?.ok && <ResultView outputs={view.directRun.outputs} profiles={view.directProfiles} stdout={view.directRun.stdout + view.directRun.stderr} durationMs={view.directRun.durationMs} actions={excelActions} loadRows={loadRows} risks={view.risks} onDownload={(name) => conversation.recordDownload(view.id, name)} {...(view.label ? { label: view.label } : {})} />}
            <CodeView code={state.code} fromModel={state.codeSource === 'model'} errorLine={view?.directRun && !view.directRun.ok ? view.directRun.error.line : undefined} onChange={(code) => conversation.setCode(code)} onRun={() => runDirect(state.code, 'code view')} canRun={ready && !state.busy} />
            {state.busy && view?.stage === 'running' && !view.plan && (
              <Button onClick={() => conversation.cancel()} data-testid="cancel-run">
                Cancel run
              </Button>
            )}
          </>
        )}
      </main>
    </FluentProvider>
  );
}

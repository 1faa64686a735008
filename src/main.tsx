/**
 * Entry of the pane. Inside Excel (the manifest opens `?host=excel`) it loads
 * Office.js and waits for Office.onReady; standalone in a browser it renders at
 * once and never contacts Microsoft's servers.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createExcelActions } from './excel/pane-actions';
import { officeCapability, officeRunExcel } from './excel/office';
import { officeHost } from './excel/open-workbook';
import { App } from './ui/App';
import type { ExcelActions } from './ui/excel-actions';
import { createBrowserSandbox, packagesOf } from './sandbox/browser-sandbox';
import type { SandboxClient } from './sandbox/sandbox-client';
import { openStore } from './store';
import { Workspace } from './conversation/workspace';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function insideOffice(): boolean {
  return new URLSearchParams(window.location.search).get('host') === 'excel';
}

function loadOfficeJs(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = OFFICE_JS;
    script.onload = () => void Office.onReady().then(() => resolve());
    script.onerror = () => reject(new Error('Office.js could not be loaded'));
    document.head.appendChild(script);
  });
}

/** After the first load the pane starts from the service worker's cache, offline too. */
async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}

/** Inside Excel only: the open workbook's actions. Without Excel (or without storage for undo) there are none, and the pane hides them. */
async function excelActions(sandbox: SandboxClient): Promise<ExcelActions | undefined> {
  const runExcel = officeRunExcel();
  if (!runExcel) return undefined;
  try {
    const db = await openStore();
    return createExcelActions({ runExcel, sandbox, db, host: officeHost(), capability: officeCapability });
  } catch (error) {
    // Undo needs IndexedDB; without it nothing is written into the workbook at all.
    console.error('Excel actions are off: the browser storage for undo could not be opened.', error);
    return undefined;
  }
}

async function main(): Promise<void> {
  void registerServiceWorker();
  if (insideOffice()) await loadOfficeJs();
  // Python starts as the pane opens, not at the first request.
  const sandbox = createBrowserSandbox();
  void sandbox.start();
  const excel = insideOffice() ? await excelActions(sandbox) : undefined;
  // The one place where the sandbox, the store, the workbook and the model factory meet.
  const packages = packagesOf(sandbox);
  const workspace = new Workspace({ sandbox, workbook: excel?.workbook, packages, openStore: () => openStore() });
  void workspace.start();
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <App workspace={workspace} sandbox={sandbox} packages={packages} excel={excel} />
    </StrictMode>,
  );
}

void main();

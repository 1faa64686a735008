/**
 * Entry of the pane. Inside Excel (the manifest opens `?host=excel`) it loads
 * Office.js and waits for Office.onReady; standalone in a browser it renders at
 * once and never contacts Microsoft's servers.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { createBrowserSandbox } from './sandbox/browser-sandbox';

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

async function main(): Promise<void> {
  void registerServiceWorker();
  if (insideOffice()) await loadOfficeJs();
  // Python starts as the pane opens, not at the first request.
  const sandbox = createBrowserSandbox();
  void sandbox.start();
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <App sandbox={sandbox} />
    </StrictMode>,
  );
}

void main();

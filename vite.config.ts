import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defineConfig, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { sandboxAssets } from './build-tools/vite-sandbox-assets.ts';
import { httpsDevServer } from './build-tools/https-dev.ts';

// `vite --mode https` (npm run dev:https): HTTPS on localhost:3000 for Excel; see build-tools/https-dev.ts.
export default defineConfig(async ({ mode }): Promise<UserConfig> => ({
  plugins: [
    react(),
    sandboxAssets({ bundleDir: join(tmpdir(), 'excel-ai-vite-bundle') }),
    // Offline after the first load: the service worker precaches the pane, the worker,
    // Pyodide's core files and the Python bundle (their response headers, the worker's
    // CSP included, are kept with them).
    VitePWA({
      injectRegister: null,
      registerType: 'autoUpdate',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,mjs,css,png,wasm,zip,json}'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: mode === 'https' ? await httpsDevServer() : { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
}));

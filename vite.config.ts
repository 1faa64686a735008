import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defineConfig } from 'vite';
import { sandboxAssets } from './build-tools/vite-sandbox-assets';

export default defineConfig({
  plugins: [react(), sandboxAssets({ bundleDir: join(tmpdir(), 'excel-ai-vite-bundle') })],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
});

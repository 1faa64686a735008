/**
 * The `npm run dev:https` server options. The real certificate source (office-addin-dev-certs)
 * installs a CA into the system store, so it is not called here; a stand-in source is passed.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigFromFile } from 'vite';
import { ADDIN_DEV_PORT, httpsDevServer } from '../../build-tools/https-dev';
import { ROOT } from '../helpers/python';

describe('HTTPS dev server for Excel', () => {
  it('serves https on localhost:3000, the manifest address, with the certificates it is given', async () => {
    const certs = { ca: Buffer.from('ca'), cert: Buffer.from('cert'), key: Buffer.from('key') };
    const server = await httpsDevServer(async () => certs);
    expect(server).toEqual({ host: 'localhost', port: 3000, strictPort: true, https: certs });
    expect(ADDIN_DEV_PORT).toBe(3000);
  });

  it('says what to run when no trusted certificate can be had', async () => {
    await expect(httpsDevServer(async () => Promise.reject(new Error('user declined')))).rejects.toThrow(
      'No trusted development certificate for https://localhost:3000 (user declined). Run "npx office-addin-dev-certs install"',
    );
  });

  it('leaves plain `npm run dev` on http://127.0.0.1 without touching certificates', async () => {
    const loaded = await loadConfigFromFile({ command: 'serve', mode: 'development' }, 'vite.config.ts', ROOT, 'silent');
    expect(loaded?.config.server).toEqual({ host: '127.0.0.1', port: 5173, strictPort: false });
  });
});

/**
 * `npm run dev:https`: the pane over HTTPS on https://localhost:3000, where manifest.xml
 * points, with development certificates that Windows, macOS and Excel trust
 * (office-addin-dev-certs creates them and installs its CA on first use, asking first).
 * Plain `npm run dev` stays HTTP on 127.0.0.1.
 */
import type { ServerOptions } from 'vite';

/** The port manifest.xml names. */
export const ADDIN_DEV_PORT = 3000;

export interface DevCertificates {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export type CertificateSource = () => Promise<DevCertificates>;

/** Office's own helper; loaded only in this mode so plain builds never touch certificates. */
export const officeDevCertificates: CertificateSource = async () => {
  const certs = await import('office-addin-dev-certs');
  return certs.getHttpsServerOptions();
};

/** Vite server options for the add-in; a certificate problem becomes an error that says what to run. */
export async function httpsDevServer(certificates: CertificateSource = officeDevCertificates): Promise<ServerOptions> {
  let https: DevCertificates;
  try {
    https = await certificates();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`No trusted development certificate for https://localhost:${ADDIN_DEV_PORT} (${why}). Run "npx office-addin-dev-certs install" (it asks before adding its certificate authority), then "npm run dev:https" again.`, { cause: e });
  }
  // strictPort: Excel loads the pane from the manifest's address, so another port would be a blank pane.
  return { host: 'localhost', port: ADDIN_DEV_PORT, strictPort: true, https: { ca: https.ca, cert: https.cert, key: https.key } };
}

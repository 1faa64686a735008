/**
 * Before a run: below the thresholds, the browser's own sandbox; above them, ask
 * the user (the offer card) and wait. Nothing is sent to the server, not even a
 * health check, before the user picks it. The choice goes to the audit log.
 */
import type { SandboxPort } from '../agent/run-request';
import { assessInputs, makeOffer, type InputSize, type Offer, type OffloadChoice, type OffloadThresholds } from './offload-policy';
import { ServerClient } from './server-client';
import { ServerSandbox, type ServerProgress } from './server-sandbox';

export interface OffloadConfig {
  serverUrl: string;
  serverToken: string;
  thresholds: OffloadThresholds;
}

export interface ChooseDeps {
  /** Shows the offer and resolves with the user's pick; 'cancel' drops the request. */
  ask(offer: Offer): Promise<OffloadChoice | 'cancel'>;
  onProgress?(progress: ServerProgress): void;
  /** Records the choice (the audit log); a failure to record must not block the run. */
  record?(offer: Offer, choice: OffloadChoice): Promise<void> | void;
}

export type Chosen = { sandbox: SandboxPort; runsOn: 'browser' | 'server'; serverUrl?: string };

/** The sandbox to run on, or undefined when the user cancelled at the offer. */
export async function chooseSandbox(local: SandboxPort, inputs: InputSize[], config: OffloadConfig, deps: ChooseDeps): Promise<Chosen | undefined> {
  const offer = makeOffer(assessInputs(inputs, config.thresholds), { url: config.serverUrl, token: config.serverToken });
  if (!offer) return { sandbox: local, runsOn: 'browser' };
  const choice = await deps.ask(offer);
  if (choice === 'cancel') return undefined;
  try {
    await deps.record?.(offer, choice);
  } catch {
    // The audit log is best effort here; the store reports its own failures elsewhere.
  }
  if (choice === 'browser' || offer.kind !== 'server') return { sandbox: local, runsOn: 'browser' };
  const client = new ServerClient({ url: offer.serverUrl, token: config.serverToken });
  return { sandbox: new ServerSandbox(local, client, deps.onProgress), runsOn: 'server', serverUrl: offer.serverUrl };
}

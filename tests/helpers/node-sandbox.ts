/** The real Node sandbox (cli/node-sandbox.ts), started: a test that needs Python fails loudly if it cannot start. */
import { createNodeSandbox } from '../../cli/node-sandbox';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';

export async function startedNodeSandbox(): Promise<SandboxClient> {
  const sandbox = await createNodeSandbox();
  const started = await sandbox.start();
  if (!started.ok) {
    sandbox.dispose();
    throw new Error(`the Node sandbox did not start: ${started.error.message}`);
  }
  return sandbox;
}

#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx excel-ai` works without a build step.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// Python scripts the pane bundles with Vite's `?raw` (raw-text-hooks.mjs).
registerHooks('./raw-text-hooks.mjs', import.meta.url);
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

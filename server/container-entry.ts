/**
 * The container's entry point: `excel-ai serve` without the rest of the CLI,
 * bundled by esbuild into server/entry.mjs at image build time (see
 * Dockerfile), so the image needs neither tsx nor node_modules.
 */
import { serveCommand } from './serve-command';
import { UsageError } from './command-line';

try {
  process.exitCode = await serveCommand(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`excel-ai: ${error instanceof UsageError ? error.message : String(error)}\n`);
  process.exit(2);
}

import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../server/command-line';

export { UsageError, parse, positiveNumber, wholeNumber } from '../server/command-line';

export function requireFile(path: string, what: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${what} not found: ${path}`);
}

/**
 * Reading a command line: the CLI's (cli/) and the server container's own entry
 * (server/container-entry.ts), which runs without the rest of the CLI.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: exit 2 with one line. */
export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'bad arguments' : 'bad arguments');
  }
}

export function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, got '${value}'`);
  return n;
}

export function wholeNumber(value: string | undefined, flag: string): number | undefined {
  const n = positiveNumber(value, flag);
  if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`${flag} needs a whole number, got '${value}'`);
  return n;
}

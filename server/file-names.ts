/** Names on the server's disk: uploaded files follow the contract's one rule (workers/api.ts); ids are ours. */
export { fileNameProblem } from '../workers/api';

/** A job or upload id as we mint them (randomUUID): anything else never reaches the disk. */
export function isId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

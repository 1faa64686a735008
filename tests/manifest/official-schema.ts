/**
 * Validates an add-in manifest against Microsoft's published manifest XSDs (vendored in ./schemas,
 * see ./schemas/README.md) with xmllint, offline: --nonet forbids fetching anything, and every
 * import in the schemas names a file next to it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Root of the import chain: OfficeApp 1.1, which imports the basic types and both VersionOverrides schemas. */
export const OFFICIAL_SCHEMA = join(import.meta.dirname, 'schemas', 'OfficeAppManifestV1_1.xsd');

export type SchemaVerdict =
  | { ok: true }
  /** `errors` are xmllint's lines (file:line: element X: Schemas validity error : ...), so a failure says where and why. */
  | { ok: false; exitCode: number | null; errors: string[] };

export function validateManifest(manifestPath: string): SchemaVerdict {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', OFFICIAL_SCHEMA, manifestPath], { encoding: 'utf8' });
  if (run.error) return { ok: false, exitCode: null, errors: [`xmllint could not run (${run.error.message}); install libxml2-utils.`] };
  if (run.status === 0) return { ok: true };
  return { ok: false, exitCode: run.status, errors: run.stderr.split('\n').filter((line) => line.trim() !== '') };
}

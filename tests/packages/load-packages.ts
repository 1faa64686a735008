/**
 * Download and install in one call, as the pane's PackageManager and the worker do it
 * between them (src/packages/ fetches and verifies, the worker installs): the tests run
 * both halves against one real Pyodide in this process.
 */
import { downloadPackages, resolvePackages, PackageLoadError, type DownloadOptions, type LockPackage, type PackageLock } from '../../src/packages/package-download';
import { installWheel, sitePackagesOf, type InstallOptions, type InstallTarget } from '../../workers/runtime/package-install';

export interface LoadPackagesOptions extends DownloadOptions, InstallOptions {}

/** Resolve, download and verify everything, then install in dependency order; packages Pyodide already has are skipped. */
export async function loadPackages(pyodide: InstallTarget, lock: PackageLock, names: readonly string[], options: LoadPackagesOptions): Promise<{ installed: LockPackage[]; skipped: LockPackage[] }> {
  const plan = resolvePackages(lock, names);
  const skipped = plan.filter((p) => pyodide.loadedPackages[p.name] !== undefined);
  const todo = plan.filter((p) => pyodide.loadedPackages[p.name] === undefined);
  const files = await downloadPackages(todo, options);
  const sitePackages = options.sitePackages ?? sitePackagesOf(pyodide);
  for (const file of files) {
    if (options.signal?.aborted) throw new PackageLoadError('cancelled', 'Loading Python packages was cancelled.', file.meta.name);
    await installWheel(pyodide, file.bytes, file.meta, { sitePackages, source: options.source ?? options.baseUrl });
  }
  return { installed: todo, skipped };
}

/** Download progress in words: "Downloading pandas 3.0.2 (12.1 of 14.8 MB) from cdn.jsdelivr.net". */
import type { PackageProgress } from './package-download';

const MB = 1024 * 1024;

export function formatMegabytes(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

export function describeDownload(event: Pick<PackageProgress, 'package' | 'loaded' | 'total' | 'packagesDone' | 'packagesTotal'>, version: string, baseUrl: string): string {
  const amount = event.total ? `${formatMegabytes(event.loaded)} of ${formatMegabytes(event.total)} MB` : `${formatMegabytes(event.loaded)} MB so far`;
  const of = event.packagesTotal > 1 ? `; ${event.packagesDone} of ${event.packagesTotal} packages done` : '';
  return `Downloading ${event.package}${version ? ` ${version}` : ''} (${amount}) from ${hostOf(baseUrl)}${of}`;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** Why a package could not be loaded: one error type for the download (src/packages/) and the install (here, in the worker). */
export type PackageLoadErrorKind =
  /** The lock file names no such package. */
  | 'unknown-package'
  /** The server answered 404: the file is not at the package source. */
  | 'not-found'
  /** The server answered with another error status. */
  | 'http'
  /** The server could not be reached, or the connection broke. */
  | 'network'
  /** The bytes do not hash to the lock file's sha256. */
  | 'integrity'
  /** The file is larger than we accept. */
  | 'too-large'
  /** A lock entry or base URL would make us fetch from somewhere else. */
  | 'bad-source'
  /** The caller's signal aborted the load. */
  | 'cancelled'
  /** Unpacking into Python failed. */
  | 'install';

export class PackageLoadError extends Error {
  override readonly name = 'PackageLoadError';
  constructor(
    readonly kind: PackageLoadErrorKind,
    message: string,
    readonly packageName?: string,
    readonly url?: string,
  ) {
    super(message);
  }
}

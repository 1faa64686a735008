/**
 * Persistent caches of verified package files, keyed by sha256.
 *
 * Browser: Cache Storage, not IndexedDB. Package files are large opaque blobs
 * (pandas is ~12 MB) that are only ever written once and read whole; Cache
 * Storage stores them as responses without a schema, so it needs no migration
 * of the pane's IndexedDB store (src/store/db.ts) and never competes with its
 * transactions. It survives reloads and works offline. The keys are URLs on our
 * own origin that nothing serves; they are names, never fetched. Workbox only
 * cleans up its own precache, so this cache is left alone by updates.
 *
 * Every read is checked against the sha256 again by the loader, so a damaged
 * or edited entry means a fresh download, never a bad install.
 */
import type { PackageCache } from './package-download';

export const PACKAGE_CACHE_NAME = 'excel-ai-packages-v1';

export class CacheStoragePackageCache implements PackageCache {
  constructor(
    private readonly storage: CacheStorage = globalThis.caches,
    private readonly origin: string = globalThis.location.origin,
    private readonly name: string = PACKAGE_CACHE_NAME,
  ) {}

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const cache = await this.storage.open(this.name);
    const hit = await cache.match(this.key(sha256));
    return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const cache = await this.storage.open(this.name);
    await cache.put(this.key(sha256), new Response(bytes.slice(), { headers: { 'Content-Type': 'application/octet-stream' } }));
  }

  async has(sha256: string): Promise<boolean> {
    const cache = await this.storage.open(this.name);
    return (await cache.match(this.key(sha256))) !== undefined;
  }

  private key(sha256: string): string {
    return `${this.origin}/__excel-ai-package-cache__/${sha256.toLowerCase()}`;
  }
}

/** Deletes the downloaded packages; true when they are gone (or there never were any). */
export async function clearPackageCache(): Promise<boolean> {
  if (typeof caches === 'undefined') return true;
  try {
    await caches.delete(PACKAGE_CACHE_NAME);
    return true;
  } catch {
    return false;
  }
}

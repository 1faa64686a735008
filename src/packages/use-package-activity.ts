/** The package manager's activity as React state. */
import { useEffect, useState } from 'react';
import type { PackageActivity, PackageManager } from './package-manager';

export function usePackageActivity(packages: PackageManager | undefined): PackageActivity {
  const [activity, setActivity] = useState<PackageActivity>({ state: 'idle' });
  useEffect(() => packages?.subscribe(setActivity), [packages]);
  return activity;
}

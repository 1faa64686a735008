/**
 * A test stand-in for pandas and its dependency closure (numpy, python-dateutil,
 * pytz, six), built as tiny real wheels, and a test lock: the app's own lock
 * with exactly those five entries pointing at the test wheels' names and hashes.
 *
 * Why the real names: user code may only import modules on the sandbox's
 * allowlist (pandas, numpy, openpyxl, python_calamine and the standard
 * library), so a package with any other name could never be imported by a run.
 * Real pandas cannot be downloaded on this machine. The stand-ins keep the real
 * dependency structure, so closure resolution is exercised as in production.
 * The versions say "+test" so nothing can mistake them for the real thing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LockPackage, PackageLock } from '../../src/packages/package-download';
import { makeZip, type TestWheel } from './wheel-server';

const REAL_LOCK = new URL('../../node_modules/pyodide/pyodide-lock.json', import.meta.url);
export const TEST_VERSION = '0.0.1+test';

interface Spec {
  /** The lock's package name. */
  name: string;
  /** The importable module (folder) inside the wheel. */
  module: string;
  source: string;
}

export const TEST_PANDAS_SOURCE = `"""A test stand-in for pandas: proves the wheel and its dependencies were fetched, verified and installed."""
import numpy, dateutil, pytz
__version__ = "${TEST_VERSION}"
# The sandbox refuses underscore attributes in user code, so the test reads this instead.
VERSION = __version__


class DataFrame:
    def __init__(self, rows):
        self.rows = list(rows)


def describe():
    return "test pandas %s with numpy %s, dateutil %s, pytz %s" % (__version__, numpy.__version__, dateutil.__version__, pytz.__version__)
`;

const SPECS: Spec[] = [
  { name: 'pandas', module: 'pandas', source: TEST_PANDAS_SOURCE },
  { name: 'numpy', module: 'numpy', source: `__version__ = "${TEST_VERSION}"\n\ndef total(values):\n    return sum(values)\n` },
  { name: 'python-dateutil', module: 'dateutil', source: `import six\n__version__ = "${TEST_VERSION}"\n` },
  { name: 'pytz', module: 'pytz', source: `__version__ = "${TEST_VERSION}"\nutc = "UTC"\n` },
  { name: 'six', module: 'six', source: `__version__ = "${TEST_VERSION}"\n` },
];

function wheelOf(spec: Spec, realMeta: LockPackage, source = spec.source): TestWheel {
  const dist = `${spec.module}-${TEST_VERSION}.dist-info`;
  const bytes = makeZip({
    [`${spec.module}/__init__.py`]: source,
    [`${dist}/METADATA`]: `Metadata-Version: 2.1\nName: ${spec.name}\nVersion: ${TEST_VERSION}\n`,
    [`${dist}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: excel-ai-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    [`${dist}/RECORD`]: '',
  });
  return {
    bytes,
    meta: {
      ...realMeta,
      version: TEST_VERSION,
      file_name: `${spec.module}-${TEST_VERSION.replace('+', '_')}-py3-none-any.whl`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      install_dir: 'site',
      package_type: 'package',
    },
  };
}

export interface TestPandas {
  wheels: TestWheel[];
  /** The app's lock with the five entries replaced. */
  lock: PackageLock;
  /** Files to serve: name → bytes. */
  files(prefix?: string): Map<string, Uint8Array>;
}

export function testPandas(): TestPandas {
  const real = JSON.parse(readFileSync(REAL_LOCK, 'utf8')) as PackageLock;
  const wheels = SPECS.map((spec) => {
    const meta = real.packages[spec.name];
    if (!meta) throw new Error(`the real lock has no ${spec.name}`);
    return wheelOf(spec, meta);
  });
  const lock: PackageLock = { ...real, packages: { ...real.packages, ...Object.fromEntries(wheels.map((w) => [w.meta.name, w.meta])) } };
  return {
    wheels,
    lock,
    files: (prefix = '') => new Map(wheels.map((w) => [`${prefix}${w.meta.file_name}`, w.bytes])),
  };
}

/** The same pandas file name with other content: what a tampered package source would serve. */
export function tamperedPandas(pandas: TestPandas): Uint8Array {
  const meta = pandas.lock.packages.pandas as LockPackage;
  return wheelOf(SPECS[0] as Spec, meta, `${TEST_PANDAS_SOURCE}\nTAMPERED = True\n`).bytes;
}

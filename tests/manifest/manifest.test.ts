/**
 * manifest.xml against the official add-in manifest schemas, offline.
 *
 * The XSDs are Microsoft's, published in OfficeDev/office-js-docs-pr (docs/overview/schemas/) and
 * vendored in ./schemas with the two mechanical fixes xmllint needs to load them (listed in
 * ./schemas/README.md). xmllint runs with --nonet, so nothing is fetched. Rejection tests feed it
 * broken copies of the manifest to prove the validation can fail.
 *
 * The schema cannot check what the manifest means, so a few checks stay: it is a Workbook task pane
 * opened from a Home tab button, it asks for the ExcelApi set the code needs, every resid resolves
 * to a resource of the right kind, every URL is https on the dev server, and the icons exist at
 * their sizes. Microsoft's own validator (`npx office-addin-manifest validate manifest.xml`) also
 * checks store rules and needs the network; run it before publishing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/python';
import { ADDIN_DEV_PORT } from '../../build-tools/https-dev';
import { OFFICIAL_SCHEMA, validateManifest } from './official-schema';
import provenance from './schemas/provenance.json';

const MANIFEST = join(ROOT, 'manifest.xml');
const SCHEMA_DIR = dirname(OFFICIAL_SCHEMA);
const NS = {
  o: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

/** Evaluates an XPath with namespaces through xmllint's shell (no network, no schema). */
function xpath(expression: string): string[] {
  const script = [...Object.entries(NS).map(([p, uri]) => `setns ${p}=${uri}`), `xpath ${expression}`, 'bye'].join('\n');
  const out = execFileSync('xmllint', ['--shell', '--nonet', MANIFEST], { input: script, encoding: 'utf8' });
  // Answers look like "Object is a Node Set : ... 1  ATTRIBUTE x\n    TEXT\n      content=value" or "Object is a string : v".
  const text = out.match(/Object is a string : (.*)/);
  if (text) return [text[1] ?? ''];
  const numbers = out.match(/Object is a number : (.*)/);
  if (numbers) return [numbers[1] ?? ''];
  return [...out.matchAll(/content=(.*)/g)].map((m) => m[1] ?? '');
}

const one = (expression: string): string => {
  const found = xpath(expression);
  expect(found, expression).toHaveLength(1);
  return found[0]!;
};

const childNames = (path: string): string[] => {
  const count = Number(one(`count(${path}/*)`));
  return Array.from({ length: count }, (_, i) => one(`local-name(${path}/*[${i + 1}])`));
};

/** PNG width and height from the IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** A broken copy of the manifest; `from` must occur exactly once so a stale case fails instead of testing the original. */
interface Breakage {
  name: string;
  from: string;
  to: string;
  /** What xmllint must say: the element or attribute and the rule it breaks. */
  error: RegExp;
}

const O = `\\{${NS.o.replace(/[./]/g, (c) => `\\${c}`)}\\}`;
const OV = `\\{${NS.ov.replace(/[./]/g, (c) => `\\${c}`)}\\}`;

const BREAKAGES: Breakage[] = [
  {
    name: 'a misplaced element (Version before Id)',
    from: '<Id>6f1c5b5e-3f0a-4c1e-9a57-2c4f8e0d7b21</Id>\n  <Version>0.1.0.0</Version>',
    to: '<Version>0.1.0.0</Version>\n  <Id>6f1c5b5e-3f0a-4c1e-9a57-2c4f8e0d7b21</Id>',
    error: new RegExp(`Element '${O}Version': This element is not expected\\. Expected is \\( ${O}Id \\)`),
  },
  {
    name: 'a missing required element (no DefaultSettings)',
    from: '<DefaultSettings>\n    <SourceLocation DefaultValue="https://localhost:3000/?host=excel"/>\n  </DefaultSettings>\n',
    to: '',
    error: new RegExp(`Element '${O}Permissions': This element is not expected\\. Expected is \\( ${O}DefaultSettings \\)`),
  },
  {
    name: 'a ribbon button without its Supertip (the VersionOverrides part is validated, not skipped)',
    from: '<Supertip>\n                    <Title resid="Button.Label"/>\n                    <Description resid="Button.Tooltip"/>\n                  </Supertip>\n',
    to: '',
    error: new RegExp(`Element '${OV}Icon': This element is not expected\\. Expected is \\( ${OV}Supertip \\)`),
  },
  {
    name: 'a permission the schema does not define',
    from: '<Permissions>ReadWriteDocument</Permissions>',
    to: '<Permissions>FullControl</Permissions>',
    error: /Permissions': \[facet 'enumeration'\] The value 'FullControl' is not an element of the set/,
  },
  {
    name: 'a requirement set version with three parts',
    from: 'MinVersion="1.9"',
    to: 'MinVersion="1.9.0"',
    error: /attribute 'MinVersion': \[facet 'pattern'\] The value '1\.9\.0' is not accepted/,
  },
  {
    name: 'a resource id longer than 32 characters',
    from: '<bt:String id="GetStarted.Title"',
    to: '<bt:String id="GetStarted.Title.ThatIsFarTooLongToBeAnId"',
    error: /attribute 'id': \[facet 'maxLength'\] The value 'GetStarted\.Title\.ThatIsFarTooLongToBeAnId' has a length of '41'/,
  },
  {
    name: 'XML that is not well formed',
    from: '<Permissions>ReadWriteDocument</Permissions>',
    to: '<Permissions>ReadWriteDocument</Permission>',
    error: /Opening and ending tag mismatch: Permissions/,
  },
];

describe('manifest.xml against the official add-in manifest schemas (OfficeApp 1.1 + TaskPane VersionOverrides 1.0, xmllint, offline)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'manifest-schema-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is valid against the official schemas', () => {
    expect(existsSync(OFFICIAL_SCHEMA), OFFICIAL_SCHEMA).toBe(true);
    expect(validateManifest(MANIFEST)).toEqual({ ok: true });
  });

  it('uses the schemas as published, changed only where schemas/README.md says', () => {
    const xsds = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.xsd')).sort();
    expect(xsds).toEqual(Object.keys(provenance.files).sort());
    for (const [file, entry] of Object.entries(provenance.files)) {
      let text = readFileSync(join(SCHEMA_DIR, file), 'utf8');
      for (const change of entry.changes) {
        expect(text.split(change.vendored), `${file}: "${change.vendored}"`).toHaveLength(2);
        text = text.replace(change.vendored, () => change.published);
      }
      expect(createHash('sha256').update(text, 'utf8').digest('hex'), `${file} differs from ${entry.source} beyond the listed changes`).toBe(entry.publishedSha256);
    }
  });

  it.each(BREAKAGES)('rejects a copy with $name', ({ name, from, to, error }) => {
    const original = readFileSync(MANIFEST, 'utf8');
    expect(original.split(from), `"${from}" must occur once in manifest.xml`).toHaveLength(2);
    const broken = join(scratch, `${name.replace(/\W+/g, '-')}.xml`);
    writeFileSync(broken, original.replace(from, to));
    const verdict = validateManifest(broken);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.errors.join('\n')).toMatch(error);
    expect(verdict.errors.join('\n')).not.toMatch(/failed to compile/);
  });

  it('is a task pane for Workbook that needs ExcelApi 1.9, the highest set src/excel uses (getCellProperties for undo snapshots)', () => {
    expect(one('string(/o:OfficeApp/@xsi:type)')).toBe('TaskPaneApp');
    expect(one('string(/o:OfficeApp/o:Hosts/o:Host/@Name)')).toBe('Workbook');
    expect(one('string(/o:OfficeApp/o:Permissions)')).toBe('ReadWriteDocument');
    expect(one('string(/o:OfficeApp/o:Requirements/o:Sets/o:Set[@Name="ExcelApi"]/@MinVersion)')).toBe('1.9');
  });

  it('opens the pane from a Home tab button (ShowTaskpane), at the dev server address', () => {
    const host = '/o:OfficeApp/ov:VersionOverrides/ov:Hosts/ov:Host';
    expect(one(`string(/o:OfficeApp/ov:VersionOverrides/@xsi:type)`)).toBe('VersionOverridesV1_0');
    expect(childNames('/o:OfficeApp/ov:VersionOverrides')).toEqual(['Hosts', 'Resources']);
    expect(one(`string(${host}/@xsi:type)`)).toBe('Workbook');
    expect(one(`string(${host}/ov:DesktopFormFactor/ov:ExtensionPoint/@xsi:type)`)).toBe('PrimaryCommandSurface');
    expect(one(`string(${host}//ov:OfficeTab/@id)`)).toBe('TabHome');
    const button = `${host}//ov:OfficeTab/ov:Group/ov:Control[@xsi:type="Button"]`;
    expect(one(`string(${button}/ov:Action/@xsi:type)`)).toBe('ShowTaskpane');
    const url = one(`string(${button}/ov:Action/ov:SourceLocation/@resid)`);
    expect(one(`string(//bt:Urls/bt:Url[@id="${url}"]/@DefaultValue)`)).toBe(`https://localhost:${ADDIN_DEV_PORT}/?host=excel`);
    expect(one('string(/o:OfficeApp/o:DefaultSettings/o:SourceLocation/@DefaultValue)')).toBe(`https://localhost:${ADDIN_DEV_PORT}/?host=excel`);
  });

  it('resolves every resid to a resource of the right kind', () => {
    const ids = (kind: string) => new Set(xpath(`//ov:Resources/bt:${kind}/*/@id`));
    const images = ids('Images');
    const urls = ids('Urls');
    const strings = new Set([...ids('ShortStrings'), ...ids('LongStrings')]);
    for (const resid of xpath('//bt:Image/@resid')) expect(images, resid).toContain(resid);
    for (const resid of xpath('//ov:SourceLocation/@resid | //ov:LearnMoreUrl/@resid')) expect(urls, resid).toContain(resid);
    for (const resid of xpath('//ov:Label/@resid | //ov:Title/@resid | //ov:Description/@resid')) expect(strings, resid).toContain(resid);
  });

  it('uses only https URLs on the dev server, names it in AppDomains, and serves icons that exist at their sizes', () => {
    const urls = [...xpath('//@DefaultValue'), ...xpath('//o:AppDomain/text()')].filter((v) => /^[a-z]+:\/\//i.test(v));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url, url).toMatch(new RegExp(`^https://localhost:${ADDIN_DEV_PORT}(/|$)`));
    expect(xpath('//o:AppDomain/text()')).toEqual([`https://localhost:${ADDIN_DEV_PORT}`]);
    const icons: [string, number][] = [
      [one('string(/o:OfficeApp/o:IconUrl/@DefaultValue)'), 64],
      [one('string(/o:OfficeApp/o:HighResolutionIconUrl/@DefaultValue)'), 128],
      ...['16', '32', '80'].map((size): [string, number] => [one(`string(//bt:Images/bt:Image[@id="Icon.${size}"]/@DefaultValue)`), Number(size)]),
    ];
    for (const [url, size] of icons) {
      const file = join(ROOT, 'public', new URL(url).pathname);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual([size, size]);
    }
  });
});

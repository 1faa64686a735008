/**
 * manifest.xml, checked offline with xmllint.
 *
 * NOT validated against the official add-in manifest XSDs: they are not on this machine or on
 * npm, and the stored copies found (OfficeDev/office-js-docs-pr, docs/overview/schemas/taskpane/)
 * are not a usable set (OfficeAppBasicTypesV1_0.xsd binds `xs` to "https://www.w3.org/..." so it
 * is not a schema at all, and the manifest schema imports a mail schema from another folder).
 * What is checked here instead is what can be checked honestly: the XML is well formed; the
 * required elements are there, in the order OfficeAppManifestV1_1 and
 * TaskPaneAppVersionOverridesV1_0 prescribe; every resid resolves; ids, versions, string lengths
 * and locales meet the simple types of those schemas; URLs are https on localhost:3000; icons exist
 * at the sizes their ids claim. Before publishing, run Microsoft's validator
 * (`npx office-addin-manifest validate manifest.xml`, which needs the network).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/python';
import { ADDIN_DEV_PORT } from '../../build-tools/https-dev';

const MANIFEST = join(ROOT, 'manifest.xml');
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

describe('manifest.xml (structural checks; not the official XSD, see the comment above)', () => {
  it('is well-formed XML (xmllint, offline)', () => {
    expect(() => execFileSync('xmllint', ['--noout', '--nonet', MANIFEST], { stdio: 'pipe' })).not.toThrow();
  });

  it('is a TaskPaneApp for Workbook with its elements in the order the OfficeApp 1.1 schema prescribes', () => {
    expect(one('string(/o:OfficeApp/@xsi:type)')).toBe('TaskPaneApp');
    const order = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];
    expect(childNames('/o:OfficeApp')).toEqual(order);
    expect(one('string(/o:OfficeApp/o:Hosts/o:Host/@Name)')).toBe('Workbook');
    expect(one('string(/o:OfficeApp/o:Permissions)')).toBe('ReadWriteDocument');
  });

  it('needs ExcelApi 1.8, the set Excel.createWorkbook belongs to', () => {
    expect(one('string(/o:OfficeApp/o:Requirements/o:Sets/o:Set[@Name="ExcelApi"]/@MinVersion)')).toBe('1.8');
  });

  it('has a GUID id, a four-part version, an en-US locale and names within the schema lengths', () => {
    expect(one('string(/o:OfficeApp/o:Id)')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one('string(/o:OfficeApp/o:Version)')).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    expect(one('string(/o:OfficeApp/o:DefaultLocale)')).toBe('en-US');
    expect(one('string(/o:OfficeApp/o:DisplayName/@DefaultValue)').length).toBeLessThanOrEqual(125);
    expect(one('string(/o:OfficeApp/o:Description/@DefaultValue)').length).toBeLessThanOrEqual(250);
    for (const s of xpath('//bt:ShortStrings/bt:String/@DefaultValue')) expect(s.length).toBeLessThanOrEqual(125);
    for (const s of xpath('//bt:LongStrings/bt:String/@DefaultValue')) expect(s.length).toBeLessThanOrEqual(250);
    for (const id of xpath('//bt:*/@id')) expect(id.length).toBeLessThanOrEqual(32);
  });

  it('opens the pane from a Home tab button (ShowTaskpane), at the dev server address', () => {
    const host = '/o:OfficeApp/ov:VersionOverrides/ov:Hosts/ov:Host';
    expect(one(`string(/o:OfficeApp/ov:VersionOverrides/@xsi:type)`)).toBe('VersionOverridesV1_0');
    expect(childNames('/o:OfficeApp/ov:VersionOverrides')).toEqual(['Hosts', 'Resources']);
    expect(one(`string(${host}/@xsi:type)`)).toBe('Workbook');
    expect(one(`string(${host}/ov:DesktopFormFactor/ov:ExtensionPoint/@xsi:type)`)).toBe('PrimaryCommandSurface');
    expect(one(`string(${host}//ov:OfficeTab/@id)`)).toBe('TabHome');
    const button = `${host}//ov:OfficeTab/ov:Group/ov:Control[@xsi:type="Button"]`;
    expect(childNames(button)).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
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

/** The SECURITY.md table renderer: cells from recorded outcomes, misses in bold, only the marked part replaced. */
import { describe, expect, it } from 'vitest';
import type { OutcomeFile } from './outcomes';
import { END_MARKER, START_MARKER, describeOutcome, renderTable, replaceBetweenMarkers } from './security-table';

const file = (runtime: string, cases: OutcomeFile['cases']): OutcomeFile => ({ runtime, detail: `${runtime} detail`, generatedAt: '2026-11-24T09:00:00.000Z', cases });

describe('the security table', () => {
  it('names the rule for a rejection and the kind for a contained run', () => {
    expect(describeOutcome({ kind: 'precheck', rules: ['dunder-attribute', 'import-not-allowed'], matched: true })).toBe('rejected: dunder-attribute, import-not-allowed');
    expect(describeOutcome({ kind: 'memory', rules: [], matched: true })).toBe('contained: memory');
    expect(describeOutcome({ kind: 'ok', rules: [], matched: true })).toBe('contained: ran, no harm');
  });

  it('renders one row per case and a column per runtime and mode, marking misses and missing runs', () => {
    const files = new Map([
      ['cpython-bwrap', file('cpython-bwrap', { '001-a': { precheck: [{ kind: 'precheck', rules: ['import-not-allowed'], matched: true }], 'no-precheck': [{ kind: 'python', rules: [], matched: true }], 'walls-off': [{ kind: 'ok', rules: [], matched: true }] } })],
      ['pyodide-node', file('pyodide-node', { '001-a': { precheck: [{ kind: 'timeout', rules: [], matched: false }] } })],
    ]);
    const table = renderTable(files, [{ name: '001-a', attack: '__import__ os | rm' }]);
    const row = table.split('\n').find((l) => l.startsWith('| 001-a'));
    expect(row).toBe('| 001-a | \\_\\_import\\_\\_ os \\| rm | rejected: import-not-allowed | contained: python | contained: ran, no harm | **contained: timeout (not as documented)** | not run | not run | not run | not run | not run |');
    expect(table).toMatch(/\| CPython \+ bwrap: cpython-bwrap detail \| 2026-11-24 09:00 UTC \| 1 \/ 1 \| 1 \/ 1 \| 1 \/ 1 \|/);
    expect(table).toMatch(/\| Pyodide, Node: pyodide-node detail \| .* \| 0 \/ 1 \| 0 \/ 1 \| 0 \/ 1 \|/);
  });

  it('replaces only the text between the markers, and refuses a document without them', () => {
    const doc = `# Title\n${START_MARKER}\nold\n${END_MARKER}\ntail\n`;
    expect(replaceBetweenMarkers(doc, 'new')).toBe(`# Title\n${START_MARKER}\nnew\n${END_MARKER}\ntail\n`);
    expect(() => replaceBetweenMarkers('# no markers', 'x')).toThrow(/lacks the markers/);
  });
});

/**
 * The agent's view of the open workbook (src/agent/workbook-change.ts WorkbookPort),
 * built from the typed operations in ./ops: a compact description for the model (every
 * sheet name, header and sample value quoted as data, inside the data block), then
 * parse → validate → preview, and apply with an undo snapshot.
 */
import type { CellValue } from '../../workers/api';
import type { PreparedChange, WorkbookPort } from '../agent/workbook-change';
import { DATA_CLOSE, DATA_OPEN, quote } from '../agent/profile-summary';
import type { ExcelAiDb } from '../store';
import type { Capability, RunExcel } from './office';
import { applyOps, parseWorkbookOps, previewOps, workbookOpsJsonSchema, type WorkbookOps } from './ops';

/** Enough to name columns and see what a column holds; the model never gets the data itself. */
const DESCRIBED_COLUMNS = 30;
const SAMPLE_ROWS = 2;
const MAX_SHEETS = 40;

interface SheetFacts {
  name: string;
  visibility: string;
  address: string | null;
  rowCount: number;
  columnCount: number;
  top: CellValue[][];
}

interface TableFacts {
  name: string;
  sheet: string;
  address: string;
  headers: CellValue[];
}

/** Sheets (used range, first rows) and tables, in two round trips whatever the workbook's size. */
export async function describeOpenWorkbook(runExcel: RunExcel): Promise<string> {
  const facts = await runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    const tables = context.workbook.tables;
    tables.load('items/name');
    await context.sync();
    const listed = sheets.items.slice(0, MAX_SHEETS);
    const used = listed.map((sheet) => {
      const range = sheet.getUsedRangeOrNullObject(true);
      range.load('address,rowCount,columnCount,rowIndex,columnIndex');
      return range;
    });
    const tableParts = tables.items.map((table) => {
      const whole = table.getRange();
      whole.load('address');
      const header = table.getHeaderRowRange();
      header.load('values');
      const sheet = table.worksheet;
      sheet.load('name');
      return { table, whole, header, sheet };
    });
    await context.sync();
    const tops = used.map((range) => {
      if (range.isNullObject) return null;
      const top = range.getCell(0, 0).getResizedRange(Math.min(range.rowCount, SAMPLE_ROWS + 1) - 1, Math.min(range.columnCount, DESCRIBED_COLUMNS) - 1);
      top.load('values');
      return top;
    });
    await context.sync();
    const sheetFacts: SheetFacts[] = listed.map((sheet, i) => {
      const range = used[i]!;
      const empty = range.isNullObject;
      return {
        name: sheet.name,
        visibility: sheet.visibility,
        address: empty ? null : range.address.split('!').pop() ?? range.address,
        rowCount: empty ? 0 : range.rowCount,
        columnCount: empty ? 0 : range.columnCount,
        top: (tops[i]?.values as CellValue[][] | undefined) ?? [],
      };
    });
    const tableFacts: TableFacts[] = tableParts.map(({ table, whole, header, sheet }) => ({
      name: table.name,
      sheet: sheet.name,
      address: whole.address.split('!').pop() ?? whole.address,
      headers: (header.values[0] as CellValue[] | undefined) ?? [],
    }));
    return { sheets: sheetFacts, tables: tableFacts, more: sheets.items.length - listed.length };
  });

  const lines: string[] = [];
  for (const sheet of facts.sheets) {
    const hidden = sheet.visibility === 'Visible' ? '' : ` (${sheet.visibility.toLowerCase()})`;
    if (!sheet.address) {
      lines.push(`sheet ${quote(sheet.name)}${hidden}: empty`);
      continue;
    }
    lines.push(`sheet ${quote(sheet.name)}${hidden}: used range ${sheet.address}, ${sheet.rowCount} rows × ${sheet.columnCount} columns`);
    sheet.top.forEach((row, r) => lines.push(`  row ${r + 1}: ${row.map((v) => quote(v)).join(', ')}`));
    if (sheet.columnCount > DESCRIBED_COLUMNS) lines.push(`  (first ${DESCRIBED_COLUMNS} columns shown)`);
    for (const table of facts.tables.filter((t) => t.sheet === sheet.name)) {
      lines.push(`  table ${quote(table.name)} at ${table.address}, headers: ${table.headers.map((h) => quote(h)).join(', ')}`);
    }
  }
  if (facts.more > 0) lines.push(`(${facts.more} more sheets not described)`);
  return `${DATA_OPEN}\n${lines.join('\n')}\n${DATA_CLOSE}`;
}

export function createWorkbookPort(runExcel: RunExcel, db: ExcelAiDb, capability?: Capability): WorkbookPort {
  const withCapability = capability ? { capability } : {};
  return {
    describe: () => describeOpenWorkbook(runExcel),
    opsJsonSchema: () => workbookOpsJsonSchema(),

    async prepare(json) {
      const parsed = parseWorkbookOps(json);
      if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
      const preview = await previewOps(runExcel, parsed.ops, withCapability);
      if (!preview.ok) return { ok: false, problems: preview.problems.map((p) => p.message) };
      const change: PreparedChange = {
        summary: parsed.ops.summary,
        steps: preview.previews.map((p) => ({
          description: p.sentence,
          ...(p.sheet ? { sheet: p.sheet } : {}),
          ...(p.address ? { address: p.address } : {}),
          ...(p.before ? { before: p.before } : {}),
          ...(p.after ? { after: p.after } : {}),
          overwrites: p.overwrites,
        })),
        risky: preview.findings.map((f) => `${f.location}: ${f.message}`),
        ops: { ops: parsed.ops, findingKeys: preview.findings.map((f) => f.key) },
      };
      return { ok: true, change };
    },

    async apply(change, options) {
      const { ops, findingKeys } = change.ops as { ops: WorkbookOps; findingKeys: string[] };
      const applied = await applyOps(runExcel, db, ops, { ...withCapability, approvedFindings: options.approveRisky ? findingKeys : [], label: ops.summary });
      if (!applied.ok) return { ok: false, message: `${applied.error.message} ${applied.error.fix}` };
      return { ok: true, undoId: applied.undoId, label: ops.summary };
    },
  };
}

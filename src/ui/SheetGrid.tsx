/**
 * A virtualized preview of one output sheet: headers stay put, only the rows in view
 * are in the DOM, and rows arrive in pages from the sandbox, so a 1,000,000-row result
 * previews as fast as a 10-row one and the pane never holds the whole sheet twice.
 * When every row is at hand, the rows can be searched and sorted by a column
 * (row-order.ts, in slices that keep the pane responsive); row numbers stay the sheet's.
 */
import { Button, Caption1, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';
import type { CellValue } from '../../workers/api';
import { formatCell } from './cell-format';
import { describeError } from '../../workers/api';
import { orderRows, type RowQuery } from './row-order';
import { suggestChart, type ChartSpec } from './chart-spec';
import { ResultChart } from './ResultChart';

/** Where the rows come from: a page at a time (0-based data rows, header excluded). */
export interface SheetRows {
  columns: string[];
  /** Each column's number format, so dates read as dates (formatCell). */
  numberFormats?: (string | null)[];
  rowCount: number;
  page(start: number, count: number): Promise<CellValue[][]>;
  /** Every row, when all are in memory: then the grid can search and sort them. */
  all?: readonly CellValue[][];
  /** The sheet's row number (1-based, header excluded) of a shown row; default: its position. */
  rowNumber?(shown: number): number;
}

const ROW_HEIGHT = 24;
const VIEW_ROWS = 10;
const OVERSCAN = 6;
const PAGE_SIZE = 200;
const COLUMN_WIDTH = 120;

const useStyles = makeStyles({
  viewport: {
    height: `${ROW_HEIGHT * (VIEW_ROWS + 1)}px`,
    overflow: 'auto',
    position: 'relative',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: { display: 'flex', position: 'absolute', left: 0, height: `${ROW_HEIGHT}px` },
  header: { position: 'sticky', top: 0, zIndex: 1, display: 'flex', height: `${ROW_HEIGHT}px`, backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  cell: {
    flex: 'none',
    width: `${COLUMN_WIDTH}px`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    lineHeight: `${ROW_HEIGHT}px`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    boxSizing: 'border-box',
  },
  rowNumber: { width: '56px', color: tokens.colorNeutralForeground3, textAlign: 'right' },
  sortButton: {
    backgroundColor: 'transparent',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'left',
    whiteSpace: 'nowrap',
    cursor: 'pointer',
    display: 'block',
    width: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  tools: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalXS },
  search: { flexGrow: 1, minWidth: '140px' },
});

/** The grid with search and sort over every row (when all are in memory), or as it is. */
export function SheetGrid({ label, rows }: { label: string; rows: SheetRows }) {
  const styles = useStyles();
  const [query, setQuery] = useState<RowQuery>({ search: '' });
  const [order, setOrder] = useState<{ for: RowQuery; rows: Int32Array } | null>(null);
  const all = rows.all;

  useEffect(() => {
    if (!all || (!query.search.trim() && !query.sort)) return;
    const stop = new AbortController();
    void orderRows(all, rows.numberFormats, query, stop.signal).then((found) => {
      if (found) setOrder({ for: query, rows: found });
    });
    return () => stop.abort();
  }, [all, rows.numberFormats, query]);

  const arranged = !query.search.trim() && !query.sort ? null : order?.for === query ? order.rows : undefined;
  const shown = useMemo<SheetRows>(() => (all && arranged ? arrangedRows(all, rows, arranged) : rows), [all, rows, arranged]);
  if (!all) return <GridBody label={label} rows={rows} />;
  const busy = arranged === undefined;
  const sortBy = (column: number): void => {
    const sort = query.sort?.column !== column ? { column, descending: false } : query.sort.descending ? undefined : { column, descending: true };
    setQuery({ search: query.search, ...(sort ? { sort } : {}) });
  };
  return (
    <>
      <div className={styles.tools}>
        <Input
          className={styles.search}
          size="small"
          type="search"
          placeholder="Search the rows"
          aria-label={`Search ${label}`}
          value={query.search}
          onChange={(_, d) => setQuery({ ...query, search: d.value })}
          data-testid="grid-search"
        />
        <Caption1 aria-live="polite" data-testid="grid-count">
          {busy ? 'Looking…' : arranged ? `${count(arranged.length)} of ${count(all.length)} rows` : `${count(all.length)} rows`}
        </Caption1>
      </div>
      <GridBody key={busy ? 'busy' : `${query.search}|${query.sort?.column ?? ''}|${query.sort?.descending ?? ''}`} label={label} rows={shown} sort={query.sort} onSort={sortBy} />
    </>
  );
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The rows in the given order (indexes into `all`), paged like the original. */
function arrangedRows(all: readonly CellValue[][], base: SheetRows, order: Int32Array): SheetRows {
  return {
    columns: base.columns,
    ...(base.numberFormats ? { numberFormats: base.numberFormats } : {}),
    rowCount: order.length,
    page: (start, n) => Promise.resolve(Array.from(order.subarray(start, start + n), (i) => all[i]!)),
    rowNumber: (shown) => (order[shown] ?? shown) + 1,
  };
}

/** Which rows to render for a scroll position: the visible ones plus a margin each side. */
export function visibleWindow(scrollTop: number, rowCount: number, viewRows = VIEW_ROWS, overscan = OVERSCAN): { first: number; last: number } {
  const top = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT);
  const first = Math.max(0, top - overscan);
  const last = Math.min(rowCount, top + viewRows + overscan);
  return { first, last };
}

function GridBody({ label, rows, sort, onSort }: { label: string; rows: SheetRows; sort?: RowQuery['sort']; onSort?(column: number): void }) {
  const styles = useStyles();
  const [scrollTop, setScrollTop] = useState(0);
  const [pages, setPages] = useState<ReadonlyMap<number, CellValue[][]>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const { first, last } = visibleWindow(scrollTop, rows.rowCount);

  useEffect(() => {
    let live = true;
    const asked = requested.current;
    const needed: number[] = [];
    for (let p = Math.floor(first / PAGE_SIZE); p * PAGE_SIZE < last; p++) if (!asked.has(p)) needed.push(p);
    const inFlight = new Set(needed);
    for (const p of needed) {
      asked.add(p);
      rows.page(p * PAGE_SIZE, PAGE_SIZE).then(
        (data) => {
          inFlight.delete(p);
          if (live) setPages((old) => new Map(old).set(p, data));
        },
        (error: unknown) => {
          inFlight.delete(p);
          asked.delete(p);
          if (live) setProblem(`Rows could not be loaded: ${describeError(error)}. Download the file to see them.`);
        },
      );
    }
    return () => {
      live = false;
      // A page asked for but not yet here is asked for again by the next run of this effect
      // (React's StrictMode runs every effect twice: the first run's answers are dropped).
      for (const p of inFlight) asked.delete(p);
    };
  }, [first, last, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Arrows and Page keys scroll natively; Home/End jump to the first and last rows.
    const viewport = event.currentTarget;
    if (event.key === 'Home' || event.key === 'End') {
      viewport.scrollTop = event.key === 'Home' ? 0 : viewport.scrollHeight;
      event.preventDefault();
    }
  };

  const width = 56 + rows.columns.length * COLUMN_WIDTH;
  const cells: ReactNode[] = [];
  for (let r = first; r < last; r++) {
    const row = pages.get(Math.floor(r / PAGE_SIZE))?.[r % PAGE_SIZE];
    cells.push(
      <div key={r} role="row" aria-rowindex={r + 2} className={styles.row} style={{ top: (r + 1) * ROW_HEIGHT, width }}>
        <div role="rowheader" className={`${styles.cell} ${styles.rowNumber}`}>
          {rows.rowNumber ? rows.rowNumber(r) : r + 1}
        </div>
        {rows.columns.map((_, c) => (
          <div key={c} role="gridcell" className={styles.cell} title={formatCell(row?.[c], rows.numberFormats?.[c])}>
            {row ? formatCell(row[c], rows.numberFormats?.[c]) : '…'}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <>
      <div
        role="grid"
        aria-label={label}
        aria-rowcount={rows.rowCount + 1}
        aria-colcount={rows.columns.length + 1}
        tabIndex={0}
        className={styles.viewport}
        onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        data-testid="sheet-grid"
      >
        <div role="row" aria-rowindex={1} className={styles.header} style={{ width }}>
          <div role="columnheader" className={`${styles.cell} ${styles.rowNumber}`}>
            #
          </div>
          {rows.columns.map((name, c) => {
            const sorted = sort?.column === c ? (sort.descending ? 'descending' : 'ascending') : undefined;
            return (
              <div key={c} role="columnheader" className={styles.cell} title={name} aria-sort={sorted ?? 'none'}>
                {onSort ? (
                  <button type="button" className={styles.sortButton} onClick={() => onSort(c)} data-testid="sort-column">
                    {name}
                    {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                  </button>
                ) : (
                  name
                )}
              </div>
            );
          })}
        </div>
        <div style={{ height: rows.rowCount * ROW_HEIGHT, width }} aria-hidden="true" />
        {cells}
      </div>
      {problem && <Caption1 role="alert">{problem}</Caption1>}
    </>
  );
}

/**
 * "Show all rows" and "Show chart": reading every row of a big output is a sandbox call,
 * so it happens only when asked, once for both; until then the caller's short preview
 * (the profile's first rows) shows.
 */
export function ExpandableSheetGrid(props: { label: string; preview: ReactNode; chartable?: boolean; load(): Promise<{ ok: true; rows: SheetRows } | { ok: false; message: string }> }) {
  const [rows, setRows] = useState<{ step: 'idle' } | { step: 'loading' } | { step: 'ready'; rows: SheetRows } | { step: 'failed'; message: string }>({ step: 'idle' });
  const [want, setWant] = useState<{ grid: boolean; chart: boolean }>({ grid: false, chart: false });
  const loading = useRef<Promise<void> | null>(null);
  const ask = (view: 'grid' | 'chart'): void => {
    setWant((old) => ({ ...old, [view]: view === 'chart' ? !old.chart : true }));
    if (loading.current || rows.step === 'ready') return;
    setRows({ step: 'loading' });
    loading.current = props.load().then((loaded) => {
      setRows(loaded.ok ? { step: 'ready', rows: loaded.rows } : { step: 'failed', message: loaded.message });
      if (!loaded.ok) loading.current = null;
    });
  };
  const ready = rows.step === 'ready' ? rows.rows : null;
  const chart = useMemo(() => (ready && want.chart ? chartOf(ready) : undefined), [ready, want.chart]);
  const busy = rows.step === 'loading';
  return (
    <>
      {want.chart && chart && <ResultChart spec={chart} />}
      {want.chart && chart === null && <Caption1 role="status" data-testid="no-chart">No chart helps here: this sheet has no column of numbers to add up by a date or a category.</Caption1>}
      {ready && want.grid ? <SheetGrid label={props.label} rows={ready} /> : props.preview}
      <div>
        {!(ready && want.grid) && (
          <Button size="small" appearance="subtle" disabled={busy} onClick={() => ask('grid')} data-testid="show-all-rows">
            {busy && want.grid ? 'Reading all rows…' : 'Show all rows'}
          </Button>
        )}
        {props.chartable && (
          <Button size="small" appearance="subtle" disabled={busy} onClick={() => ask('chart')} aria-pressed={want.chart} data-testid="show-chart">
            {busy && want.chart ? 'Reading all rows…' : want.chart ? 'Hide chart' : 'Show chart'}
          </Button>
        )}
      </div>
      {rows.step === 'failed' && <Caption1 role="alert">{rows.message}</Caption1>}
    </>
  );
}

/** The chart for every row in memory (null: none helps). */
function chartOf(rows: SheetRows): ChartSpec | null {
  return rows.all ? suggestChart(rows.columns, rows.numberFormats, rows.all) : null;
}

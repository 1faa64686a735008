/**
 * A chart of a result (chart-spec.ts chooses which), drawn locally with Chart.js on a
 * canvas in the pane's colours. Chart.js loads only when a chart is first shown, so the
 * pane starts no slower. The canvas is an image with the chart's sentence as its name,
 * and the values drawn are also in a table below it, for screen readers and for
 * anyone who wants the numbers.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Chart } from 'chart.js';
import { formatNumber, type ChartSpec } from './chart-spec';
import { usePaneTheme } from './theme';

const BAR_HEIGHT = 22;

const useStyles = makeStyles({
  frame: { position: 'relative', width: '100%', marginBlock: tokens.spacingVerticalXS },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export function ResultChart({ spec }: { spec: ChartSpec }) {
  const styles = useStyles();
  const theme = usePaneTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const height = spec.kind === 'bar' ? spec.points.length * BAR_HEIGHT + 48 : 220;

  useEffect(() => {
    let chart: Chart | null = null;
    let stopped = false;
    void drawChart(spec, theme)
      .then((draw) => {
        if (!stopped && canvas.current) chart = draw(canvas.current);
      })
      .catch(() => setProblem('The chart could not be drawn here; the values are in the table below.'));
    return () => {
      stopped = true;
      chart?.destroy();
    };
  }, [spec, theme]);

  const title = `${spec.summed ? 'Total ' : ''}${spec.measure} by ${spec.dimension}${spec.period && spec.period !== 'day' ? ` (per ${spec.period})` : ''}`;
  return (
    <figure style={{ margin: 0 }} data-testid="result-chart" data-kind={spec.kind}>
      <figcaption>
        <Caption1>{title}</Caption1>
      </figcaption>
      <div className={styles.frame} style={{ height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={spec.description} data-testid="chart-canvas">
          {spec.description}
        </canvas>
      </div>
      {problem && <Caption1 role="alert">{problem}</Caption1>}
      <Accordion collapsible>
        <AccordionItem value="values">
          <AccordionHeader size="small">Values in the chart</AccordionHeader>
          <AccordionPanel>
            <Table size="extra-small" aria-label={`Values of the chart: ${title}`} data-testid="chart-values">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{spec.dimension}</TableHeaderCell>
                  <TableHeaderCell>{title.replace(/ by .*$/, '')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {spec.points.map((p) => (
                  <TableRow key={p.label}>
                    <TableCell>{p.label}</TableCell>
                    <TableCell className={styles.number}>{formatNumber(p.value)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </figure>
  );
}

type Theme = ReturnType<typeof usePaneTheme>;

/** Loads Chart.js (once) and returns a function that draws the spec on a canvas. */
async function drawChart(spec: ChartSpec, theme: Theme): Promise<(canvas: HTMLCanvasElement) => Chart> {
  const { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip } = await import('chart.js');
  Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);
  const text = theme.colorNeutralForeground2;
  const grid = theme.colorNeutralStroke2;
  const brand = theme.colorBrandBackground;
  const font = { family: theme.fontFamilyBase, size: 11 };
  const valueAxis = { ticks: { color: text, font, callback: (v: string | number) => compact(Number(v)) }, grid: { color: grid }, beginAtZero: true };
  const labelAxis = { ticks: { color: text, font, autoSkip: true, maxRotation: 0 }, grid: { display: false } };
  return (canvas) =>
    new Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.points.map((p) => p.label),
        datasets: [{ label: spec.measure, data: spec.points.map((p) => p.value), backgroundColor: brand, borderColor: brand, pointRadius: spec.points.length > 30 ? 0 : 2, borderWidth: spec.kind === 'line' ? 2 : 0 }],
      },
      options: {
        indexAxis: spec.kind === 'bar' ? 'y' : 'x', // horizontal bars keep long category names readable at 320 px
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => formatNumber(Number(item.raw)) } } },
        scales: spec.kind === 'bar' ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      },
    });
}

/** Axis numbers short: 1.2K, 3.4M. */
function compact(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

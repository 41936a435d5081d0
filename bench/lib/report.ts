// The tables `npm run bench` prints (hot paths; the BHXH-code look-up section), and the JSON written next to them.
import type { LookupTiming } from '../lookup-plan.ts';
import type { Figures } from './measure.ts';
import type { BaselineName } from './types.ts';

export interface Row {
  kind: 'baseline' | 'path';
  name: string;
  description: string;
  /** Paths: the baseline they are held against. */
  baseline?: BaselineName;
  figures: Figures;
  runs: Figures[];
}

/** A path's rate as a share of its baseline's, measured in the same run (undefined for baselines or when missing). */
export function ratioToBaseline(row: Row, rows: readonly Row[]): number | undefined {
  if (row.kind !== 'path' || !row.baseline) return undefined;
  const baseline = rows.find((r) => r.kind === 'baseline' && r.name === row.baseline);
  if (!baseline || !(baseline.figures.requestsPerSecond > 0)) return undefined;
  return row.figures.requestsPerSecond / baseline.figures.requestsPerSecond;
}

const integer = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '–');
/** autocannon records latency in whole milliseconds: 0 means under one. */
const millis = (value: number) => (Number.isFinite(value) ? (value < 1 ? '<1' : Math.round(value).toString()) : '–');

/** A Markdown table: the first column left-aligned, the others right-aligned unless `leftLast`. */
function markdown(header: readonly string[], body: readonly string[][], leftLast: boolean): string {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const left = (i: number) => i === 0 || (leftLast && i === widths.length - 1);
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => (left(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** The look-up section: the query's own time per key kind (bench/lookup-plan.ts), in milliseconds to 0.01. */
export function formatLookupTable(timings: readonly LookupTiming[]): string {
  const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
  const body = timings.map((t) => [t.kind, integer(t.lookups), ms(t.p50Ms), ms(t.p95Ms), ms(t.maxMs), integer(t.found)]);
  return markdown(['key kind', 'look-ups', 'p50 ms', 'p95 ms', 'max ms', 'found'], body, false);
}

/** A Markdown table (readable in a terminal, pasteable into bench/README.md). */
export function formatTable(rows: readonly Row[]): string {
  const header = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'RSS MB', 'vs baseline'];
  const body = rows.map((row) => {
    const ratio = ratioToBaseline(row, rows);
    const f = row.figures;
    return [
      row.kind === 'baseline' ? `(baseline) ${row.name}` : row.name,
      integer(f.requestsPerSecond),
      millis(f.p50Ms),
      millis(f.p99Ms),
      integer(f.errors),
      integer(f.non2xx),
      f.peakRssMb === undefined ? '–' : integer(f.peakRssMb),
      ratio === undefined ? (row.kind === 'path' ? `? ${row.baseline ?? ''}` : '') : `${Math.round(ratio * 100)}% of ${row.baseline ?? ''}`,
    ];
  });
  return markdown(header, body, true);
}

// One line per figure: what was measured, the figure, the reference (issue 15's measurement of the
// desk before the work on performance), the target and whether the figure meets it.
export type Unit = 's' | 'ms' | 'MB' | '×';

export interface Figure {
  name: string;
  value: number | undefined;
  unit: Unit;
  /** Issue 15's figure for the same measurement, when it gave one. */
  reference?: number;
  /** The figure must be at most this (every target here is a ceiling). */
  target?: number;
  note?: string;
}

export interface Part {
  title: string;
  figures: Figure[];
  /** What the part measured on (files, sizes, runs), one line. */
  setup: string;
  /** Why a part has no figures (a tool missing, a failure), instead of stopping the bench. */
  error?: string;
}

const digits = (unit: Unit, value: number): string =>
  unit === 's' ? value.toFixed(2) : unit === '×' ? value.toFixed(2) : value.toFixed(value < 10 ? 1 : 0);

export const show = (unit: Unit, value: number | undefined): string =>
  value === undefined || !Number.isFinite(value)
    ? '—'
    : unit === '×'
      ? `${digits(unit, value)}×`
      : `${digits(unit, value)} ${unit}`;

export function verdict(figure: Figure): string {
  if (figure.target === undefined) return '';
  if (figure.value === undefined || !Number.isFinite(figure.value)) return 'not measured';
  return figure.value <= figure.target ? 'meets' : 'SHORT';
}

export function formatPart(part: Part): string {
  const lines = [`${part.title}`, `  ${part.setup}`];
  if (part.error) lines.push(`  could not measure: ${part.error}`);
  const rows = part.figures.map((f) => [
    f.name,
    show(f.unit, f.value),
    f.reference === undefined ? '' : `ref ${show(f.unit, f.reference)}`,
    f.target === undefined ? '' : `target ≤ ${show(f.unit, f.target)}`,
    verdict(f),
    f.note ?? '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(0, ...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    lines.push(
      `  ${r
        .map((cell, c) => (c < 5 ? cell.padEnd(widths[c]!) : cell))
        .join('  ')
        .trimEnd()}`,
    );
  return lines.join('\n');
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

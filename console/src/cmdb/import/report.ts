/** What the import wizard derives from a dry-run report. */
import type { Counts, ImportReport, RowError } from './api';

export type ApplyRows = 'all' | 'validOnly';

/** Whether each apply choice can do anything, and which to offer first. */
export interface ApplyChoices {
  /** "all" writes only when no row is invalid. */
  all: boolean;
  /** "valid rows only" needs at least one valid row. */
  validOnly: boolean;
  /** Rows that would change something (create or update). */
  changes: number;
  preferred: ApplyRows | null;
}

export function applyChoices(counts: Counts): ApplyChoices {
  const valid = counts.rows - counts.invalid;
  const changes = counts.create + counts.update;
  const all = counts.invalid === 0 && counts.rows > 0;
  const validOnly = valid > 0;
  return { all, validOnly, changes, preferred: all ? 'all' : validOnly ? 'validOnly' : null };
}

/** One line of the error table: a row with all its errors. */
export interface RowProblems {
  row: number;
  errors: RowError[];
}

/** Errors grouped by row, rows ascending, each row's errors by column (row-level ones first). */
export function problemsByRow(errors: RowError[]): RowProblems[] {
  const byRow = new Map<number, RowError[]>();
  for (const error of errors) {
    const list = byRow.get(error.row) ?? [];
    list.push(error);
    byRow.set(error.row, list);
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, list]) => ({
      row,
      errors: [...list].sort((a, b) => columnOrder(a.column) - columnOrder(b.column)),
    }));
}

/** A → 1, Z → 26, AA → 27; no column → 0. */
export function columnOrder(column?: string | null): number {
  if (!column) return 0;
  let n = 0;
  for (const c of column.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** Where an error is, as users see it in the spreadsheet: "C4 (IP 地址)" or "4". */
export function cellLabel(error: RowError): string {
  if (!error.column) return String(error.row);
  return `${error.column}${error.row}${error.header ? ` (${error.header})` : ''}`;
}

/** The share of valid rows, 0–100, for the report's progress bar. */
export function validPercent(counts: Counts): number {
  if (counts.rows === 0) return 0;
  return Math.round(((counts.rows - counts.invalid) / counts.rows) * 1000) / 10;
}

/** Whether the report needs the user's attention before applying. */
export function hasProblems(report: ImportReport): boolean {
  return report.counts.invalid > 0 || report.duplicates.length > 0;
}

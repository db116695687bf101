import { ApiError } from '../../api/problem';

/** Where a filter error is in the filter text, from the 422's `params.position`/`length`. */
export interface FilterErrorSpot {
  start: number;
  end: number;
  before: string;
  marked: string;
  after: string;
}

/**
 * The part of the filter an error points at, or null for errors without a position. The
 * server counts in UTF-16 units, as JavaScript strings do; a position at the end (a missing
 * closing bracket) marks one blank after the text.
 */
export function filterErrorSpot(error: unknown, q: string): FilterErrorSpot | null {
  if (!(error instanceof ApiError) || !error.code.startsWith('cmdb.filter.')) return null;
  const position = Number(error.params.position);
  if (!Number.isInteger(position) || position < 0) return null;
  const length = Math.max(1, Number(error.params.length) || 1);
  const start = Math.min(position, q.length);
  const end = Math.min(start + length, q.length);
  return {
    start,
    end,
    before: q.slice(0, start),
    marked: end > start ? q.slice(start, end) : ' ',
    after: q.slice(end),
  };
}

/** The line and column (1-based) of a position, for multi-line filters. */
export function lineAndColumn(q: string, position: number): { line: number; column: number } {
  const before = q.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

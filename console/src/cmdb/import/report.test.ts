import { describe, expect, it } from 'vitest';
import type { RowError } from './api';
import { downloadUrl } from './api';
import { applyChoices, cellLabel, columnOrder, problemsByRow, validPercent } from './report';

const error = (row: number, column: string | null, code = 'x'): RowError => ({
  row,
  column,
  header: column ? `h${column}` : null,
  field: null,
  code,
  message: code,
});

describe('applyChoices', () => {
  it('offers all only without invalid rows', () => {
    expect(applyChoices({ rows: 3, create: 2, update: 1, unchanged: 0, invalid: 0 })).toEqual({
      all: true,
      validOnly: true,
      changes: 3,
      preferred: 'all',
    });
    expect(applyChoices({ rows: 3, create: 1, update: 0, unchanged: 0, invalid: 2 })).toEqual({
      all: false,
      validOnly: true,
      changes: 1,
      preferred: 'validOnly',
    });
  });

  it('offers nothing when every row is invalid', () => {
    const choices = applyChoices({ rows: 2, create: 0, update: 0, unchanged: 0, invalid: 2 });
    expect(choices.all).toBe(false);
    expect(choices.validOnly).toBe(false);
    expect(choices.preferred).toBeNull();
  });
});

describe('problemsByRow', () => {
  it('groups by row and orders columns as the spreadsheet does', () => {
    const grouped = problemsByRow([error(7, 'AA'), error(3, 'C'), error(7, 'B'), error(7, null, 'dup')]);
    expect(grouped.map((g) => g.row)).toEqual([3, 7]);
    expect(grouped[1].errors.map((e) => e.column)).toEqual([null, 'B', 'AA']);
  });
});

describe('labels', () => {
  it('names cells like Excel', () => {
    expect(columnOrder('A')).toBe(1);
    expect(columnOrder('AB')).toBe(28);
    expect(cellLabel(error(4, 'C'))).toBe('C4 (hC)');
    expect(cellLabel(error(4, null))).toBe('4');
  });

  it('computes the valid share', () => {
    expect(validPercent({ rows: 3, create: 1, update: 0, unchanged: 0, invalid: 1 })).toBe(66.7);
    expect(validPercent({ rows: 0, create: 0, update: 0, unchanged: 0, invalid: 0 })).toBe(0);
  });

  it('builds download addresses', () => {
    expect(downloadUrl('export', 'host', 'csv-gbk')).toBe('/api/v1/cmdb/exports?model=host&format=csv-gbk');
    expect(downloadUrl('template', 'host', 'xlsx')).toBe(
      '/api/v1/cmdb/imports/template?model=host&format=xlsx',
    );
  });
});

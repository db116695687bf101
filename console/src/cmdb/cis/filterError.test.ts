import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { filterErrorSpot, lineAndColumn } from './filterError';

describe('filterErrorSpot', () => {
  it('marks the part of the filter the 422 points at', () => {
    const error = new ApiError(422, 'cmdb.filter.value-invalid', 'bad', { position: 31, length: 3 });
    const spot = filterErrorSpot(error, 'model = host and environment = prd and x = 1');
    expect(spot).toMatchObject({
      start: 31,
      end: 34,
      marked: 'prd',
      before: 'model = host and environment = ',
    });
    expect(spot?.after).toBe(' and x = 1');
  });

  it('marks a blank after the text when the error is at its end', () => {
    const error = new ApiError(422, 'cmdb.filter.syntax', 'bad', { position: 7, length: 1 });
    expect(filterErrorSpot(error, 'model =')).toMatchObject({ start: 7, end: 7, marked: ' ', after: '' });
  });

  it('counts Chinese characters as the server does', () => {
    const error = new ApiError(422, 'cmdb.filter.unknown-attribute', 'bad', { position: 16, length: 3 });
    expect(filterErrorSpot(error, 'name = 集中交易 and 系统x = 1')?.marked).toBe('系统x');
  });

  it('ignores other errors and errors without a position', () => {
    expect(filterErrorSpot(new ApiError(403, 'auth.forbidden', 'no'), 'x')).toBeNull();
    expect(filterErrorSpot(new ApiError(422, 'cmdb.filter.syntax', 'no'), 'x')).toBeNull();
    expect(filterErrorSpot(new Error('x'), 'x')).toBeNull();
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('a = 1\nand b', 8)).toEqual({ line: 2, column: 3 });
    expect(lineAndColumn('a = 1', 0)).toEqual({ line: 1, column: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_STATES, filtersFromSearch, searchFromFilters, toggle } from './filters';

describe('alert filters in the URL', () => {
  it('defaults to the states that still need someone', () => {
    expect(filtersFromSearch(new URLSearchParams())).toEqual({ state: DEFAULT_STATES });
  });

  it('round-trips lists, single values and the explicit "all states"', () => {
    const f = { severity: ['CRITICAL', 'MAJOR'], matcher: ['env=prod'], q: 'disk', businessSystem: 'b1' };
    const search = searchFromFilters(f);
    expect(search.getAll('severity')).toEqual(['CRITICAL', 'MAJOR']);
    expect(search.get('state')).toBe('ALL');
    expect(filtersFromSearch(search)).toEqual(f);
    expect(filtersFromSearch(searchFromFilters({ state: ['RESOLVED'] }))).toEqual({ state: ['RESOLVED'] });
  });

  it('toggles values', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggle(undefined, 'a')).toEqual(['a']);
  });
});

import { describe, expect, it } from 'vitest';
import { scopeOf, scopeText } from './scope';

describe('role assignment scope', () => {
  it('reads as system / environment', () => {
    expect(scopeText({ businessSystem: 'payments', environment: 'prod' })).toBe('payments / prod');
    expect(scopeText({ businessSystem: null, environment: 'prod' })).toBe('prod');
    expect(scopeText(null)).toBe('');
  });
  it('is null when both parts are blank', () => {
    expect(scopeOf(' ', undefined)).toBeNull();
    expect(scopeOf(' payments ', '')).toEqual({ businessSystem: 'payments', environment: undefined });
  });
});

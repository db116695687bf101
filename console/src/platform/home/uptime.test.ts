import { describe, expect, it } from 'vitest';
import { uptimeParts } from './uptime';

describe('uptimeParts', () => {
  it('shows the two largest units', () => {
    expect(uptimeParts(2 * 86400 + 3 * 3600 + 59)).toEqual([
      { unit: 'days', count: 2 },
      { unit: 'hours', count: 3 },
    ]);
    expect(uptimeParts(310)).toEqual([
      { unit: 'minutes', count: 5 },
      { unit: 'seconds', count: 10 },
    ]);
  });
  it('drops a zero second unit and handles zero', () => {
    expect(uptimeParts(3600)).toEqual([{ unit: 'hours', count: 1 }]);
    expect(uptimeParts(0)).toEqual([{ unit: 'seconds', count: 0 }]);
    expect(uptimeParts(-5)).toEqual([{ unit: 'seconds', count: 0 }]);
  });
});

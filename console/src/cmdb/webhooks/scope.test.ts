import { describe, expect, it } from 'vitest';
import { scopeText } from './api';

describe('a subscription scope as text', () => {
  it('says 全部 for everywhere', () => {
    expect(scopeText({ everywhere: true, areas: [] }, '全部')).toBe('全部');
  });
  it('lists the areas with * for an unset part', () => {
    expect(
      scopeText(
        {
          everywhere: false,
          areas: [
            { businessSystem: '集中交易', environment: null },
            { businessSystem: null, environment: 'prod' },
          ],
        },
        '全部',
      ),
    ).toBe('集中交易/*, */prod');
  });
});

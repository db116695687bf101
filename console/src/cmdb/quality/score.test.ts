import { describe, expect, it } from 'vitest';
import type { QualityScore } from './api';
import { formatScore, grade, ownerLabel, trendOption, worstFirst } from './score';

const score = (overall: number | null): QualityScore => ({
  overall,
  completeness: overall,
  freshness: overall,
  cis: 1,
  slots: 1,
  filledSlots: 1,
  freshCis: 1,
});

describe('quality scores', () => {
  it('grades at 90 and 70', () => {
    expect(grade(90)).toBe('good');
    expect(grade(89.9)).toBe('fair');
    expect(grade(70)).toBe('fair');
    expect(grade(69.9)).toBe('poor');
    expect(grade(null)).toBe('none');
    expect(grade(undefined)).toBe('none');
  });

  it('formats with one decimal and a dash for none', () => {
    expect(formatScore(75)).toBe('75.0');
    expect(formatScore(66.66)).toBe('66.7');
    expect(formatScore(null)).toBe('—');
  });

  it('sorts worst first, unscored last, ties by name', () => {
    const rows = [
      { n: 'b', s: score(80) },
      { n: 'x', s: score(null) },
      { n: 'a', s: score(80) },
      { n: 'c', s: score(20) },
    ];
    expect(
      worstFirst(
        rows,
        (r) => r.s,
        (r) => r.n,
      ).map((r) => r.n),
    ).toEqual(['c', 'a', 'b', 'x']);
  });

  it('builds one line per score over the days', () => {
    const option = trendOption(
      [
        { day: '2026-05-01', score: score(60) },
        { day: '2026-05-02', score: { ...score(70), completeness: null } },
      ],
      { overall: 'O', completeness: 'C', freshness: 'F' },
    ) as { xAxis: { data: string[] }; series: { name: string; data: (number | null)[] }[] };
    expect(option.xAxis.data).toEqual(['05-01', '05-02']);
    expect(option.series.map((s) => s.name)).toEqual(['O', 'C', 'F']);
    expect(option.series[1].data).toEqual([60, null]);
  });

  it('names owners by team when known', () => {
    const teams = [{ id: '3f2a0000-0000-0000-0000-000000000000', name: '主机组' }];
    expect(ownerLabel('3f2a0000-0000-0000-0000-000000000000', teams, '无')).toBe('主机组');
    expect(ownerLabel('9c1b0000-0000-0000-0000-000000000000', teams, '无')).toBe('9c1b0000');
    expect(ownerLabel(null, teams, '无')).toBe('无');
  });
});

import { describe, expect, it } from 'vitest';
import type { CountSeries } from '../pendingApi';
import {
  formatDuration,
  funnelOption,
  percent,
  reduction,
  seriesKeys,
  stackedOption,
  topOption,
} from './charts';

const series: CountSeries = {
  by: 'severity',
  buckets: [
    { at: '2026-01-01T00:00:00Z', counts: { WARNING: 3, CRITICAL: 1 } },
    { at: '2026-01-01T01:00:00Z', counts: { INFO: 9, zabbix: 1 } },
  ],
};

describe('analytics charts', () => {
  it('orders series keys: the given order first, then by total', () => {
    expect(seriesKeys(series, ['CRITICAL', 'MAJOR', 'WARNING'])).toEqual([
      'CRITICAL',
      'WARNING',
      'INFO',
      'zabbix',
    ]);
  });

  it('stacks one bar series per key, zero where a bucket lacks it', () => {
    const o = stackedOption(series, (k) => k.toLowerCase(), {
      order: ['CRITICAL'],
      colors: { CRITICAL: 'red' },
      timeLabel: (at) => at.slice(11, 16),
    }) as {
      xAxis: { data: string[] };
      series: { name: string; stack: string; data: number[]; itemStyle?: { color: string } }[];
    };
    expect(o.xAxis.data).toEqual(['00:00', '01:00']);
    expect(o.series[0]).toMatchObject({
      name: 'critical',
      stack: 'total',
      data: [1, 0],
      itemStyle: { color: 'red' },
    });
    expect(o.series.find((s) => s.name === 'info')?.data).toEqual([0, 9]);
  });

  it('shows the noisiest on top', () => {
    const o = topOption(
      [
        { key: 'a', count: 5 },
        { key: 'b', name: 'B', count: 9 },
      ],
      (e) => e.name ?? e.key,
    ) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(o.yAxis.data).toEqual(['a', 'B']);
    expect(o.series[0].data).toEqual([5, 9]);
  });

  it('computes the noise reduction and its funnel', () => {
    expect(reduction({ rawEvents: 1000, alerts: 100, groups: 10 })).toEqual({
      perAlert: 10,
      perGroup: 10,
      overall: 0.99,
    });
    expect(reduction({ rawEvents: 0, alerts: 0, groups: 0 })).toEqual({
      perAlert: null,
      perGroup: null,
      overall: null,
    });
    const f = funnelOption(
      { rawEvents: 1000, alerts: 100, groups: 10 },
      { raw: 'r', alerts: 'a', groups: 'g' },
    ) as {
      series: { data: { value: number }[] }[];
    };
    expect(f.series[0].data.map((d) => d.value)).toEqual([1000, 100, 10]);
  });

  it('formats durations and ratios', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(200)).toBe('3m 20s');
    expect(formatDuration(7500)).toBe('2h 5m');
    expect(formatDuration(90000)).toBe('1d 1h');
    expect(formatDuration(null)).toBe('—');
    expect(percent(0.9876)).toBe('98.8%');
    expect(percent(undefined)).toBe('—');
  });
});

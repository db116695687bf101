import { describe, expect, it } from 'vitest';
import type { Bucketed } from './charts';
import {
  formatDuration,
  funnelOption,
  percent,
  reduction,
  seriesKeys,
  stackedOption,
  topOption,
} from './charts';

// as /analytics/counts answers: bucket starts and one series per key
const series: Bucketed = {
  buckets: ['2026-01-01T00:00:00+08:00', '2026-01-01T01:00:00+08:00'],
  series: [
    { key: 'INFO', name: null, data: [0, 9], total: 9 },
    { key: 'WARNING', name: null, data: [3, 0], total: 3 },
    { key: 'zabbix', name: null, data: [0, 1], total: 1 },
    { key: 'CRITICAL', name: null, data: [1, null], total: 1 },
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
        { key: 'a', rawEvents: 5, alerts: 2 },
        { key: 'b', name: 'B', kind: 'zabbix', rawEvents: 9, alerts: 1 },
      ],
      (e) => e.name ?? e.key,
    ) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(o.yAxis.data).toEqual(['a', 'B']);
    expect(o.series[0].data).toEqual([5, 9]);
    const byAlerts = topOption(
      [
        { key: 'a', rawEvents: 5, alerts: 2 },
        { key: 'b', rawEvents: 9, alerts: 1 },
      ],
      (e) => e.key,
      'alerts',
    ) as { yAxis: { data: string[] } };
    expect(byAlerts.yAxis.data).toEqual(['b', 'a']);
  });

  it('takes the noise reduction from the server and draws its funnel', () => {
    const grouped = { available: true, count: 10 };
    expect(
      reduction({
        eventsPerAlert: 10,
        alertsPerGroup: 10,
        dedupReduction: 0.9,
        totalReduction: 0.99,
        groups: grouped,
      }),
    ).toEqual({ perAlert: 10, perGroup: 10, overall: 0.99 });
    expect(
      reduction({
        eventsPerAlert: 4,
        alertsPerGroup: null,
        dedupReduction: 0.75,
        totalReduction: null,
        groups: { available: false, count: null },
      }),
    ).toEqual({ perAlert: 4, perGroup: null, overall: 0.75 });
    expect(
      reduction({ eventsPerAlert: null, dedupReduction: null, groups: { available: true, count: 0 } }),
    ).toEqual({
      perAlert: null,
      perGroup: null,
      overall: null,
    });
    const f = funnelOption(
      { rawEvents: 1000, alerts: 100, groups: grouped },
      { raw: 'r', alerts: 'a', groups: 'g' },
    ) as {
      series: { data: { value: number }[] }[];
    };
    expect(f.series[0].data.map((d) => d.value)).toEqual([1000, 100, 10]);
    const ungrouped = funnelOption(
      { rawEvents: 8, alerts: 2, groups: { available: false, count: null } },
      { raw: 'r', alerts: 'a', groups: 'g' },
    ) as { series: { data: { value: number }[] }[] };
    expect(ungrouped.series[0].data.map((d) => d.value)).toEqual([8, 2]);
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

/** ECharts options of the analytics page, built from the analytics answers (pure, tested). */
import type { ChartOption } from '../../app/Chart';
import type { CountSeries, NoiseReduction, TopEntry } from '../pendingApi';

/** The series keys in a fixed order (`order` first, then the rest by total, largest first). */
export function seriesKeys(series: CountSeries, order: readonly string[] = []): string[] {
  const totals = new Map<string, number>();
  for (const b of series.buckets)
    for (const [k, n] of Object.entries(b.counts)) totals.set(k, (totals.get(k) ?? 0) + n);
  const known = order.filter((k) => totals.has(k));
  const rest = [...totals.keys()]
    .filter((k) => !order.includes(k))
    .sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  return [...known, ...rest];
}

/** Stacked bars over time, one series per key; buckets missing a key count 0. */
export function stackedOption(
  series: CountSeries,
  label: (key: string) => string,
  options: { order?: readonly string[]; colors?: Record<string, string>; timeLabel: (at: string) => string },
): ChartOption {
  const keys = seriesKeys(series, options.order);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: series.buckets.map((b) => options.timeLabel(b.at)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k) => ({
      name: label(k),
      type: 'bar',
      stack: 'total',
      itemStyle: options.colors?.[k] ? { color: options.colors[k] } : undefined,
      data: series.buckets.map((b) => b.counts[k] ?? 0),
    })),
  };
}

/** Horizontal bars of the noisiest entries, the largest on top. */
export function topOption(entries: TopEntry[], label: (e: TopEntry) => string): ChartOption {
  const sorted = entries.slice().sort((a, b) => a.count - b.count);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 140, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map(label), axisLabel: { width: 130, overflow: 'truncate' } },
    series: [{ type: 'bar', data: sorted.map((e) => e.count) }],
  };
}

/** Compression ratios of the noise reduction (raw events per alert, alerts per group, overall). */
export function reduction(n: NoiseReduction) {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    perAlert: ratio(n.rawEvents, n.alerts),
    perGroup: ratio(n.alerts, n.groups),
    overall: n.rawEvents > 0 ? 1 - n.groups / n.rawEvents : null,
  };
}

/** The funnel raw events → alerts → groups. */
export function funnelOption(
  n: NoiseReduction,
  names: { raw: string; alerts: string; groups: string },
): ChartOption {
  const max = Math.max(n.rawEvents, 1);
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'descending',
        minSize: '8%',
        max,
        label: { show: true, position: 'inside', formatter: '{b}\n{c}' },
        data: [
          { name: names.raw, value: n.rawEvents },
          { name: names.alerts, value: n.alerts },
          { name: names.groups, value: n.groups },
        ],
      },
    ],
  };
}

/** A duration in seconds as `2h 5m`, `3m 20s`, `45s`; a dash when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${r}s`;
  return `${r}s`;
}

/** A ratio 0–1 as a percentage with one decimal; a dash when unknown. */
export const percent = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

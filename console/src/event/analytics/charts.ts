/** ECharts options of the analytics page, built from the analytics answers (pure, tested). */
import type { ChartOption } from '../../app/Chart';
import type { NoiseReduction, Series, TopEntry } from '../pendingApi';

/** What a bucketed chart needs of an analytics answer: the bucket starts and one series per key. */
export interface Bucketed {
  buckets: string[];
  series: Series[];
}

const totalOf = (s: Series) => s.total ?? s.data.reduce<number>((sum, v) => sum + (v ?? 0), 0);

/** The series keys in a fixed order (`order` first, then the rest by total, largest first). */
export function seriesKeys(answer: Bucketed, order: readonly string[] = []): string[] {
  const totals = new Map(answer.series.map((s) => [s.key, totalOf(s)] as const));
  const known = order.filter((k) => totals.has(k));
  const rest = [...totals.keys()]
    .filter((k) => !order.includes(k))
    .sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  return [...known, ...rest];
}

/** Stacked bars over the buckets, one series per key; a missing value counts 0. */
export function stackedOption(
  answer: Bucketed,
  label: (key: string, name?: string | null) => string,
  options: { order?: readonly string[]; colors?: Record<string, string>; timeLabel: (at: string) => string },
): ChartOption {
  const byKey = new Map(answer.series.map((s) => [s.key, s]));
  const keys = seriesKeys(answer, options.order);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: answer.buckets.map(options.timeLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k) => ({
      name: label(k, byKey.get(k)?.name),
      type: 'bar',
      stack: 'total',
      itemStyle: options.colors?.[k] ? { color: options.colors[k] } : undefined,
      data: answer.buckets.map((_, i) => byKey.get(k)?.data[i] ?? 0),
    })),
  };
}

/** Horizontal bars of the noisiest entries by raw events or alerts, the largest on top. */
export function topOption(
  entries: TopEntry[],
  label: (e: TopEntry) => string,
  metric: 'rawEvents' | 'alerts' = 'rawEvents',
): ChartOption {
  const sorted = entries.slice().sort((a, b) => a[metric] - b[metric]);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 140, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map(label), axisLabel: { width: 130, overflow: 'truncate' } },
    series: [{ type: 'bar', data: sorted.map((e) => e[metric]) }],
  };
}

type Reduction = Pick<
  NoiseReduction,
  'eventsPerAlert' | 'alertsPerGroup' | 'dedupReduction' | 'totalReduction' | 'groups'
>;

/** The server's compression ratios (raw events per alert, alerts per group, overall reduction). */
export function reduction(n: Reduction) {
  return {
    perAlert: n.eventsPerAlert ?? null,
    perGroup: n.groups.available ? (n.alertsPerGroup ?? null) : null,
    overall: (n.groups.available ? n.totalReduction : n.dedupReduction) ?? null,
  };
}

/** The funnel raw events → alerts → groups (groups only where the server has grouping). */
export function funnelOption(
  n: Pick<NoiseReduction, 'rawEvents' | 'alerts' | 'groups'>,
  names: { raw: string; alerts: string; groups: string },
): ChartOption {
  const max = Math.max(n.rawEvents, 1);
  const data = [
    { name: names.raw, value: n.rawEvents },
    { name: names.alerts, value: n.alerts },
  ];
  if (n.groups.available) data.push({ name: names.groups, value: n.groups.count ?? 0 });
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'descending',
        minSize: '8%',
        max,
        label: { show: true, position: 'inside', formatter: '{b}\n{c}' },
        data,
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

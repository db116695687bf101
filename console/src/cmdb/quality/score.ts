import type { ChartOption } from '../../app/Chart';
import type { QualityScore, QualityTrendPoint } from './api';

/** How a score reads: good from 90, fair from 70, else poor; none when there is no score. */
export type Grade = 'good' | 'fair' | 'poor' | 'none';

export function grade(score: number | null | undefined): Grade {
  if (score === null || score === undefined) return 'none';
  if (score >= 90) return 'good';
  if (score >= 70) return 'fair';
  return 'poor';
}

export const GRADE_COLORS: Record<Grade, string> = {
  good: '#52c41a',
  fair: '#faad14',
  poor: '#ff4d4f',
  none: '#d9d9d9',
};

/** `75.0` → `75.0`, null → `—`. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1);
}

/** Sorts rows worst first (rows without a score last), then by a name. */
export function worstFirst<T>(rows: T[], scoreOf: (row: T) => QualityScore, nameOf: (row: T) => string): T[] {
  const value = (row: T) => scoreOf(row).overall ?? Number.POSITIVE_INFINITY;
  return [...rows].sort((a, b) => value(a) - value(b) || nameOf(a).localeCompare(nameOf(b)));
}

/** The trend as an echarts line option: one series per score, days on the x axis. */
export function trendOption(
  points: QualityTrendPoint[],
  labels: { overall: string; completeness: string; freshness: string },
): ChartOption {
  const series = (key: 'overall' | 'completeness' | 'freshness', name: string) => ({
    name,
    type: 'line',
    smooth: true,
    connectNulls: false,
    data: points.map((p) => p.score[key] ?? null),
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: points.map((p) => p.day.slice(5)) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      series('overall', labels.overall),
      series('completeness', labels.completeness),
      series('freshness', labels.freshness),
    ],
  };
}

/** A team's display name from the team list when the user may read it, else a short id. */
export function ownerLabel(
  ownerTeamId: string | null | undefined,
  teams: { id: string; name: string }[] | undefined,
  none: string,
): string {
  if (!ownerTeamId) return none;
  const team = teams?.find((t) => t.id === ownerTeamId);
  return team ? team.name : ownerTeamId.slice(0, 8);
}

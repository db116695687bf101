import type { CalendarDayView } from '../../../api/admin';

export interface GridCell {
  /** `yyyy-MM-dd` */
  date: string;
  day: number;
  inMonth: boolean;
  /** Saturday or Sunday */
  weekend: boolean;
  info?: CalendarDayView;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * The weeks shown for a month (`month` 1–12), Monday first: from the Monday on or before the
 * 1st to the Sunday on or after the last day — 4 to 6 rows of 7 cells. Pure date arithmetic
 * in UTC, so the browser's time zone cannot shift a day.
 */
export function monthGrid(year: number, month: number): GridCell[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month, 0));
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const start = new Date(first.getTime() - offset * 86_400_000);
  const weeks: GridCell[][] = [];
  for (let cursor = start; cursor <= last;) {
    const week: GridCell[] = [];
    for (let i = 0; i < 7; i++) {
      const dow = cursor.getUTCDay();
      week.push({
        date: iso(cursor),
        day: cursor.getUTCDate(),
        inMonth: cursor.getUTCMonth() === month - 1,
        weekend: dow === 0 || dow === 6,
      });
      cursor = new Date(cursor.getTime() + 86_400_000);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The `from`/`to` (inclusive) dates to ask the server for, covering the whole grid. */
export function gridRange(weeks: GridCell[][]): { from: string; to: string } {
  return { from: weeks[0][0].date, to: weeks[weeks.length - 1][6].date };
}

/** The grid with each cell's day as the calendar sees it. */
export function withDays(weeks: GridCell[][], days: readonly CalendarDayView[] | undefined): GridCell[][] {
  const byDate = new Map((days ?? []).map((d) => [d.date, d]));
  return weeks.map((w) => w.map((c) => ({ ...c, info: byDate.get(c.date) })));
}

export type DayMark = 'holiday' | 'makeUpWorkday' | 'nonTrading' | 'trading' | 'workday' | 'rest';

/**
 * What a day is, most specific first: a holiday (节假日), a make-up workday (调休上班), on a
 * trading calendar a non-trading day (休市) or trading day, else a workday or a rest day.
 */
export function dayMark(info: CalendarDayView, trading: boolean): DayMark {
  if (info.holiday) return 'holiday';
  if (info.makeUpWorkday) return trading && !info.tradingDay ? 'nonTrading' : 'makeUpWorkday';
  if (trading) return info.tradingDay ? 'trading' : 'nonTrading';
  return info.workday ? 'workday' : 'rest';
}

/** Counts for the month's legend: only days inside the month. */
export function monthSummary(weeks: GridCell[][], trading: boolean): Record<DayMark, number> {
  const out: Record<DayMark, number> = {
    holiday: 0,
    makeUpWorkday: 0,
    nonTrading: 0,
    trading: 0,
    workday: 0,
    rest: 0,
  };
  for (const c of weeks.flat()) if (c.inMonth && c.info) out[dayMark(c.info, trading)]++;
  return out;
}

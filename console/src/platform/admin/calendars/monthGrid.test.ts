import { describe, expect, it } from 'vitest';
import type { CalendarDayView } from '../../../api/admin';
import { dayMark, gridRange, monthGrid, monthSummary, withDays } from './monthGrid';

const day = (date: string, over: Partial<CalendarDayView> = {}): CalendarDayView => ({
  date,
  workday: true,
  holiday: false,
  makeUpWorkday: false,
  tradingDay: false,
  sessions: [],
  ...over,
});

describe('monthGrid', () => {
  it('starts on the Monday before the 1st and ends on the Sunday after the last day', () => {
    // October 2025: the 1st is a Wednesday, the 31st a Friday
    const weeks = monthGrid(2025, 10);
    expect(weeks).toHaveLength(5);
    expect(gridRange(weeks)).toEqual({ from: '2025-09-29', to: '2025-11-02' });
    expect(weeks[0][2]).toMatchObject({ date: '2025-10-01', day: 1, inMonth: true, weekend: false });
    expect(weeks[0][0].inMonth).toBe(false);
    expect(weeks[0][5].weekend && weeks[0][6].weekend).toBe(true);
  });

  it('needs six rows when the month starts on a Sunday, four for a February from Monday', () => {
    expect(monthGrid(2026, 3)).toHaveLength(6); // 2026-03-01 is a Sunday
    const feb = monthGrid(2027, 2); // 2027-02-01 is a Monday, 28 days
    expect(feb).toHaveLength(4);
    expect(gridRange(feb)).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('handles leap years and year ends', () => {
    const feb = monthGrid(2024, 2);
    expect(feb.flat().filter((c) => c.inMonth)).toHaveLength(29);
    expect(gridRange(monthGrid(2025, 12)).to).toBe('2026-01-04');
  });

  it('puts every date of the month once, in order', () => {
    const dates = monthGrid(2026, 1)
      .flat()
      .map((c) => c.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('withDays and dayMark', () => {
  it('attaches the server days and classifies them', () => {
    const weeks = withDays(monthGrid(2025, 10), [
      day('2025-10-01', { workday: false, holiday: true, holidayName: '国庆节' }),
      day('2025-10-11', { makeUpWorkday: true }),
      day('2025-10-12', { workday: false }),
      day('2025-10-13'),
    ]);
    const cell = (d: string) => weeks.flat().find((c) => c.date === d)!;
    expect(cell('2025-10-01').info?.holidayName).toBe('国庆节');
    expect(dayMark(cell('2025-10-01').info!, false)).toBe('holiday');
    expect(dayMark(cell('2025-10-11').info!, false)).toBe('makeUpWorkday');
    expect(dayMark(cell('2025-10-12').info!, false)).toBe('rest');
    expect(dayMark(cell('2025-10-13').info!, false)).toBe('workday');
    expect(cell('2025-10-14').info).toBeUndefined();
    expect(monthSummary(weeks, false)).toMatchObject({ holiday: 1, makeUpWorkday: 1, rest: 1, workday: 1 });
  });

  it('on a trading calendar a make-up workday is still a non-trading day', () => {
    expect(dayMark(day('2025-10-11', { makeUpWorkday: true, tradingDay: false }), true)).toBe('nonTrading');
    expect(dayMark(day('2025-10-13', { tradingDay: true }), true)).toBe('trading');
    expect(dayMark(day('2025-10-18', { workday: false }), true)).toBe('nonTrading');
    expect(dayMark(day('2025-10-01', { holiday: true }), true)).toBe('holiday');
  });

  it('counts only days inside the month', () => {
    const weeks = withDays(monthGrid(2025, 10), [day('2025-09-29'), day('2025-10-02')]);
    expect(monthSummary(weeks, false).workday).toBe(1);
  });
});

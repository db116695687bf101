import { describe, expect, it } from 'vitest';
import type { AlertView } from './api';
import { memberAlert } from './groups/GroupDetailPage';
import { absentIfNull, query } from './pendingApi';
import { scheduleOf } from './silences/SilencesPage';

describe('pendingApi helpers', () => {
  it('repeats list parameters and leaves out empty ones, as the server reads them', () => {
    expect(query({ state: ['OPEN', 'PENDING'], businessSystem: undefined, limit: 50, q: '' })).toBe(
      '?state=OPEN&state=PENDING&limit=50',
    );
    expect(
      query({ by: 'severity', from: '2026-01-01T00:00:00Z', bucket: 'day', severity: ['CRITICAL'] }),
    ).toBe('?by=severity&from=2026-01-01T00%3A00%3A00Z&bucket=day&severity=CRITICAL');
    expect(query({})).toBe('');
  });

  it('turns a group member into a row with its symptom mark and holds', () => {
    const alert = { id: 7, summary: 'disk full' } as AlertView;
    expect(memberAlert({ alert, symptomOf: 3, heldBy: ['symptom:of alert #3'] })).toMatchObject({
      id: 7,
      summary: 'disk full',
      symptomOf: 3,
      heldBy: ['symptom:of alert #3'],
    });
  });

  it('builds a weekly or a cron schedule from the window form', () => {
    expect(
      scheduleOf({
        mode: 'weekly',
        days: ['SATURDAY'],
        from: '22:00',
        to: '06:00',
        calendarDays: null,
        zone: '',
      }),
    ).toEqual({
      zone: null,
      calendar: null,
      calendarDays: null,
      days: ['SATURDAY'],
      from: '22:00',
      to: '06:00',
    });
    expect(
      scheduleOf({
        mode: 'cron',
        days: ['MONDAY'],
        cron: '0 0 22 * * SAT',
        duration: 'PT8H',
        calendar: 'CN-A',
        calendarDays: 'TRADING',
        zone: 'Asia/Shanghai',
      }),
    ).toEqual({
      zone: 'Asia/Shanghai',
      calendar: 'CN-A',
      calendarDays: 'TRADING',
      cron: '0 0 22 * * SAT',
      duration: 'PT8H',
    });
  });
});

describe('absentIfNull', () => {
  it('leaves null fields out and keeps every other value, falsy ones too', () => {
    const body = absentIfNull({
      ciId: null,
      matchers: [],
      enabled: false,
      limit: 0,
      comment: '',
      zone: 'UTC',
    });
    expect(body).toEqual({ matchers: [], enabled: false, limit: 0, comment: '', zone: 'UTC' });
    expect('ciId' in body).toBe(false);
    expect(JSON.stringify(absentIfNull({ a: null, b: undefined, c: 1 }))).toBe('{"c":1}');
  });
});

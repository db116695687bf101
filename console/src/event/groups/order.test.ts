import { describe, expect, it } from 'vitest';
import type { LiveAlert } from '../pendingApi';
import { orderGroupAlerts } from './GroupDetailPage';

const a = (id: number, severity: string, firstSeen: string, symptomOf?: number) =>
  ({ id, severity, firstSeen, symptomOf }) as LiveAlert;

describe('orderGroupAlerts', () => {
  it('puts the root cause first, its symptoms next, then by severity and time', () => {
    const alerts = [
      a(1, 'WARNING', '2026-01-01T00:00:03Z'),
      a(2, 'CRITICAL', '2026-01-01T00:00:02Z', 5),
      a(3, 'CRITICAL', '2026-01-01T00:00:01Z'),
      a(5, 'MAJOR', '2026-01-01T00:00:00Z'),
      a(4, 'WARNING', '2026-01-01T00:00:01Z', 5),
    ];
    expect(orderGroupAlerts(alerts, 5).map((x) => x.id)).toEqual([5, 2, 4, 3, 1]);
    expect(orderGroupAlerts(alerts).map((x) => x.id)).toEqual([3, 2, 5, 4, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { silenceState, sortSilences } from './logic';

const now = Date.parse('2026-03-01T12:00:00Z');
const s = (startsAt: string, endsAt: string, status?: string) => ({ startsAt, endsAt, status });

describe('silences', () => {
  it('derives the state from the times unless the server says it', () => {
    expect(silenceState(s('2026-03-01T11:00:00Z', '2026-03-01T13:00:00Z'), now)).toBe('active');
    expect(silenceState(s('2026-03-01T13:00:00Z', '2026-03-01T14:00:00Z'), now)).toBe('pending');
    expect(silenceState(s('2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'), now)).toBe('expired');
    expect(silenceState(s('2026-03-01T11:00:00Z', '2026-03-01T13:00:00Z', 'EXPIRED'), now)).toBe('expired');
  });

  it('sorts active, pending, expired', () => {
    const list = [
      s('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z'),
      s('2026-03-01T13:00:00Z', '2026-03-01T14:00:00Z'),
      s('2026-03-01T11:00:00Z', '2026-03-02T00:00:00Z'),
      s('2026-03-01T11:00:00Z', '2026-03-01T13:00:00Z'),
    ];
    expect(sortSilences(list, now).map((x) => silenceState(x, now) + x.endsAt.slice(11, 13))).toEqual([
      'active13',
      'active00',
      'pending14',
      'expired11',
    ]);
  });
});

import type { Silence } from '../pendingApi';

export type SilenceState = 'active' | 'pending' | 'expired';

/** A silence's state: the server's when it says one, else from its times (as Alertmanager decides). */
export function silenceState(s: Pick<Silence, 'status' | 'startsAt' | 'endsAt'>, now: number): SilenceState {
  const said = s.status?.toLowerCase();
  if (said === 'active' || said === 'pending' || said === 'expired') return said;
  if (Date.parse(s.endsAt) <= now) return 'expired';
  if (Date.parse(s.startsAt) > now) return 'pending';
  return 'active';
}

/** Active first (ending soonest first), then pending (starting soonest), then expired (latest first). */
export function sortSilences<T extends Pick<Silence, 'status' | 'startsAt' | 'endsAt'>>(
  list: T[],
  now: number,
): T[] {
  const rank = { active: 0, pending: 1, expired: 2 };
  return list
    .map((s) => ({ s, state: silenceState(s, now) }))
    .sort((a, b) => {
      if (a.state !== b.state) return rank[a.state] - rank[b.state];
      if (a.state === 'active') return Date.parse(a.s.endsAt) - Date.parse(b.s.endsAt);
      if (a.state === 'pending') return Date.parse(a.s.startsAt) - Date.parse(b.s.startsAt);
      return Date.parse(b.s.endsAt) - Date.parse(a.s.endsAt);
    })
    .map(({ s }) => s);
}

import type { ListenerEndpoint, ListenerStatus } from '../api';

/** The listeners the server has, in the order it lists them. */
export const LISTENER_PROTOCOLS = ['syslog', 'snmp'] as const;

/** Rejected messages per reason, most frequent first (ties by reason), without zero counts. */
export function rejectionsByReason(
  byReason: Record<string, number> | undefined,
): { reason: string; count: number }[] {
  return Object.entries(byReason ?? {})
    .filter(([, n]) => n > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** `listening`, `failed` (the bind error is known) or `stopped`. */
export function endpointState(endpoint: ListenerEndpoint): 'listening' | 'failed' | 'stopped' {
  if (endpoint.running) return 'listening';
  return endpoint.error ? 'failed' : 'stopped';
}

/**
 * The listener's overall state: `disabled` by configuration, `failed` when no endpoint
 * listens, `partial` when some do, else `listening`.
 */
export function listenerState(status: ListenerStatus): 'disabled' | 'failed' | 'partial' | 'listening' {
  if (!status.enabled) return 'disabled';
  const endpoints = status.endpoints ?? [];
  const up = endpoints.filter((e) => e.running).length;
  if (up === 0) return 'failed';
  return up < endpoints.length ? 'partial' : 'listening';
}

/**
 * Keeping the alert list live: the server's event stream (SSE) when it offers one, else a poll
 * every 10 s. The transport decisions are a pure reducer (tested); useLiveAlerts wires it to
 * EventSource and timers.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { AlertView } from './api';
import { STREAM_EVENTS, STREAM_RESET, STREAM_URL } from './pendingApi';

export const POLL_INTERVAL_MS = 10_000;
/** Failures of an opened stream (EventSource reconnects itself) before polling takes over. */
export const MAX_STREAM_FAILURES = 3;

export type LiveMode = 'connecting' | 'live' | 'reconnecting' | 'polling';

export interface LiveState {
  mode: LiveMode;
  /** the stream opened at least once: an error then is a broken connection, not a missing endpoint */
  opened: boolean;
  failures: number;
  lastEventAt?: number;
}

export type LiveAction =
  | { type: 'unsupported' }
  | { type: 'open' }
  | { type: 'error' }
  | { type: 'event'; at: number }
  | { type: 'retry' };

export const initialLive: LiveState = { mode: 'connecting', opened: false, failures: 0 };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'unsupported':
      return { ...state, mode: 'polling' };
    case 'open':
      return state.mode === 'polling' ? state : { ...state, mode: 'live', opened: true, failures: 0 };
    case 'error': {
      if (state.mode === 'polling') return state;
      // never opened: the server has no stream (404) or refuses it — poll instead
      if (!state.opened) return { ...state, mode: 'polling' };
      const failures = state.failures + 1;
      return { ...state, failures, mode: failures >= MAX_STREAM_FAILURES ? 'polling' : 'reconnecting' };
    }
    case 'event':
      return state.mode === 'polling'
        ? state
        : { ...state, mode: 'live', failures: 0, opened: true, lastEventAt: action.at };
    case 'retry':
      return initialLive;
  }
}

export type AlertEventKind = 'opened' | 'updated' | 'resolved';

export interface AlertEvent {
  kind: AlertEventKind;
  alert: AlertView;
}

/** One SSE message as an alert event (data: an AlertView or `{alert, type}`); null if it is none. */
export function parseStreamEvent(eventName: string, data: string): AlertEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const o = parsed as Record<string, unknown>;
  const alert = (o.alert && typeof o.alert === 'object' ? o.alert : o) as AlertView;
  if (typeof alert.id !== 'number') return null;
  const name = typeof o.type === 'string' && eventName === 'message' ? o.type : eventName;
  const kind = /opened$/i.test(name) ? 'opened' : /resolved$/i.test(name) ? 'resolved' : 'updated';
  return { kind, alert };
}

/**
 * The list after an event: a shown alert is replaced (unless the event is older than what is
 * shown); an alert not shown asks for a refetch, since only the server knows whether it
 * passes the filters.
 */
export function applyAlertEvent(
  pages: { items: AlertView[] }[],
  event: AlertEvent,
): { pages: { items: AlertView[] }[]; refetch: boolean } {
  let found = false;
  const next = pages.map((page) => {
    const index = page.items.findIndex((a) => a.id === event.alert.id);
    if (index < 0) return page;
    found = true;
    if ((event.alert.version ?? 0) < (page.items[index].version ?? 0)) return page;
    const items = page.items.slice();
    items[index] = { ...page.items[index], ...event.alert };
    return { ...page, items };
  });
  return { pages: found ? next : pages, refetch: !found };
}

/**
 * Subscribes to the event stream; `onEvent` gets each alert event, `onPoll` is called every
 * 10 s while polling and when the stream says events were missed (`reset`). Answers the transport state and a `retry` to try the stream again.
 */
export function useLiveAlerts(onEvent: (e: AlertEvent) => void, onPoll: () => void) {
  const [state, dispatch] = useReducer(liveReducer, initialLive);
  const handlers = useRef({ onEvent, onPoll });
  handlers.current = { onEvent, onPoll };
  const [attempt, bump] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      dispatch({ type: 'unsupported' });
      return;
    }
    const source = new EventSource(STREAM_URL, { withCredentials: true });
    let live = true;
    const local = { opened: false, failures: 0 };
    source.onopen = () => {
      local.opened = true;
      local.failures = 0;
      dispatch({ type: 'open' });
    };
    source.onerror = () => {
      dispatch({ type: 'error' });
      // mirror the reducer's decision to stop the browser's own reconnecting
      local.failures++;
      if (!local.opened || local.failures >= MAX_STREAM_FAILURES) {
        live = false;
        source.close();
      }
    };
    const listener = (name: string) => (e: MessageEvent<string>) => {
      if (!live) return;
      const event = parseStreamEvent(name, e.data);
      if (event) {
        local.opened = true;
        local.failures = 0;
        dispatch({ type: 'event', at: Date.now() });
        handlers.current.onEvent(event);
      }
    };
    // the server lost track of what this client missed (restart, overflow): reload the list
    const reset = () => {
      if (live) handlers.current.onPoll();
    };
    const names = [...STREAM_EVENTS, 'message'];
    const listeners = [
      ...names.map((name) => [name, listener(name)] as const),
      [STREAM_RESET, reset] as const,
    ];
    for (const [name, l] of listeners) source.addEventListener(name, l as EventListener);
    return () => {
      live = false;
      for (const [name, l] of listeners) source.removeEventListener(name, l as EventListener);
      source.close();
    };
  }, [attempt]);

  useEffect(() => {
    if (state.mode !== 'polling') return;
    const timer = setInterval(() => handlers.current.onPoll(), POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [state.mode]);

  const retry = useCallback(() => {
    dispatch({ type: 'retry' });
    bump();
  }, []);
  return { state, retry };
}

import { describe, expect, it } from 'vitest';
import type { AlertView } from './api';
import {
  applyAlertEvent,
  initialLive,
  liveReducer,
  MAX_STREAM_FAILURES,
  parseStreamEvent,
  type LiveAction,
  type LiveState,
} from './live';

const run = (actions: LiveAction[], from: LiveState = initialLive) => actions.reduce(liveReducer, from);

const alert = (id: number, version = 1, summary = `a${id}`) => ({ id, version, summary }) as AlertView;

describe('liveReducer', () => {
  it('goes live when the stream opens and polls when it fails before opening (no stream on the server)', () => {
    expect(run([{ type: 'open' }]).mode).toBe('live');
    expect(run([{ type: 'error' }]).mode).toBe('polling');
    expect(run([{ type: 'unsupported' }]).mode).toBe('polling');
  });

  it('reconnects a broken live stream, then polls after repeated failures', () => {
    const once = run([{ type: 'open' }, { type: 'error' }]);
    expect(once.mode).toBe('reconnecting');
    expect(run([{ type: 'open' }]).failures).toBe(0);
    const errors = Array.from({ length: MAX_STREAM_FAILURES }, () => ({ type: 'error' }) as const);
    expect(run([{ type: 'open' }, ...errors]).mode).toBe('polling');
    // a successful reopen in between resets the count
    expect(run([{ type: 'open' }, { type: 'error' }, { type: 'open' }, { type: 'error' }]).mode).toBe(
      'reconnecting',
    );
  });

  it('stays polling until retried', () => {
    const polling = run([{ type: 'error' }]);
    expect(run([{ type: 'open' }, { type: 'event', at: 5 }], polling).mode).toBe('polling');
    expect(run([{ type: 'retry' }], polling)).toEqual(initialLive);
  });

  it('records when the last event came', () => {
    expect(run([{ type: 'open' }, { type: 'event', at: 42 }]).lastEventAt).toBe(42);
  });
});

describe('parseStreamEvent', () => {
  it('reads an alert or an {alert} wrapper, the kind from the event name or its type', () => {
    expect(parseStreamEvent('alert.opened', JSON.stringify(alert(1)))).toEqual({
      kind: 'opened',
      alert: alert(1),
    });
    expect(parseStreamEvent('message', JSON.stringify({ type: 'alert.resolved', alert: alert(2) }))).toEqual({
      kind: 'resolved',
      alert: alert(2),
    });
    expect(parseStreamEvent('alert.updated', JSON.stringify({ alert: alert(3) }))?.kind).toBe('updated');
  });

  it('ignores what is not an alert', () => {
    expect(parseStreamEvent('alert.opened', 'not json')).toBeNull();
    expect(parseStreamEvent('alert.opened', '{"hello":1}')).toBeNull();
    expect(parseStreamEvent('alert.opened', '3')).toBeNull();
  });
});

describe('applyAlertEvent', () => {
  const pages = [{ items: [alert(1), alert(2, 3)] }, { items: [alert(5)] }];

  it('replaces a shown alert in place', () => {
    const r = applyAlertEvent(pages, { kind: 'updated', alert: alert(5, 2, 'changed') });
    expect(r.refetch).toBe(false);
    expect(r.pages[1].items[0].summary).toBe('changed');
    expect(r.pages[0]).toBe(pages[0]);
  });

  it('keeps a newer shown version over an older event', () => {
    const r = applyAlertEvent(pages, { kind: 'updated', alert: alert(2, 2, 'old') });
    expect(r.pages[0].items[1].summary).toBe('a2');
    expect(r.refetch).toBe(false);
  });

  it('asks for a refetch for an alert it does not show', () => {
    const r = applyAlertEvent(pages, { kind: 'opened', alert: alert(9) });
    expect(r).toEqual({ pages, refetch: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from './api';
import { timelineItems, titleParams } from './timeline';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const received = (s: number, outcome: string, status = 'FIRING'): TimelineEntry => ({
  at: at(s),
  kind: 'RECEIVED',
  actor: 'source',
  detail: { outcome, status },
});

describe('timelineItems', () => {
  it('orders by time, newest first, and folds runs of duplicates', () => {
    const items = timelineItems([
      received(0, 'CREATED'),
      { at: at(0), kind: 'STATE_CHANGED', actor: 'source', toState: 'OPEN' },
      received(30, 'DUPLICATE'),
      received(60, 'DUPLICATE'),
      received(90, 'DUPLICATE'),
      { at: at(100), kind: 'COMMENTED', actor: 'li.lei', detail: { text: 'looking' } },
      received(120, 'DUPLICATE'),
    ]);
    expect(items.map((i) => [i.titleKey, i.count])).toEqual([
      ['event.timeline.received.DUPLICATE', 1],
      ['event.timeline.kinds.COMMENTED', 1],
      ['event.timeline.received.DUPLICATE', 3],
      ['event.timeline.stateSet', 1],
      ['event.timeline.received.CREATED', 1],
    ]);
    expect(items[2]).toMatchObject({ at: at(30), until: at(90), color: 'gray' });
    expect(items[1].text).toBe('looking');
  });

  it('keeps the server order for entries of the same instant when oldest first', () => {
    const items = timelineItems(
      [received(0, 'CREATED'), { at: at(0), kind: 'ENRICHED', detail: { ciId: 'c1', rule: 'host' } }],
      true,
    );
    expect(items.map((i) => i.kind)).toEqual(['RECEIVED', 'ENRICHED']);
    expect(items[1]).toMatchObject({ ciId: 'c1', params: { rule: 'host' }, color: 'cyan' });
  });

  it('maps state changes, assignments and suppression with their details', () => {
    const [resolved, assigned, unassigned, suppressed] = timelineItems(
      [
        {
          at: at(1),
          kind: 'STATE_CHANGED',
          actor: 'han.mei',
          fromState: 'OPEN',
          toState: 'RESOLVED',
          detail: { comment: 'fixed' },
        },
        { at: at(2), kind: 'ASSIGNED', actor: 'han.mei', detail: { user: 'li.lei', team: null } },
        { at: at(3), kind: 'ASSIGNED', actor: 'han.mei', detail: { user: null, team: null } },
        { at: at(4), kind: 'SUPPRESSED', actor: 'system', detail: { reason: 'silence:abc' } },
      ],
      true,
    );
    expect(resolved).toMatchObject({
      color: 'green',
      params: { from: 'OPEN', to: 'RESOLVED' },
      text: 'fixed',
      actor: 'han.mei',
    });
    expect(assigned).toMatchObject({
      titleKey: 'event.timeline.kinds.ASSIGNED',
      params: { assignee: 'li.lei' },
    });
    expect(unassigned.titleKey).toBe('event.timeline.unassigned');
    expect(suppressed).toMatchObject({ text: 'silence:abc', color: 'gray' });
  });

  it('does not fold duplicates of a different status, and shows unknown kinds by name', () => {
    const items = timelineItems(
      [received(0, 'DUPLICATE'), received(1, 'DUPLICATE', 'RESOLVED'), { at: at(2), kind: 'ESCALATED' }],
      true,
    );
    expect(items).toHaveLength(3);
    expect(items[2]).toMatchObject({ titleKey: 'event.timeline.kinds.other', params: { kind: 'ESCALATED' } });
  });
});

describe('timeline titles', () => {
  it("name the lifecycle states in the reader's language, and leave other parameters as they are", () => {
    const [changed] = timelineItems([
      { at: at(1), kind: 'STATE_CHANGED', actor: 'han.mei', fromState: 'OPEN', toState: 'ACKNOWLEDGED' },
    ]);
    const zh: Record<string, string> = { 'event.state.OPEN': '未处理', 'event.state.ACKNOWLEDGED': '已确认' };
    const t = (key: string, o: { defaultValue: string }) => zh[key] ?? o.defaultValue;
    expect(titleParams(changed, t)).toEqual({ from: '未处理', to: '已确认' });
    const [created] = timelineItems([received(0, 'CREATED')]);
    expect(titleParams(created, t)).toEqual({ status: 'FIRING' });
  });
});

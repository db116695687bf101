import { describe, expect, it } from 'vitest';
import type { CriterionAnswer, Framework, FrameworkNode } from './api';
import {
  criterionOwners,
  flatten,
  levelOf,
  linkHref,
  needsOverrideReason,
  pick,
  progress,
  radarOption,
} from './logic';

const t = { zh: '文', en: 'text' };
const c = (id: string) => ({ id, point: 'a', clause: id, summary: t });
const item: FrameworkNode = {
  id: 'X.1.1',
  kind: 'item',
  name: t,
  clause: 'X',
  children: [],
  levels: [
    { level: 1, criteria: [c('X.1.1.L1.a'), c('X.1.1.L1.b')] },
    { level: 2, criteria: [c('X.1.1.L2.c')] },
    { level: 3, criteria: [], sameAs: 2 },
  ],
};
const framework: Framework = {
  id: 'X',
  version: '1',
  title: t,
  source: '',
  scales: [],
  nodes: [{ id: 'X.1', kind: 'class', name: t, clause: 'X', children: [item], levels: [] }],
};
const answer = (a: Partial<CriterionAnswer>): CriterionAnswer => ({
  criterionId: 'x',
  answer: 'MET',
  links: [],
  source: 'MANUAL',
  attachments: [],
  ...a,
});

describe('maturity logic', () => {
  it('picks the language', () => {
    expect(pick(t, 'zh-CN')).toBe('文');
    expect(pick(t, 'en')).toBe('text');
    expect(pick(null, 'en')).toBe('');
  });

  it('flattens depth first and finds each criterion its node', () => {
    expect(flatten(framework.nodes).map((n) => [n.node.id, n.depth, n.parent])).toEqual([
      ['X.1', 0, null],
      ['X.1.1', 1, 'X.1'],
    ]);
    expect(criterionOwners(framework).get('X.1.1.L2.c')?.id).toBe('X.1.1');
  });

  it('scores like the server: contiguous levels, partly is not met, a repeated level needs nothing', () => {
    expect(levelOf(item, {})).toBe(0);
    expect(levelOf(item, { 'X.1.1.L1.a': 'MET', 'X.1.1.L1.b': 'PARTLY', 'X.1.1.L2.c': 'MET' })).toBe(0);
    expect(levelOf(item, { 'X.1.1.L1.a': 'MET', 'X.1.1.L1.b': 'NOT_APPLICABLE' })).toBe(1);
    expect(levelOf(item, { 'X.1.1.L1.a': 'MET', 'X.1.1.L1.b': 'MET', 'X.1.1.L2.c': 'MET' })).toBe(3);
  });

  it('counts progress below a node', () => {
    expect(progress(framework.nodes[0], { 'X.1.1.L1.a': answer({}) })).toEqual({ answered: 1, total: 3 });
  });

  it('asks for a reason only when the answer departs from an observing probe', () => {
    const probed = answer({ source: 'PROBE', probeId: 'p', probeVerdict: 'MET' });
    expect(needsOverrideReason(probed, 'MET')).toBe(false);
    expect(needsOverrideReason(probed, 'PARTLY')).toBe(true);
    expect(needsOverrideReason(answer({}), 'NOT_MET')).toBe(false);
    expect(needsOverrideReason(undefined, 'NOT_MET')).toBe(false);
  });

  it('builds a radar with per-axis maxima and the previous assessment when every axis has one', () => {
    const option = radarOption(
      [
        { nodeId: 'a', name: 'A', max: 3, score: 1.5, previous: 1 },
        { nodeId: 'b', name: 'B', max: 5, score: 4, previous: 2 },
      ],
      { now: 'now', previous: 'before' },
    );
    expect(option.radar.indicator).toEqual([
      { name: 'A', max: 3 },
      { name: 'B', max: 5 },
    ]);
    expect((option.series[0].data as unknown[]).length).toBe(2);
    const single = radarOption([{ nodeId: 'a', name: 'A', max: 3, score: 1, previous: null }], {
      now: 'n',
      previous: 'p',
    });
    expect((single.series[0].data as unknown[]).length).toBe(1);
  });

  it('turns evidence links into console routes, never outside addresses', () => {
    expect(linkHref('URL', '/admin/roles')).toBe('/admin/roles');
    expect(linkHref('URL', '//evil.example')).toBeNull();
    expect(linkHref('AUDIT_QUERY', 'action=platform.role.*')).toBe('/admin/audit?action=platform.role.*');
    expect(linkHref('ALERT_RULE', 'r1')).toBeNull();
  });
});

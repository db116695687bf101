import { describe, expect, it } from 'vitest';
import { businessViewLayout, graphOption, impactLayout, placeInColumns } from './graph';

describe('placeInColumns', () => {
  it('spreads each column around the middle, ordered by name, and drops dangling links', () => {
    const placed = placeInColumns(
      [
        { id: 'b', name: 'b-host', model: 'host', column: 1 },
        { id: 'a', name: 'a-host', model: 'host', column: 1 },
        { id: 's', name: 'app', model: 'application', column: 0 },
      ],
      [
        { source: 's', target: 'a', type: 'runs_on' },
        { source: 's', target: 'gone', type: 'runs_on' },
      ],
    );
    expect(placed.columns).toEqual([0, 1]);
    expect(placed.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['s', 0, 0],
      ['a', 220, -28],
      ['b', 220, 28],
    ]);
    expect(placed.links).toHaveLength(1);
  });
});

describe('impactLayout', () => {
  it('puts upstream hops to the left of the start', () => {
    const graph = {
      nodes: [
        { id: 'h', model: 'host', name: 'h', state: 'IN_USE' as const, depth: 0 },
        { id: 'a', model: 'application', name: 'a', state: 'IN_USE' as const, depth: 1 },
      ],
      edges: [{ id: 'r', type: 'runs_on', source: 'a', target: 'h' }],
    };
    expect(impactLayout(graph, true).nodes.find((n) => n.id === 'a')?.x).toBe(-220);
    expect(impactLayout(graph, false).nodes.find((n) => n.id === 'a')?.x).toBe(220);
  });
});

describe('businessViewLayout', () => {
  it('gives every layer its column in layer order', () => {
    const placed = businessViewLayout({
      system: 's',
      nodes: [
        { id: 'r', model: 'rack', name: 'r', state: 'IN_USE', layer: 'INFRASTRUCTURE' },
        { id: 's', model: 'business_system', name: '集中交易', state: 'IN_USE', layer: 'BUSINESS_SYSTEM' },
        { id: 'h', model: 'host', name: 'h', state: 'IN_USE', layer: 'HOST' },
      ],
      edges: [],
    });
    expect(Object.fromEntries(placed.nodes.map((n) => [n.id, n.x]))).toEqual({ s: 0, h: 880, r: 1100 });
  });
});

describe('graphOption', () => {
  it('colours nodes by model and enlarges the highlighted one', () => {
    const placed = placeInColumns(
      [
        { id: 'a', name: 'a', model: 'host', column: 0 },
        { id: 'b', name: 'b', model: 'application', column: 1 },
      ],
      [{ source: 'b', target: 'a', type: 'runs_on' }],
    );
    const option = graphOption(placed, (m) => m.toUpperCase(), 'a') as {
      series: {
        data: { id: string; category: number; symbolSize: number }[];
        categories: { name: string }[];
      }[];
    };
    const series = option.series[0];
    expect(series.categories.map((c) => c.name)).toEqual(['APPLICATION', 'HOST']);
    expect(series.data.find((d) => d.id === 'a')).toMatchObject({ category: 1, symbolSize: 26 });
    expect(series.data.find((d) => d.id === 'b')).toMatchObject({ category: 0, symbolSize: 16 });
  });
});

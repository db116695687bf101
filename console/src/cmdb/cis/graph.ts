import type { BusinessView, Layer, TopologyGraph } from './api';

export const LAYERS: Layer[] = [
  'BUSINESS_SYSTEM',
  'APPLICATION',
  'SERVICE',
  'INSTANCE',
  'HOST',
  'INFRASTRUCTURE',
];

export interface PlacedNode {
  id: string;
  name: string;
  model: string;
  column: number;
  x: number;
  y: number;
}

export interface PlacedGraph {
  nodes: PlacedNode[];
  links: { source: string; target: string; type: string }[];
  columns: number[];
}

const COLUMN_WIDTH = 220;
const ROW_HEIGHT = 56;

/**
 * Places nodes in columns (left to right) and spreads each column vertically around the middle,
 * ordered by name, so the picture reads like the layers it shows. Links whose ends are not both
 * placed are dropped.
 */
export function placeInColumns(
  items: { id: string; name: string; model: string; column: number }[],
  edges: { source: string; target: string; type: string }[],
): PlacedGraph {
  const byColumn = new Map<number, typeof items>();
  for (const item of items) {
    const list = byColumn.get(item.column) ?? [];
    list.push(item);
    byColumn.set(item.column, list);
  }
  const columns = [...byColumn.keys()].sort((a, b) => a - b);
  const nodes: PlacedNode[] = [];
  for (const column of columns) {
    const list = byColumn.get(column)!.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    list.forEach((item, i) => {
      nodes.push({ ...item, x: column * COLUMN_WIDTH, y: (i - (list.length - 1) / 2) * ROW_HEIGHT });
    });
  }
  const ids = new Set(nodes.map((n) => n.id));
  const links = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { nodes, links, columns };
}

/**
 * The impact graph: the start in the middle column, what it relies on to the right
 * (downstream) or what relies on it to the left (upstream), one column per hop.
 */
export function impactLayout(graph: TopologyGraph, upstream: boolean): PlacedGraph {
  return placeInColumns(
    graph.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      model: n.model,
      column: upstream ? -n.depth : n.depth,
    })),
    graph.edges,
  );
}

/** The business view: one column per layer, business system on the left. */
export function businessViewLayout(view: BusinessView): PlacedGraph {
  return placeInColumns(
    view.nodes.map((n) => ({ id: n.id, name: n.name, model: n.model, column: LAYERS.indexOf(n.layer) })),
    view.edges,
  );
}

/** An ECharts graph series option for a placed graph; `categories` name the node colours. */
export function graphOption(
  placed: PlacedGraph,
  modelName: (code: string) => string,
  highlight?: string,
): Record<string, unknown> {
  const models = [...new Set(placed.nodes.map((n) => n.model))].sort();
  return {
    tooltip: { formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
    legend: [{ data: models.map(modelName), bottom: 0 }],
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        draggable: true,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        label: { show: true, position: 'bottom', fontSize: 11 },
        lineStyle: { color: '#999', curveness: 0.1 },
        categories: models.map((m) => ({ name: modelName(m) })),
        data: placed.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          x: n.x,
          y: n.y,
          category: models.indexOf(n.model),
          symbolSize: n.id === highlight ? 26 : 16,
          tip: `${modelName(n.model)}: ${n.name}`,
        })),
        links: placed.links.map((l) => ({ source: l.source, target: l.target, value: l.type })),
        edgeLabel: { show: false },
      },
    ],
  };
}

/** Pure helpers of the maturity pages (tested in logic.test.ts). */
import type { Answer, CriterionAnswer, Framework, FrameworkNode, Indicator, Text } from './api';

/** The text in the UI language (zh… → Chinese, else English). */
export function pick(text: Text | null | undefined, language: string): string {
  if (!text) return '';
  return language.toLowerCase().startsWith('zh') ? text.zh : text.en;
}

/** The report language the server understands for a UI language. */
export function reportLang(language: string): 'zh-CN' | 'en' {
  return language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Every node depth first with its depth and parent, as the framework lists them. */
export function flatten(nodes: FrameworkNode[], depth = 0, parent: string | null = null) {
  const out: { node: FrameworkNode; depth: number; parent: string | null }[] = [];
  for (const node of nodes) {
    out.push({ node, depth, parent });
    out.push(...flatten(node.children, depth + 1, node.id));
  }
  return out;
}

/** The graded node a criterion belongs to, by criterion id. */
export function criterionOwners(framework: Framework): Map<string, FrameworkNode> {
  const owners = new Map<string, FrameworkNode>();
  for (const { node } of flatten(framework.nodes)) {
    for (const level of node.levels) for (const c of level.criteria) owners.set(c.id, node);
  }
  return owners;
}

/** Answered / total criteria below a node. */
export function progress(node: FrameworkNode, answers: Record<string, CriterionAnswer>) {
  let answered = 0;
  let total = 0;
  for (const { node: n } of flatten([node])) {
    for (const level of n.levels)
      for (const c of level.criteria) {
        total++;
        if (answers[c.id]?.answer) answered++;
      }
  }
  return { answered, total };
}

/**
 * The level a graded node reaches with these answers — the server's rule (Scoring.java):
 * every criterion of levels 1..N met or not applicable; partly and unanswered are not met.
 */
export function levelOf(node: FrameworkNode, answers: Record<string, Answer | null | undefined>): number {
  let reached = 0;
  for (const level of node.levels) {
    const met = level.criteria.every((c) => {
      const a = answers[c.id];
      return a === 'MET' || a === 'NOT_APPLICABLE';
    });
    if (!met) break;
    reached = level.level;
  }
  return reached;
}

/** Whether answering differently from the probe needs a reason. */
export function needsOverrideReason(current: CriterionAnswer | undefined, answer: Answer): boolean {
  if (!current?.probeId || !current.probeVerdict || current.probeVerdict === 'NOT_OBSERVABLE') return false;
  const probeAnswer: Answer = current.probeVerdict === 'MET' ? 'MET' : 'NOT_MET';
  return answer !== probeAnswer;
}

/** ECharts radar option: each axis scaled to its own top level; the previous run dashed. */
export function radarOption(indicators: Indicator[], labels: { now: string; previous: string }) {
  const hasPrevious = indicators.length > 0 && indicators.every((i) => i.previous != null);
  const series: Record<string, unknown>[] = [
    { name: labels.now, value: indicators.map((i) => i.score), areaStyle: { opacity: 0.25 } },
  ];
  if (hasPrevious)
    series.push({
      name: labels.previous,
      value: indicators.map((i) => i.previous ?? 0),
      lineStyle: { type: 'dashed' },
    });
  return {
    tooltip: {},
    legend: { bottom: 0, data: series.map((s) => s.name) },
    radar: { indicator: indicators.map((i) => ({ name: i.name, max: i.max })), radius: '62%' },
    series: [{ type: 'radar', data: series }],
  };
}

/** A link's target as a console route, or null when it has none (an alert rule before the event center). */
export function linkHref(type: string, target: string): string | null {
  switch (type) {
    case 'URL':
      return target.startsWith('/') && !target.startsWith('//') ? target : null;
    case 'CI':
      return `/cmdb/cis/${encodeURIComponent(target)}`;
    case 'AUDIT_QUERY':
      return `/admin/audit?${target}`;
    default:
      return null;
  }
}

/**
 * An alert's timeline (时间线) as antd Timeline items: one entry per thing that happened, in
 * time order, with runs of duplicate re-sends folded into one line ("received again × 12")
 * so a Prometheus re-sending every 30 s does not bury the state changes.
 */
import type { TimelineEntry } from './api';

export interface TimelineItem {
  at: string;
  /** the last entry folded into this one (for a run of duplicates) */
  until?: string;
  kind: string;
  color: string;
  /** i18n key of the title, with `params` */
  titleKey: string;
  params: Record<string, string>;
  /** free text to show under the title: a comment, a reason */
  text?: string;
  actor?: string;
  ciId?: string;
  count: number;
}

const KNOWN_KINDS = [
  'RECEIVED',
  'STATE_CHANGED',
  'ASSIGNED',
  'COMMENTED',
  'ENRICHED',
  'SUPPRESSED',
  'FLAPPING',
];
const OUTCOMES = ['CREATED', 'UPDATED', 'DUPLICATE', 'REOPENED', 'RESOLVED', 'IGNORED'];

const STATE_COLORS: Record<string, string> = {
  OPEN: 'red',
  ACKNOWLEDGED: 'blue',
  SUPPRESSED: 'gray',
  RESOLVED: 'green',
  CLOSED: 'green',
};

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function item(e: TimelineEntry): TimelineItem {
  const d = e.detail ?? {};
  const base = {
    at: e.at,
    kind: e.kind,
    actor: e.actor ?? undefined,
    count: 1,
    params: {} as Record<string, string>,
  };
  switch (e.kind) {
    case 'RECEIVED': {
      const outcome = str(d.outcome) ?? '';
      const status = str(d.status) ?? '';
      return {
        ...base,
        color:
          outcome === 'DUPLICATE' || outcome === 'IGNORED' ? 'gray' : status === 'RESOLVED' ? 'green' : 'red',
        titleKey: OUTCOMES.includes(outcome)
          ? `event.timeline.received.${outcome}`
          : 'event.timeline.kinds.RECEIVED',
        params: { status },
      };
    }
    case 'STATE_CHANGED':
      return {
        ...base,
        color: STATE_COLORS[e.toState ?? ''] ?? 'blue',
        titleKey: e.fromState ? 'event.timeline.kinds.STATE_CHANGED' : 'event.timeline.stateSet',
        params: { from: e.fromState ?? '', to: e.toState ?? '' },
        text: str(d.comment) ?? str(d.reason),
      };
    case 'ASSIGNED': {
      const user = str(d.user);
      const team = str(d.team);
      return {
        ...base,
        color: 'blue',
        titleKey: user || team ? 'event.timeline.kinds.ASSIGNED' : 'event.timeline.unassigned',
        params: { assignee: [user, team].filter(Boolean).join(' / ') },
      };
    }
    case 'COMMENTED':
      return {
        ...base,
        color: 'gray',
        titleKey: 'event.timeline.kinds.COMMENTED',
        text: str(d.text) ?? str(d.comment),
      };
    case 'ENRICHED':
      return {
        ...base,
        color: 'cyan',
        titleKey: 'event.timeline.kinds.ENRICHED',
        params: { rule: str(d.rule) ?? '' },
        ciId: str(d.ciId),
      };
    case 'SUPPRESSED':
      return { ...base, color: 'gray', titleKey: 'event.timeline.kinds.SUPPRESSED', text: str(d.reason) };
    case 'FLAPPING':
      return { ...base, color: 'orange', titleKey: 'event.timeline.kinds.FLAPPING' };
    default:
      return { ...base, color: 'gray', titleKey: 'event.timeline.kinds.other', params: { kind: e.kind } };
  }
}

const foldable = (i: TimelineItem) => i.titleKey === 'event.timeline.received.DUPLICATE';

/** The timeline in time order (newest first unless `oldestFirst`), duplicate runs folded. */
export function timelineItems(entries: readonly TimelineEntry[], oldestFirst = false): TimelineItem[] {
  const sorted = entries
    .map((e, index) => ({ e, index }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.index - b.index)
    .map(({ e }) => item(e));
  const out: TimelineItem[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && foldable(last) && foldable(i) && last.params.status === i.params.status) {
      last.count++;
      last.until = i.at;
    } else out.push(i);
  }
  return oldestFirst ? out : out.reverse();
}

export const isKnownKind = (kind: string) => KNOWN_KINDS.includes(kind);

/** The parameters of `item`'s title as shown: the lifecycle states (`from`, `to`) in the reader's language. */
export function titleParams(
  item: TimelineItem,
  t: (key: string, options: { defaultValue: string }) => string,
): Record<string, string> {
  const state = (s: string | undefined) => (s ? t(`event.state.${s}`, { defaultValue: s }) : s);
  const params = { ...item.params };
  if (params.from) params.from = state(params.from)!;
  if (params.to) params.to = state(params.to)!;
  return params;
}

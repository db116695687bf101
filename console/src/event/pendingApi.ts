/**
 * The event center endpoints that are being built alongside this console and are NOT in the
 * OpenAPI snapshot yet: grouping rules, groups, silences, maintenance windows, inhibit rules
 * (convergence), analytics, the live stream and manual alert reports (insight).
 *
 * Every shape here is an assumption written by hand; this file is the only place the pages
 * touch those endpoints, so adapting to the real server (or switching to the generated
 * schema) is a change to this one file. Pages show "not available on this server" when a
 * call answers 404/405/501 (see notAvailable).
 */
import { api, ApiError } from '../api/client';
import type { AlertView, Page, Severity } from './api';

const BASE = '/api/v1/events';
const id = (v: string | number) => encodeURIComponent(String(v));

/** True when the server does not offer the endpoint (yet): the page degrades instead of failing. */
export function notAvailable(error: unknown): boolean {
  return error instanceof ApiError && [404, 405, 501].includes(error.status);
}

/** A list answered as a bare array or as a page/wrapper (`items`, `alerts`): both accepted. */
export function itemsOf<T>(answer: unknown, key = 'items'): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (answer && typeof answer === 'object') {
    const o = answer as Record<string, unknown>;
    for (const k of [key, 'items', 'alerts']) if (Array.isArray(o[k])) return o[k] as T[];
  }
  return [];
}

/** An alert as the convergence helper extends it: `symptomOf` is the root alert's id. */
export type LiveAlert = AlertView & { symptomOf?: number | null; groupId?: string | null };

// ---------- grouping (告警组) ----------

export interface GroupingRule {
  id: string;
  name: string;
  position?: number;
  enabled: boolean;
  /** which alerts the rule groups (Alertmanager matcher strings) */
  matchers: string[];
  /** label names; `__ci__` and `__business_system__` group by CI / business system */
  groupBy: string[];
  /** Alertmanager durations: `30s`, `5m` */
  groupWait?: string | null;
  groupInterval?: string | null;
}
export type GroupingRuleDraft = Omit<GroupingRule, 'id'>;

export interface RootCause {
  alertId: number;
  summary?: string | null;
  ciId?: string | null;
  ciName?: string | null;
  /** why this alert is the probable root cause, in words */
  reasoning?: string | null;
  /** the topology path from the root cause's CI to the symptoms' (CI names or ids) */
  path?: string[] | null;
  confidence?: number | null;
}

export interface AlertGroup {
  id: string;
  ruleId?: string | null;
  ruleName?: string | null;
  state: string;
  labels: Record<string, string>;
  severity?: Severity | null;
  alertCount: number;
  openCount?: number | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  businessSystemId?: string | null;
  rootCause?: RootCause | null;
}

export interface AlertGroupDetail extends AlertGroup {
  alerts: LiveAlert[];
}

// ---------- silences (静默), maintenance windows (维护窗口), inhibition (抑制) ----------

export interface SilenceDraft {
  matchers: string[];
  startsAt: string;
  endsAt: string;
  comment: string;
}

export interface Silence extends SilenceDraft {
  id: string;
  createdBy?: string | null;
  createdAt?: string | null;
  /** `active`, `pending` or `expired`; derived from the times when the server leaves it out */
  state?: string | null;
}

export interface MaintenanceWindowDraft {
  name: string;
  enabled?: boolean;
  ciIds: string[];
  businessSystemIds: string[];
  matchers?: string[];
  startsAt: string;
  endsAt: string;
  /** `NONE`, `DAILY`, `WEEKLY`, `MONTHLY` */
  recurrence: string;
  comment?: string | null;
}

export interface MaintenanceWindow extends MaintenanceWindowDraft {
  id: string;
  createdBy?: string | null;
}

export interface InhibitRule {
  id: string;
  name: string;
  enabled: boolean;
  sourceMatchers: string[];
  targetMatchers: string[];
  equal: string[];
}
export type InhibitRuleDraft = Omit<InhibitRule, 'id'>;

// ---------- analytics (分析) ----------

export interface AnalyticsRange {
  from: string;
  to: string;
  /** bucket width: `1h`, `1d` */
  interval?: string;
}

/** Counts per time bucket, split by one dimension (`severity`, `source`, `ci`, `businessSystem`). */
export interface CountSeries {
  by: string;
  buckets: { at: string; counts: Record<string, number> }[];
}

export interface ResponseTimes {
  /** mean time to acknowledge / resolve, seconds (null when nothing was acknowledged / resolved) */
  mttaSeconds?: number | null;
  mttrSeconds?: number | null;
  acknowledged?: number | null;
  resolved?: number | null;
}

export interface NoiseReduction {
  rawEvents: number;
  alerts: number;
  groups: number;
}

export interface TopEntry {
  key: string;
  name?: string | null;
  count: number;
}

export interface Indicator {
  /** a ratio 0–1, null when there is nothing to measure */
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  definition?: string | null;
}

/** 异常报告及时率 (timelyReportRate) and 异常漏报率 (missedReportRate). */
export interface Indicators {
  timelyReportRate?: Indicator | null;
  missedReportRate?: Indicator | null;
}

/** A manual report (人工上报) of an alert. */
export interface AlertReport {
  summary: string;
  severity: Severity;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ciId?: string;
}

// ---------- the live stream ----------

export const STREAM_URL = `${BASE}/stream`;
/** SSE event names the stream sends, each with an AlertView (or `{alert}`) as data. */
export const STREAM_EVENTS = ['alert.opened', 'alert.updated', 'alert.resolved'] as const;

export const groupingApi = {
  rules: () => api<unknown>(`${BASE}/grouping-rules`).then((r) => itemsOf<GroupingRule>(r)),
  saveRule: (ruleId: string | undefined, draft: GroupingRuleDraft) =>
    ruleId
      ? api<GroupingRule>(`${BASE}/grouping-rules/${id(ruleId)}`, { method: 'PUT', body: draft })
      : api<GroupingRule>(`${BASE}/grouping-rules`, { method: 'POST', body: draft }),
  deleteRule: (ruleId: string) => api<void>(`${BASE}/grouping-rules/${id(ruleId)}`, { method: 'DELETE' }),
  groups: (query: { state?: string; q?: string; cursor?: string; limit?: number }) =>
    api<unknown>(`${BASE}/groups`, { query }).then((r) => ({
      items: itemsOf<AlertGroup>(r),
      nextCursor: (r as Page<AlertGroup>)?.nextCursor ?? null,
    })),
  group: (groupId: string) =>
    api<AlertGroupDetail>(`${BASE}/groups/${id(groupId)}`).then((g) => ({ ...g, alerts: g.alerts ?? [] })),
};

export const silencesApi = {
  list: () => api<unknown>(`${BASE}/silences`).then((r) => itemsOf<Silence>(r)),
  create: (draft: SilenceDraft) => api<Silence>(`${BASE}/silences`, { method: 'POST', body: draft }),
  update: (silenceId: string, draft: SilenceDraft) =>
    api<Silence>(`${BASE}/silences/${id(silenceId)}`, { method: 'PUT', body: draft }),
  expire: (silenceId: string) => api<unknown>(`${BASE}/silences/${id(silenceId)}/expire`, { method: 'POST' }),
  preview: (draft: Pick<SilenceDraft, 'matchers'> & Partial<SilenceDraft>, signal?: AbortSignal) =>
    api<unknown>(`${BASE}/silences/preview`, { method: 'POST', body: draft, signal }).then((r) =>
      itemsOf<LiveAlert>(r, 'alerts'),
    ),
  windows: () => api<unknown>(`${BASE}/maintenance-windows`).then((r) => itemsOf<MaintenanceWindow>(r)),
  saveWindow: (windowId: string | undefined, draft: MaintenanceWindowDraft) =>
    windowId
      ? api<MaintenanceWindow>(`${BASE}/maintenance-windows/${id(windowId)}`, { method: 'PUT', body: draft })
      : api<MaintenanceWindow>(`${BASE}/maintenance-windows`, { method: 'POST', body: draft }),
  deleteWindow: (windowId: string) =>
    api<void>(`${BASE}/maintenance-windows/${id(windowId)}`, { method: 'DELETE' }),
};

export const inhibitApi = {
  rules: () => api<unknown>(`${BASE}/inhibit-rules`).then((r) => itemsOf<InhibitRule>(r)),
  save: (ruleId: string | undefined, draft: InhibitRuleDraft) =>
    ruleId
      ? api<InhibitRule>(`${BASE}/inhibit-rules/${id(ruleId)}`, { method: 'PUT', body: draft })
      : api<InhibitRule>(`${BASE}/inhibit-rules`, { method: 'POST', body: draft }),
  remove: (ruleId: string) => api<void>(`${BASE}/inhibit-rules/${id(ruleId)}`, { method: 'DELETE' }),
};

export const analyticsApi = {
  counts: (by: string, range: AnalyticsRange) =>
    api<CountSeries>(`${BASE}/analytics/counts`, { query: { by, ...range } }),
  responseTimes: (range: AnalyticsRange) =>
    api<ResponseTimes>(`${BASE}/analytics/response-times`, { query: { ...range } }),
  noise: (range: AnalyticsRange) => api<NoiseReduction>(`${BASE}/analytics/noise`, { query: { ...range } }),
  top: (by: 'source' | 'rule', range: AnalyticsRange, limit = 10) =>
    api<unknown>(`${BASE}/analytics/top`, { query: { by, limit, ...range } }).then((r) =>
      itemsOf<TopEntry>(r),
    ),
  indicators: (range: AnalyticsRange) =>
    api<Indicators>(`${BASE}/analytics/indicators`, { query: { ...range } }),
};

export const reportApi = {
  report: (report: AlertReport) => api<AlertView>(`${BASE}/alerts`, { method: 'POST', body: report }),
};

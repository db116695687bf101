/**
 * The event center endpoints of convergence (grouping rules, groups with their root cause,
 * silences with preview, maintenance windows, inhibit rules, topology inhibition — server
 * package io.tianshu.event.convergence, docs/event-convergence.md) and of insight (analytics,
 * the live stream, manual reports — io.tianshu.event.analytics/stream/report,
 * docs/event-analytics.md).
 *
 * The types follow the server's records. The convergence ones are tied to the OpenAPI snapshot
 * by pendingApi.contract.test.ts; analytics and the manual report are not in the snapshot yet
 * and are written after the records (AnalyticsViews, ManualReports.ManualReport). Pages show
 * "not available on this server" when a call answers 404/405/501 (see notAvailable), so the
 * console still works against a server without these modules.
 */
import { api, ApiError } from '../api/client';
import type { components } from '../api/schema';
import type { AlertView, Page, Severity } from './api';

type Schemas = components['schemas'];

const BASE = '/api/v1/events';
const id = (v: string | number) => encodeURIComponent(String(v));

/** True when the server does not offer the endpoint: the page degrades instead of failing. */
export function notAvailable(error: unknown): boolean {
  return error instanceof ApiError && [404, 405, 501].includes(error.status);
}

/**
 * A request body without its null fields. The generated request types (schema.d.ts) know
 * absent fields only; the server's records read an absent field as they read null, so forms
 * that hold "no value" as null send it absent.
 */
export function absentIfNull<T extends object>(body: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
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

/**
 * An alert as a group shows it: `symptomOf` is the alert it is a topology symptom of,
 * `heldBy` the active suppression reasons (`silence:<id>`, `maintenance:<id>`, …).
 */
export type LiveAlert = AlertView & { symptomOf?: number | null; heldBy?: string[] | null };

// ---------- grouping (告警组) ----------

/**
 * The names `groupBy` takes besides labels: by CI, by business system, by severity, by
 * integration, and `...` (all labels). The same pseudo labels can be matched in `matchers`.
 */
export const GROUP_BY_SPECIAL = ['@ci', '@business_system', '@severity', '@integration', '...'] as const;

export interface GroupingRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  /** which alerts the rule takes (all must hold; empty takes every alert) */
  matchers: string[];
  /**
   * alternatives of label sets (OR-grouping): the first alternative whose labels the alert
   * has is used; the last one always applies
   */
  groupBy: string[][];
  /** keep trying the later rules after this one took an alert */
  continue: boolean;
  /** Alertmanager durations: `30s`, `5m` */
  groupWait?: string | null;
  groupInterval?: string | null;
  description?: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a client sends (generated from the server's `GroupingRule.Draft`); `position` defaults
 * to after the last rule, waits to 30s / 5m.
 */
export type GroupingRuleDraft = Schemas['GroupingRuleDraft'];

/** One step of a root cause's evidence: a CI and the relation type that led to it. */
export interface PathStep {
  ciId?: string | null;
  name?: string | null;
  model?: string | null;
  relation?: string | null;
}

export interface RootCause {
  alertId: number;
  summary?: string | null;
  ciId?: string | null;
  ciName?: string | null;
  /** `topology` (upstream-most active alert) or `severity` (no relation explains the group) */
  basis: string;
  /** one sentence saying why */
  explanation: string;
  /** how many of the group's active alerts it explains */
  explains: number;
  /** from a group alert's CI to the root cause's CI (empty for `severity`) */
  path: PathStep[];
}

export const GROUP_STATES = ['PENDING', 'OPEN', 'RESOLVED'] as const;

export interface AlertGroup {
  id: string;
  ruleId?: string | null;
  ruleName?: string | null;
  groupLabels: Record<string, string>;
  /** `PENDING` (waiting out groupWait), `OPEN`, `RESOLVED` */
  state: string;
  severity?: Severity | null;
  businessSystemId?: string | null;
  rootCauseAlertId?: number | null;
  alertCount: number;
  activeCount: number;
  createdAt: string;
  notifiedAt?: string | null;
  lastNotifiedAt?: string | null;
  resolvedAt?: string | null;
}

/** One alert of a group: the alert, what it is a symptom of, and what holds it. */
export interface GroupMember {
  alert: AlertView;
  symptomOf: number | null;
  heldBy: string[];
}

/** A group, its probable root cause (null without alerts), its first 500 of `alertTotal` alerts. */
export interface AlertGroupDetail {
  group: AlertGroup;
  rootCause: RootCause | null;
  alerts: GroupMember[];
  alertTotal: number;
}

/** What convergence did to one alert (`GET /alerts/{id}/convergence`). */
export interface AlertConvergence {
  alertId: number;
  symptomOf: number | null;
  /** from this alert's CI to the cause's CI */
  symptomPath: PathStep[] | null;
  symptoms: number[];
  groupIds: string[];
  heldBy: string[];
  records: Record<string, unknown>[];
}

export interface GroupFilters {
  state?: string[];
  businessSystem?: string;
  severity?: string[];
  cursor?: string;
  limit?: number;
}

// ---------- silences (静默), maintenance windows (维护窗口), inhibition (抑制) ----------

/**
 * At least one matcher or a CI / business system; `startsAt` defaults to now; a comment is
 * required (generated from the server's `Silence.Draft`).
 */
export type SilenceDraft = Schemas['SilenceDraft'];

export interface Silence {
  id: string;
  matchers: string[];
  ciId?: string | null;
  businessSystemId?: string | null;
  startsAt: string;
  endsAt: string;
  createdBy?: string | null;
  comment: string;
  /** `pending`, `active` or `expired` */
  status?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

/** The scope to preview and how many alerts to list (1–200, default 20); `Silence.PreviewRequest`. */
export type SilencePreviewRequest = Schemas['PreviewRequest'];

/** The open alerts a silence would match now: how many and the newest `limit`. */
export interface SilencePreview {
  count: number;
  alerts: AlertView[];
}

export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export const CALENDAR_DAYS = ['TRADING', 'NON_TRADING', 'WORKDAY', 'NON_WORKDAY', 'HOLIDAY'] as const;

/**
 * When a window is active, in `zone` (default Asia/Shanghai): weekly on `days` (all when
 * empty) from `from` to `to` (`HH:mm`; both absent: the whole day) — or `cron` (six fields)
 * starting windows of `duration` (ISO 8601, `PT2H`); optionally only on `calendarDays` of a
 * `calendar`.
 */
export interface WindowSchedule {
  zone?: string | null;
  days?: (typeof WEEKDAYS)[number][] | null;
  from?: string | null;
  to?: string | null;
  cron?: string | null;
  duration?: string | null;
  calendar?: string | null;
  calendarDays?: (typeof CALENDAR_DAYS)[number] | null;
}

/**
 * A scope (a CI, a business system and/or matchers — at least one) and a schedule (generated
 * from the server's `MaintenanceWindow.Draft`).
 */
export type MaintenanceWindowDraft = Schemas['MaintenanceWindowDraft'];

export interface MaintenanceWindow {
  id: string;
  name: string;
  enabled: boolean;
  matchers: string[];
  ciId?: string | null;
  businessSystemId?: string | null;
  schedule: WindowSchedule;
  validFrom?: string | null;
  validUntil?: string | null;
  comment?: string | null;
  createdBy?: string | null;
  /** evaluated at the time of the answer */
  activeNow: boolean;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export interface InhibitRule {
  id: string;
  name: string;
  enabled: boolean;
  sourceMatchers: string[];
  targetMatchers: string[];
  equal: string[];
  createdAt?: string | null;
  updatedAt?: string | null;
}
/** Generated from the server's `InhibitRule.Draft`. */
export type InhibitRuleDraft = Schemas['InhibitRuleDraft'];

/** 拓扑抑制: `MARK` only marks symptoms, `SUPPRESS` also suppresses them until the cause resolves. */
export interface TopologyInhibition {
  enabled: boolean;
  minSeverity: Severity;
  mode: 'MARK' | 'SUPPRESS';
  relationTypes: string[];
  maxDepth: number;
  updatedAt?: string | null;
}
/** Changes the given fields; absent ones keep their values (the server's `TopologyInhibition.Draft`). */
export type TopologyInhibitionDraft = Schemas['TopologyInhibitionDraft'];

// ---------- analytics (分析) ----------

/** Every analytics call: ISO instants (default the last 24 h), `hour`/`day` buckets, a time zone. */
export interface AnalyticsRange {
  from?: string;
  to?: string;
  bucket?: 'hour' | 'day';
  tz?: string;
}

/** Filters of counts, response times and indicators. */
export interface AnalyticsFilter {
  severity?: string[];
  source?: string[];
  businessSystem?: string;
}

export const COUNT_DIMENSIONS = ['source', 'severity', 'integration', 'ci', 'businessSystem'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

/** One line of a chart: one value per bucket (null where a rate has no denominator). */
export interface Series {
  /** a source, severity, CI or business system id; `none` without one, `other` beyond the top 10 */
  key: string;
  name?: string | null;
  data: (number | null)[];
  total?: number | null;
}

interface Bucketed {
  from: string;
  to: string;
  bucket: string;
  timeZone: string;
  /** bucket starts, ISO 8601 with the zone's offset */
  buckets: string[];
  series: Series[];
}

export interface Counts extends Bucketed {
  by: string;
  total: number;
}

/** Seconds, of the alerts that have the duration. */
export interface Durations {
  count: number;
  mean?: number | null;
  p50?: number | null;
  p90?: number | null;
  p95?: number | null;
  max?: number | null;
}

export interface ResponseGroup {
  key: string;
  name?: string | null;
  alerts: number;
  mtta: Durations;
  mttr: Durations;
}

export interface ResponseTimes extends Bucketed {
  by: string;
  alerts: number;
  unacknowledged: number;
  unresolved: number;
  mtta: Durations;
  mttr: Durations;
  groups: ResponseGroup[];
}

export interface NoiseReduction extends Bucketed {
  rawEvents: number;
  outcomes: Record<string, number>;
  alerts: number;
  groups: { available: boolean; count?: number | null };
  senderGroups: number;
  eventsPerAlert?: number | null;
  alertsPerGroup?: number | null;
  /** 1 − alerts / rawEvents */
  dedupReduction?: number | null;
  /** 1 − groups / rawEvents, when groups are available */
  totalReduction?: number | null;
  droppedAllTime: number;
  rejectedAllTime: number;
}

export interface TopEntry {
  /** integration id or alert rule name */
  key: string;
  name?: string | null;
  /** the integration kind, null for alert rules */
  kind?: string | null;
  rawEvents: number;
  alerts: number;
}

export interface RuleHits {
  id: string;
  name: string;
  action: string;
  hitsAllTime: number;
}

export interface Top {
  from: string;
  to: string;
  sourcesByRawEvents: TopEntry[];
  sourcesByAlerts: TopEntry[];
  alertRulesByRawEvents: TopEntry[];
  alertRulesByAlerts: TopEntry[];
  signalRules: RuleHits[];
}

/** 异常报告及时率: monitoring alerts reported within the threshold / all monitoring alerts. */
export interface TimelyReporting {
  timely: number;
  late: number;
  total: number;
  rate?: number | null;
}

/** 异常漏报率: missed manual reports / (monitoring alerts + missed). */
export interface MissedReporting {
  missed: number;
  caught: number;
  monitoringAlerts: number;
  anomalies: number;
  rate?: number | null;
}

export interface Indicators extends Bucketed {
  timelyThresholdSeconds: number;
  missedLookbackSeconds: number;
  timelyReporting: TimelyReporting;
  missedReporting: MissedReporting;
}

/** A manual anomaly report (人工上报); answered 201 with the alert (source `manual`). */
export interface AlertReport {
  summary: string;
  description?: string;
  severity: Severity;
  /** when the anomaly started: at most 5 minutes ahead, 90 days back */
  startsAt: string;
  ciId?: string;
  businessSystemId?: string;
  labels?: Record<string, string>;
}

// ---------- the live stream ----------

export const STREAM_URL = `${BASE}/stream`;
/** SSE events with `{type, alert}` as data. */
export const STREAM_EVENTS = ['alert.opened', 'alert.updated', 'alert.resolved'] as const;
/** SSE event saying events were missed (`{reason}`): reload the list. */
export const STREAM_RESET = 'reset';

export const groupingApi = {
  rules: () => api<GroupingRule[]>(`${BASE}/grouping-rules`),
  saveRule: (ruleId: string | undefined, draft: GroupingRuleDraft) =>
    ruleId
      ? api<GroupingRule>(`${BASE}/grouping-rules/${id(ruleId)}`, { method: 'PUT', body: draft })
      : api<GroupingRule>(`${BASE}/grouping-rules`, { method: 'POST', body: draft }),
  deleteRule: (ruleId: string) => api<void>(`${BASE}/grouping-rules/${id(ruleId)}`, { method: 'DELETE' }),
  groups: (filters: GroupFilters) =>
    api<Page<AlertGroup>>(`${BASE}/groups${query(filters)}`).then((r) => ({
      items: r.items ?? [],
      nextCursor: r.nextCursor ?? null,
    })),
  group: (groupId: string) =>
    api<AlertGroupDetail>(`${BASE}/groups/${id(groupId)}`).then((g) => ({ ...g, alerts: g.alerts ?? [] })),
  convergence: (alertId: number | string) =>
    api<AlertConvergence>(`${BASE}/alerts/${id(alertId)}/convergence`),
};

export const silencesApi = {
  /** Newest first, the first 200 (the server's page limit). */
  list: (status?: 'active' | 'pending' | 'expired') =>
    api<Page<Silence>>(`${BASE}/silences${query({ status, limit: 200 })}`).then((r) => itemsOf<Silence>(r)),
  create: (draft: SilenceDraft) => api<Silence>(`${BASE}/silences`, { method: 'POST', body: draft }),
  update: (silenceId: string, draft: SilenceDraft) =>
    api<Silence>(`${BASE}/silences/${id(silenceId)}`, { method: 'PUT', body: draft }),
  expire: (silenceId: string) => api<Silence>(`${BASE}/silences/${id(silenceId)}/expire`, { method: 'POST' }),
  remove: (silenceId: string) => api<void>(`${BASE}/silences/${id(silenceId)}`, { method: 'DELETE' }),
  preview: (request: SilencePreviewRequest, signal?: AbortSignal) =>
    api<SilencePreview>(`${BASE}/silences/preview`, { method: 'POST', body: request, signal }).then((r) => ({
      count: r.count ?? 0,
      alerts: r.alerts ?? [],
    })),
  windows: () => api<MaintenanceWindow[]>(`${BASE}/maintenance-windows`),
  saveWindow: (windowId: string | undefined, draft: MaintenanceWindowDraft) =>
    windowId
      ? api<MaintenanceWindow>(`${BASE}/maintenance-windows/${id(windowId)}`, { method: 'PUT', body: draft })
      : api<MaintenanceWindow>(`${BASE}/maintenance-windows`, { method: 'POST', body: draft }),
  deleteWindow: (windowId: string) =>
    api<void>(`${BASE}/maintenance-windows/${id(windowId)}`, { method: 'DELETE' }),
};

export const inhibitApi = {
  rules: () => api<InhibitRule[]>(`${BASE}/inhibit-rules`),
  save: (ruleId: string | undefined, draft: InhibitRuleDraft) =>
    ruleId
      ? api<InhibitRule>(`${BASE}/inhibit-rules/${id(ruleId)}`, { method: 'PUT', body: draft })
      : api<InhibitRule>(`${BASE}/inhibit-rules`, { method: 'POST', body: draft }),
  remove: (ruleId: string) => api<void>(`${BASE}/inhibit-rules/${id(ruleId)}`, { method: 'DELETE' }),
  topology: () => api<TopologyInhibition>(`${BASE}/topology-inhibition`),
  saveTopology: (draft: TopologyInhibitionDraft) =>
    api<TopologyInhibition>(`${BASE}/topology-inhibition`, { method: 'PUT', body: draft }),
};

/** A query string; list values repeat their parameter, as the server's `List<String>` expects. */
export function query(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== '' && v != null) params.append(key, String(v));
    } else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export const analyticsApi = {
  counts: (by: CountDimension, range: AnalyticsRange, filter: AnalyticsFilter = {}) =>
    api<Counts>(`${BASE}/analytics/counts${query({ by, ...range, ...filter })}`),
  responseTimes: (range: AnalyticsRange, by?: CountDimension, filter: AnalyticsFilter = {}) =>
    api<ResponseTimes>(`${BASE}/analytics/response-times${query({ by, ...range, ...filter })}`),
  noise: (range: AnalyticsRange) => api<NoiseReduction>(`${BASE}/analytics/noise${query(range)}`),
  /** `limit` 1–50; the top takes no bucket or time zone. */
  top: (range: AnalyticsRange, limit = 10) =>
    api<Top>(`${BASE}/analytics/top${query({ from: range.from, to: range.to, limit })}`),
  indicators: (
    range: AnalyticsRange,
    options: AnalyticsFilter & { timelyWithin?: string; lookback?: string } = {},
  ) => api<Indicators>(`${BASE}/analytics/indicators${query({ ...range, ...options })}`),
};

export const reportApi = {
  report: (report: AlertReport) => api<AlertView>(`${BASE}/alerts`, { method: 'POST', body: report }),
};

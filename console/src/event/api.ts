/**
 * Types and calls of the event center API that the server has today (`AlertController`,
 * `IntegrationController`, `ListenerController`, `RuleController`); tied to the OpenAPI snapshot by
 * api.contract.test.ts. Grouping, silences, inhibition, analytics and the live stream are in
 * pendingApi.ts.
 */
import { api } from '../api/client';
import type { components } from '../api/schema';

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export const SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATES = ['OPEN', 'ACKNOWLEDGED', 'SUPPRESSED', 'RESOLVED', 'CLOSED'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export type AlertStatus = 'FIRING' | 'RESOLVED' | 'ACKNOWLEDGED' | 'EXPIRED';
export const INTEGRATION_KINDS = [
  'alertmanager',
  'prometheus',
  'pagerduty',
  'zabbix',
  'generic-json',
  'syslog',
  'snmp',
  'manual',
] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
/** The kinds an operator creates; 'manual' is the built-in integration of manual reports. */
export const CREATABLE_KINDS = INTEGRATION_KINDS.filter((k) => k !== 'manual');

export interface AlertLink {
  href?: string;
  text?: string;
  image?: boolean;
}

export interface AlertView {
  id: number;
  integrationId: string;
  source?: IntegrationKind | null;
  fingerprint: string;
  groupKey?: string | null;
  status: AlertStatus;
  state: AlertState;
  severity: Severity;
  sourceSeverity?: string | null;
  summary: string;
  resource?: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links?: AlertLink[] | null;
  details?: Record<string, unknown> | null;
  generatorUrl?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
  duplicates: number;
  acknowledgedAt?: string | null;
  acknowledgedBy?: string | null;
  resolvedAt?: string | null;
  closedAt?: string | null;
  assigneeUser?: string | null;
  assigneeTeam?: string | null;
  ciId?: string | null;
  businessSystemId?: string | null;
  ownerTeamId?: string | null;
  flapping: boolean;
  version: number;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor?: string | null;
  fromState?: AlertState | null;
  toState?: AlertState | null;
  detail?: Record<string, unknown> | null;
}

export interface AlertDetail {
  alert: AlertView;
  timeline: TimelineEntry[];
}

export interface AlertFacets {
  total: number;
  state: Record<string, number>;
  severity: Record<string, number>;
  source: Record<string, number>;
  businessSystem: Record<string, number>;
}

export interface AlertFilters {
  state?: string[];
  severity?: string[];
  source?: string[];
  integration?: string[];
  ci?: string;
  businessSystem?: string;
  /** label matchers in the server's syntax (`name=value`, `!=`, `=~`, `!~`) */
  matcher?: string[];
  from?: string;
  to?: string;
  q?: string;
}

export interface IntegrationView {
  id: string;
  name: string;
  kind: IntegrationKind;
  enabled: boolean;
  defaultSeverity?: Severity | null;
  severityMapping?: Record<string, Severity> | null;
  settings?: Record<string, unknown> | null;
  description?: string | null;
  tokenHint?: string | null;
  tokenRotatedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  /** only in the answer of create and rotate: shown once */
  token?: string | null;
  ingestPath?: string | null;
}

export interface IntegrationDraft {
  name: string;
  kind: IntegrationKind;
  enabled?: boolean;
  defaultSeverity?: Severity;
  severityMapping?: Record<string, Severity>;
  settings?: Record<string, unknown>;
  description?: string;
}

export interface IntegrationStats {
  integrationId: string;
  accepted: number;
  duplicates: number;
  dropped: number;
  rejected: number;
  counters: Record<string, number>;
}

export interface SignalRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  integrationId?: string | null;
  matchers: string[];
  action: 'DROP' | 'TRANSFORM';
  setLabels?: Record<string, string> | null;
  renameLabels?: Record<string, string> | null;
  setSeverity?: Severity | null;
  hits: number;
  createdAt: string;
  updatedAt: string;
}

export type SignalRuleDraft = Omit<SignalRule, 'id' | 'hits' | 'createdAt' | 'updatedAt'>;

export interface EnrichmentRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  label: string;
  pattern?: string | null;
  ciModel?: string | null;
  attribute: string;
  createdAt: string;
  updatedAt: string;
}

export type EnrichmentRuleDraft = Omit<EnrichmentRule, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * The query string of the alert filters; list filters repeat their parameter
 * (`state=OPEN&state=ACKNOWLEDGED`), as the server's `List<String>` parameters expect.
 */
export function alertQuery(filters: AlertFilters, extra: Record<string, string | number | undefined> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== '') params.append(key, String(v));
    } else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

const BASE = '/api/v1/events';
const id = (v: string | number) => encodeURIComponent(String(v));

export const alertsApi = {
  list: (filters: AlertFilters, cursor?: string, limit = 50) =>
    api<Page<AlertView>>(`${BASE}/alerts${alertQuery(filters, { cursor, limit })}`),
  facets: (filters: AlertFilters) => api<AlertFacets>(`${BASE}/alerts/facets${alertQuery(filters)}`),
  exportUrl: (filters: AlertFilters) => `${BASE}/alerts/export.csv${alertQuery(filters)}`,
  get: (alertId: number | string) => api<AlertDetail>(`${BASE}/alerts/${id(alertId)}`),
  acknowledge: (alertId: number, comment?: string) =>
    api<AlertView>(`${BASE}/alerts/${id(alertId)}/acknowledge`, { method: 'POST', body: { comment } }),
  resolve: (alertId: number, comment?: string) =>
    api<AlertView>(`${BASE}/alerts/${id(alertId)}/resolve`, { method: 'POST', body: { comment } }),
  close: (alertId: number, comment?: string) =>
    api<AlertView>(`${BASE}/alerts/${id(alertId)}/close`, { method: 'POST', body: { comment } }),
  assign: (alertId: number, user?: string, team?: string) =>
    api<AlertView>(`${BASE}/alerts/${id(alertId)}/assign`, {
      method: 'POST',
      body: { user: user || undefined, team: team || undefined },
    }),
  comment: (alertId: number, comment: string) =>
    api<AlertView>(`${BASE}/alerts/${id(alertId)}/comments`, { method: 'POST', body: { comment } }),
};

export const integrationsApi = {
  list: () => api<IntegrationView[]>(`${BASE}/integrations`),
  get: (integrationId: string) => api<IntegrationView>(`${BASE}/integrations/${id(integrationId)}`),
  create: (draft: IntegrationDraft) =>
    api<IntegrationView>(`${BASE}/integrations`, { method: 'POST', body: draft }),
  update: (integrationId: string, draft: IntegrationDraft) =>
    api<IntegrationView>(`${BASE}/integrations/${id(integrationId)}`, { method: 'PUT', body: draft }),
  remove: (integrationId: string) =>
    api<void>(`${BASE}/integrations/${id(integrationId)}`, { method: 'DELETE' }),
  rotate: (integrationId: string) =>
    api<IntegrationView>(`${BASE}/integrations/${id(integrationId)}/token`, { method: 'POST' }),
  stats: (integrationId: string) => api<IntegrationStats>(`${BASE}/integrations/${id(integrationId)}/stats`),
};

/**
 * The syslog and SNMP trap listeners (`GET /listeners`, the server's `ListenerStatus`):
 * enabled or not, sockets with their bind errors, counts since the listener started.
 */
export type ListenerStatus = components['schemas']['ListenerStatus'];
export type ListenerEndpoint = components['schemas']['ListenerEndpoint'];
export type ListenerRejection = components['schemas']['Rejection'];

export const listenersApi = {
  list: () => api<ListenerStatus[]>(`${BASE}/listeners`),
};

export const rulesApi = {
  signalRules: () => api<SignalRule[]>(`${BASE}/rules`),
  saveSignalRule: (ruleId: string | undefined, draft: SignalRuleDraft) =>
    ruleId
      ? api<SignalRule>(`${BASE}/rules/${id(ruleId)}`, { method: 'PUT', body: draft })
      : api<SignalRule>(`${BASE}/rules`, { method: 'POST', body: draft }),
  deleteSignalRule: (ruleId: string) => api<void>(`${BASE}/rules/${id(ruleId)}`, { method: 'DELETE' }),
  enrichmentRules: () => api<EnrichmentRule[]>(`${BASE}/enrichment-rules`),
  saveEnrichmentRule: (ruleId: string | undefined, draft: EnrichmentRuleDraft) =>
    ruleId
      ? api<EnrichmentRule>(`${BASE}/enrichment-rules/${id(ruleId)}`, { method: 'PUT', body: draft })
      : api<EnrichmentRule>(`${BASE}/enrichment-rules`, { method: 'POST', body: draft }),
  deleteEnrichmentRule: (ruleId: string) =>
    api<void>(`${BASE}/enrichment-rules/${id(ruleId)}`, { method: 'DELETE' }),
};

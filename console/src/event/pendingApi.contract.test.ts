import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf, schemas } from '../api/openapiSnapshot';
import { SEVERITIES } from './api';
import {
  CALENDAR_DAYS,
  WEEKDAYS,
  type AlertConvergence,
  type AlertGroup,
  type AlertGroupDetail,
  type GroupingRule,
  type GroupingRuleDraft,
  type InhibitRule,
  type InhibitRuleDraft,
  type MaintenanceWindow,
  type MaintenanceWindowDraft,
  type PathStep,
  type RootCause,
  type Silence,
  type SilenceDraft,
  type SilencePreview,
  type SilencePreviewRequest,
  type TopologyInhibition,
  type TopologyInhibitionDraft,
  type WindowSchedule,
} from './pendingApi';

// The convergence types of pendingApi.ts against the OpenAPI snapshot, both ways: every
// property the console uses is in the server's schema, and every property of the schema is
// known to the console (a field the server adds shows up here). Analytics, the stream and the
// manual report are not in the snapshot yet (see pendingApi.ts).
const RESPONSES: [string, readonly string[]][] = [
  [
    'GroupingRule',
    keys<GroupingRule>()([
      'id',
      'name',
      'position',
      'enabled',
      'matchers',
      'groupBy',
      'continue',
      'groupWait',
      'groupInterval',
      'description',
      'createdAt',
      'updatedAt',
    ]),
  ],
  [
    'AlertGroupView',
    keys<AlertGroup>()([
      'id',
      'ruleId',
      'ruleName',
      'groupLabels',
      'state',
      'severity',
      'businessSystemId',
      'rootCauseAlertId',
      'alertCount',
      'activeCount',
      'createdAt',
      'notifiedAt',
      'lastNotifiedAt',
      'resolvedAt',
    ]),
  ],
  ['GroupDetail', keys<AlertGroupDetail>()(['group', 'rootCause', 'alerts', 'alertTotal'])],
  [
    'RootCause',
    keys<RootCause>()(['alertId', 'summary', 'ciId', 'ciName', 'basis', 'explanation', 'explains', 'path']),
  ],
  ['Step', keys<PathStep>()(['ciId', 'name', 'model', 'relation'])],
  [
    'AlertConvergence',
    keys<AlertConvergence>()([
      'alertId',
      'symptomOf',
      'symptomPath',
      'symptoms',
      'groupIds',
      'heldBy',
      'records',
    ]),
  ],
  [
    'Silence',
    keys<Silence>()([
      'id',
      'matchers',
      'ciId',
      'businessSystemId',
      'startsAt',
      'endsAt',
      'createdBy',
      'comment',
      'status',
      'createdAt',
      'updatedAt',
    ]),
  ],
  ['PreviewRequest', keys<SilencePreviewRequest>()(['matchers', 'ciId', 'businessSystemId', 'limit'])],
  ['Preview', keys<SilencePreview>()(['count', 'alerts'])],
  [
    'MaintenanceWindow',
    keys<MaintenanceWindow>()([
      'id',
      'name',
      'enabled',
      'matchers',
      'ciId',
      'businessSystemId',
      'schedule',
      'validFrom',
      'validUntil',
      'comment',
      'createdBy',
      'activeNow',
      'createdAt',
      'updatedAt',
    ]),
  ],
  [
    'WindowSchedule',
    keys<WindowSchedule>()(['zone', 'days', 'from', 'to', 'cron', 'duration', 'calendar', 'calendarDays']),
  ],
  [
    'InhibitRule',
    keys<InhibitRule>()([
      'id',
      'name',
      'enabled',
      'sourceMatchers',
      'targetMatchers',
      'equal',
      'createdAt',
      'updatedAt',
    ]),
  ],
  [
    'TopologyInhibition',
    keys<TopologyInhibition>()(['enabled', 'minSeverity', 'mode', 'relationTypes', 'maxDepth', 'updatedAt']),
  ],
];

// The snapshot names every request record `Draft` (one schema, topology inhibition's), so the
// other drafts are checked against the record they create: each field must be one of its.
const DRAFTS: [string, readonly string[]][] = [
  [
    'GroupingRule',
    keys<GroupingRuleDraft>()([
      'name',
      'position',
      'enabled',
      'matchers',
      'groupBy',
      'continue',
      'groupWait',
      'groupInterval',
      'description',
    ]),
  ],
  [
    'Silence',
    keys<SilenceDraft>()(['matchers', 'ciId', 'businessSystemId', 'startsAt', 'endsAt', 'comment']),
  ],
  [
    'MaintenanceWindow',
    keys<MaintenanceWindowDraft>()([
      'name',
      'enabled',
      'matchers',
      'ciId',
      'businessSystemId',
      'schedule',
      'validFrom',
      'validUntil',
      'comment',
    ]),
  ],
  ['InhibitRule', keys<InhibitRuleDraft>()(['name', 'enabled', 'sourceMatchers', 'targetMatchers', 'equal'])],
  ['Draft', keys<TopologyInhibitionDraft>()(['enabled', 'minSeverity', 'mode', 'relationTypes', 'maxDepth'])],
];

const ENDPOINTS: [string, string][] = [
  ['get', '/api/v1/events/grouping-rules'],
  ['post', '/api/v1/events/grouping-rules'],
  ['put', '/api/v1/events/grouping-rules/{id}'],
  ['delete', '/api/v1/events/grouping-rules/{id}'],
  ['get', '/api/v1/events/groups'],
  ['get', '/api/v1/events/groups/{id}'],
  ['get', '/api/v1/events/alerts/{id}/convergence'],
  ['get', '/api/v1/events/silences'],
  ['post', '/api/v1/events/silences'],
  ['put', '/api/v1/events/silences/{id}'],
  ['delete', '/api/v1/events/silences/{id}'],
  ['post', '/api/v1/events/silences/{id}/expire'],
  ['post', '/api/v1/events/silences/preview'],
  ['get', '/api/v1/events/maintenance-windows'],
  ['post', '/api/v1/events/maintenance-windows'],
  ['put', '/api/v1/events/maintenance-windows/{id}'],
  ['delete', '/api/v1/events/maintenance-windows/{id}'],
  ['get', '/api/v1/events/inhibit-rules'],
  ['post', '/api/v1/events/inhibit-rules'],
  ['put', '/api/v1/events/inhibit-rules/{id}'],
  ['delete', '/api/v1/events/inhibit-rules/{id}'],
  ['get', '/api/v1/events/topology-inhibition'],
  ['put', '/api/v1/events/topology-inhibition'],
];

type Prop = {
  enum?: string[];
  type?: string;
  items?: { type?: string; enum?: string[]; items?: { type?: string } };
};
const prop = (schema: string, name: string) => schemas[schema]?.properties?.[name] as Prop | undefined;
const sorted = (v: readonly string[] | undefined) => [...(v ?? [])].sort();

type Operation = { parameters?: { name: string; in: string }[] };
const queryParams = (path: string, method: string) =>
  ((paths[path]?.[method] as Operation | undefined)?.parameters ?? [])
    .filter((p) => p.in === 'query')
    .map((p) => p.name)
    .sort();

describe('the convergence pages against the OpenAPI snapshot', () => {
  it.each(ENDPOINTS)('the server has %s %s', (method, path) => {
    expect(Object.keys(paths[path] ?? {}), path).toContain(method);
  });

  it.each(RESPONSES)('%s: the console knows exactly the server schema', (schema, props) => {
    const actual = propertiesOf(schema);
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(
      props.filter((p) => !actual.includes(p)),
      'unknown to the server',
    ).toEqual([]);
    expect(
      actual.filter((p) => !props.includes(p)),
      'unknown to the console',
    ).toEqual([]);
  });

  it.each(DRAFTS)('every field of the %s draft is one the server takes', (schema, props) => {
    const actual = propertiesOf(schema);
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(props.filter((p) => !actual.includes(p))).toEqual([]);
  });

  it('groups by alternatives of label sets', () => {
    expect(prop('GroupingRule', 'groupBy')).toMatchObject({ type: 'array', items: { type: 'array' } });
  });

  it('knows the enums of schedules, topology inhibition and groups', () => {
    expect(sorted(prop('WindowSchedule', 'days')?.items?.enum)).toEqual(sorted(WEEKDAYS));
    expect(sorted(prop('WindowSchedule', 'calendarDays')?.enum)).toEqual(sorted(CALENDAR_DAYS));
    expect(sorted(prop('TopologyInhibition', 'mode')?.enum)).toEqual(['MARK', 'SUPPRESS']);
    expect(sorted(prop('TopologyInhibition', 'minSeverity')?.enum)).toEqual(sorted(SEVERITIES));
    expect(sorted(prop('AlertGroupView', 'severity')?.enum)).toEqual(sorted(SEVERITIES));
  });

  it('sends only query parameters the server reads', () => {
    expect(queryParams('/api/v1/events/groups', 'get')).toEqual(
      ['businessSystem', 'cursor', 'limit', 'severity', 'state'].sort(),
    );
    expect(queryParams('/api/v1/events/silences', 'get')).toEqual(['cursor', 'limit', 'status']);
  });
});

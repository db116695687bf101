import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf, schemas } from '../api/openapiSnapshot';
import { SEVERITIES } from './api';
import {
  CALENDAR_DAYS,
  WEEKDAYS,
  type AlertConvergence,
  type AlertGroup,
  type AlertGroupDetail,
  type GroupMember,
  type GroupingRule,
  type InhibitRule,
  type MaintenanceWindow,
  type PathStep,
  type RootCause,
  type Silence,
  type SilencePreview,
  type TopologyInhibition,
  type WindowSchedule,
} from './pendingApi';

// The hand-written convergence answers of pendingApi.ts against the OpenAPI snapshot, both
// ways: every property the console uses is in the server's schema, and every property of the
// schema is known to the console (a field the server adds shows up here). The request bodies
// are the generated types (schema.d.ts); what is checked here is that each endpoint takes its
// own schema. Analytics, the stream and the manual report are not in the snapshot yet (see
// pendingApi.ts).
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
  ['GroupMember', keys<GroupMember>()(['alert', 'symptomOf', 'heldBy'])],
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

// Each request body has a schema of its own; when two server records shared a name (every
// convergence `Draft`), all these endpoints pointed at one schema and the generated types were
// those of one of them.
const BODIES: [string, string, string][] = [
  ['post', '/api/v1/events/grouping-rules', 'GroupingRuleDraft'],
  ['put', '/api/v1/events/grouping-rules/{id}', 'GroupingRuleDraft'],
  ['post', '/api/v1/events/silences', 'SilenceDraft'],
  ['put', '/api/v1/events/silences/{id}', 'SilenceDraft'],
  ['post', '/api/v1/events/silences/preview', 'PreviewRequest'],
  ['post', '/api/v1/events/maintenance-windows', 'MaintenanceWindowDraft'],
  ['put', '/api/v1/events/maintenance-windows/{id}', 'MaintenanceWindowDraft'],
  ['post', '/api/v1/events/inhibit-rules', 'InhibitRuleDraft'],
  ['put', '/api/v1/events/inhibit-rules/{id}', 'InhibitRuleDraft'],
  ['put', '/api/v1/events/topology-inhibition', 'TopologyInhibitionDraft'],
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

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
};
const bodySchema = (path: string, method: string) =>
  (paths[path]?.[method] as Operation | undefined)?.requestBody?.content?.['application/json']?.schema?.$ref;
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

  it.each(BODIES)('%s %s takes the schema %s', (method, path, schema) => {
    expect(bodySchema(path, method)).toBe(`#/components/schemas/${schema}`);
  });

  it('draft schemas match the records they create', () => {
    const fieldsOf = (schema: string) => sorted(propertiesOf(schema));
    const without = (schema: string, ...omit: string[]) => fieldsOf(schema).filter((p) => !omit.includes(p));
    expect(fieldsOf('GroupingRuleDraft')).toEqual(without('GroupingRule', 'id', 'createdAt', 'updatedAt'));
    expect(fieldsOf('SilenceDraft')).toEqual(
      without('Silence', 'id', 'createdBy', 'status', 'createdAt', 'updatedAt'),
    );
    expect(fieldsOf('MaintenanceWindowDraft')).toEqual(
      without('MaintenanceWindow', 'id', 'createdBy', 'activeNow', 'createdAt', 'updatedAt'),
    );
    expect(fieldsOf('InhibitRuleDraft')).toEqual(without('InhibitRule', 'id', 'createdAt', 'updatedAt'));
    expect(fieldsOf('TopologyInhibitionDraft')).toEqual(without('TopologyInhibition', 'updatedAt'));
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

import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf, schemas } from '../api/openapiSnapshot';
import {
  ALERT_STATES,
  INTEGRATION_KINDS,
  SEVERITIES,
  type AlertDetail,
  type AlertFacets,
  type AlertLink,
  type AlertView,
  type EnrichmentRule,
  type EnrichmentRuleDraft,
  type IntegrationDraft,
  type IntegrationStats,
  type IntegrationView,
  type SignalRule,
  type SignalRuleDraft,
  type TimelineEntry,
} from './api';

// The event center's types for the endpoints the server has (api.ts) against the OpenAPI
// snapshot. pendingApi.ts (grouping, silences, analytics, stream) is not in the snapshot yet.
const TYPES: [string, readonly string[]][] = [
  ['AlertLink', keys<AlertLink>()(['href', 'text', 'image'])],
  [
    'AlertView',
    keys<AlertView>()([
      'id',
      'integrationId',
      'source',
      'fingerprint',
      'groupKey',
      'status',
      'state',
      'severity',
      'sourceSeverity',
      'summary',
      'resource',
      'labels',
      'annotations',
      'links',
      'details',
      'generatorUrl',
      'startsAt',
      'endsAt',
      'firstSeen',
      'lastSeen',
      'occurrences',
      'duplicates',
      'acknowledgedAt',
      'acknowledgedBy',
      'resolvedAt',
      'closedAt',
      'assigneeUser',
      'assigneeTeam',
      'ciId',
      'businessSystemId',
      'ownerTeamId',
      'flapping',
      'version',
    ]),
  ],
  ['TimelineEntry', keys<TimelineEntry>()(['at', 'kind', 'actor', 'fromState', 'toState', 'detail'])],
  ['AlertDetail', keys<AlertDetail>()(['alert', 'timeline'])],
  ['AlertFacets', keys<AlertFacets>()(['total', 'state', 'severity', 'source', 'businessSystem'])],
  [
    'IntegrationView',
    keys<IntegrationView>()([
      'id',
      'name',
      'kind',
      'enabled',
      'defaultSeverity',
      'severityMapping',
      'settings',
      'description',
      'tokenHint',
      'tokenRotatedAt',
      'createdAt',
      'updatedAt',
      'token',
      'ingestPath',
    ]),
  ],
  [
    'IntegrationDraft',
    keys<IntegrationDraft>()([
      'name',
      'kind',
      'enabled',
      'defaultSeverity',
      'severityMapping',
      'settings',
      'description',
    ]),
  ],
  [
    'IntegrationStats',
    keys<IntegrationStats>()(['integrationId', 'accepted', 'duplicates', 'dropped', 'rejected', 'counters']),
  ],
  [
    'SignalRule',
    keys<SignalRule>()([
      'id',
      'name',
      'position',
      'enabled',
      'integrationId',
      'matchers',
      'action',
      'setLabels',
      'renameLabels',
      'setSeverity',
      'hits',
      'createdAt',
      'updatedAt',
    ]),
  ],
  [
    'SignalRuleDraft',
    keys<SignalRuleDraft>()([
      'name',
      'position',
      'enabled',
      'integrationId',
      'matchers',
      'action',
      'setLabels',
      'renameLabels',
      'setSeverity',
    ]),
  ],
  [
    'EnrichmentRule',
    keys<EnrichmentRule>()([
      'id',
      'name',
      'position',
      'enabled',
      'label',
      'pattern',
      'ciModel',
      'attribute',
      'createdAt',
      'updatedAt',
    ]),
  ],
  [
    'EnrichmentRuleDraft',
    keys<EnrichmentRuleDraft>()(['name', 'position', 'enabled', 'label', 'pattern', 'ciModel', 'attribute']),
  ],
];

const ENDPOINTS: [string, string][] = [
  ['get', '/api/v1/events/alerts'],
  ['get', '/api/v1/events/alerts/facets'],
  ['get', '/api/v1/events/alerts/export.csv'],
  ['get', '/api/v1/events/alerts/{id}'],
  ['post', '/api/v1/events/alerts/{id}/acknowledge'],
  ['post', '/api/v1/events/alerts/{id}/resolve'],
  ['post', '/api/v1/events/alerts/{id}/close'],
  ['post', '/api/v1/events/alerts/{id}/assign'],
  ['post', '/api/v1/events/alerts/{id}/comments'],
  ['get', '/api/v1/events/integrations'],
  ['post', '/api/v1/events/integrations'],
  ['get', '/api/v1/events/integrations/{id}'],
  ['put', '/api/v1/events/integrations/{id}'],
  ['delete', '/api/v1/events/integrations/{id}'],
  ['post', '/api/v1/events/integrations/{id}/token'],
  ['get', '/api/v1/events/integrations/{id}/stats'],
  ['get', '/api/v1/events/rules'],
  ['post', '/api/v1/events/rules'],
  ['put', '/api/v1/events/rules/{id}'],
  ['delete', '/api/v1/events/rules/{id}'],
  ['get', '/api/v1/events/enrichment-rules'],
  ['post', '/api/v1/events/enrichment-rules'],
  ['put', '/api/v1/events/enrichment-rules/{id}'],
  ['delete', '/api/v1/events/enrichment-rules/{id}'],
  ['get', '/api/v1/events/listeners'],
  // the ingest endpoints the example configurations point at
  ['post', '/api/v1/events/ingest/alertmanager'],
  ['post', '/api/v2/alerts'],
  ['post', '/api/v1/events/ingest/pagerduty/v2/enqueue'],
  ['post', '/api/v1/events/ingest/zabbix'],
  ['post', '/api/v1/events/ingest/generic'],
];

type Prop = { enum?: string[] };
const enumOf = (schema: string, prop: string) =>
  ((schemas[schema]?.properties?.[prop] as Prop | undefined)?.enum ?? []).slice().sort();

describe('the event center pages against the OpenAPI snapshot', () => {
  it.each(ENDPOINTS)('the server has %s %s', (method, path) => {
    expect(Object.keys(paths[path] ?? {}), path).toContain(method);
  });

  it.each(TYPES)('every property of %s is in the server schema', (schema, props) => {
    const actual = propertiesOf(schema);
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(props.filter((p) => !actual.includes(p))).toEqual([]);
  });

  it('knows every severity, state and integration kind the server has', () => {
    expect(enumOf('AlertView', 'severity')).toEqual([...SEVERITIES].sort());
    expect(enumOf('AlertView', 'state')).toEqual([...ALERT_STATES].sort());
    expect(enumOf('IntegrationView', 'kind')).toEqual([...INTEGRATION_KINDS].sort());
  });
});

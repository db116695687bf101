import { describe, expect, it } from 'vitest';
import type {
  AuditRecord,
  AuditVerification,
  CalendarDayView,
  CalendarImportResult,
  CalendarSummary,
  Department,
  GuardDecision,
  GuardEvaluation,
  GuardPolicy,
  RoleExclusion,
  Team,
  TeamMember,
  TradingSessionView,
  UserChange,
} from './admin';
import { keys, paths, propertiesOf } from './openapiSnapshot';

// The administration pages' hand-written types (admin.ts) against the server's OpenAPI snapshot:
// every property the console reads or sends must exist in the server's schema.
const TYPES: [string, string, readonly string[]][] = [
  [
    'AuditRecord',
    'AuditRecordView',
    keys<AuditRecord>()([
      'id',
      'occurredAt',
      'actorKind',
      'actorName',
      'sourceAddress',
      'requestId',
      'action',
      'targetType',
      'targetId',
      'outcome',
      'before',
      'after',
      'detail',
    ]),
  ],
  [
    'AuditVerification',
    'AuditChainStatus',
    keys<AuditVerification>()(['intact', 'checkedRecords', 'firstBrokenId', 'reason']),
  ],
  ['UserChange', 'UserChange', keys<UserChange>()(['displayName', 'email', 'enabled'])],
  ['RoleExclusion', 'RoleExclusionView', keys<RoleExclusion>()(['id', 'roleA', 'roleB', 'reason'])],
  ['Department', 'Department', keys<Department>()(['id', 'name', 'parentId', 'description'])],
  ['TeamMember', 'Member', keys<TeamMember>()(['userId', 'username', 'displayName'])],
  ['Team', 'Team', keys<Team>()(['id', 'name', 'departmentId', 'description', 'members'])],
  [
    'CalendarSummary',
    'CalendarSummary',
    keys<CalendarSummary>()(['id', 'code', 'name', 'kind', 'timeZone', 'builtIn', 'source']),
  ],
  ['TradingSessionView', 'SessionJson', keys<TradingSessionView>()(['name', 'start', 'end'])],
  [
    'CalendarDayView',
    'DayJson',
    keys<CalendarDayView>()([
      'date',
      'workday',
      'holiday',
      'holidayName',
      'makeUpWorkday',
      'tradingDay',
      'sessions',
    ]),
  ],
  [
    'CalendarImportResult',
    'CalendarImportResult',
    keys<CalendarImportResult>()(['imported', 'skipped', 'errors']),
  ],
  [
    'GuardPolicy',
    'GuardPolicy',
    keys<GuardPolicy>()([
      'id',
      'name',
      'kind',
      'enabled',
      'environments',
      'operationKinds',
      'config',
      'description',
    ]),
  ],
  [
    'GuardEvaluation',
    'EvaluateRequest',
    keys<GuardEvaluation>()([
      'operationKind',
      'environment',
      'scope',
      'risk',
      'at',
      'sourceAddress',
      'emergency',
      'reason',
    ]),
  ],
  ['GuardDecision', 'GuardDecision', keys<GuardDecision>()(['decision', 'reasons'])],
];

// [method, path] of every call in adminApi
const ENDPOINTS: [string, string][] = [
  ['get', '/api/v1/users/{id}'],
  ['patch', '/api/v1/users/{id}'],
  ['post', '/api/v1/users/{id}/unlock'],
  ['post', '/api/v1/users/{id}/password-reset'],
  ['post', '/api/v1/roles'],
  ['put', '/api/v1/roles/{id}'],
  ['delete', '/api/v1/roles/{id}'],
  ['get', '/api/v1/role-exclusions'],
  ['post', '/api/v1/role-exclusions'],
  ['delete', '/api/v1/role-exclusions/{id}'],
  ['get', '/api/v1/role-assignments'],
  ['post', '/api/v1/role-assignments'],
  ['delete', '/api/v1/role-assignments/{id}'],
  ['get', '/api/v1/departments'],
  ['post', '/api/v1/departments'],
  ['put', '/api/v1/departments/{id}'],
  ['delete', '/api/v1/departments/{id}'],
  ['get', '/api/v1/teams'],
  ['post', '/api/v1/teams'],
  ['put', '/api/v1/teams/{id}'],
  ['delete', '/api/v1/teams/{id}'],
  ['put', '/api/v1/teams/{id}/members'],
  ['get', '/api/v1/calendars'],
  ['get', '/api/v1/calendars/{id}/days'],
  ['post', '/api/v1/calendars/{id}/import'],
  ['get', '/api/v1/guard/policies'],
  ['post', '/api/v1/guard/policies'],
  ['put', '/api/v1/guard/policies/{id}'],
  ['delete', '/api/v1/guard/policies/{id}'],
  ['post', '/api/v1/guard/evaluate'],
  ['get', '/api/v1/audit/records'],
  ['get', '/api/v1/audit/records.csv'],
  ['get', '/api/v1/audit/verify'],
];

describe('the administration pages against the OpenAPI snapshot', () => {
  it.each(ENDPOINTS)('the server has %s %s', (method, path) => {
    expect(Object.keys(paths[path] ?? {}), path).toContain(method);
  });

  it.each(TYPES)('every property of %s is in the server schema %s', (_type, schema, props) => {
    const actual = propertiesOf(schema);
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(props.filter((p) => !actual.includes(p))).toEqual([]);
  });
});

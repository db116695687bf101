import { describe, expect, it } from 'vitest';
import { keys, paths, schemas } from './openapiSnapshot';
import type {
  ApiToken,
  CreatedApiToken,
  Permission,
  Role,
  RoleAssignment,
  RoleRef,
  SecurityPosture,
  Session,
  SessionUser,
  SystemInfo,
  TotpEnrolment,
  User,
} from './platform';

// The console must not drift from the API. The identity types in platform.ts are hand-written;
// these checks tie them to the server's OpenAPI snapshot (openapi.json): every property a
// hand-written type has must exist in the server's schema (compile time: the lists below must
// name every key of the type; run time: the schema must have each).

const TYPES: [string, string, readonly string[]][] = [
  ['Session', 'SessionView', keys<Session>()(['authenticated', 'stage', 'user', 'permissions', 'expiresAt'])],
  [
    'SessionUser',
    'SessionUser',
    keys<SessionUser>()(['id', 'username', 'displayName', 'email', 'totpEnabled', 'mustChangePassword']),
  ],
  ['TotpEnrolment', 'Enrolment', keys<TotpEnrolment>()(['secret', 'otpauthUri', 'qrCodePng'])],
  [
    'ApiToken',
    'TokenView',
    keys<ApiToken>()(['id', 'name', 'permissions', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt']),
  ],
  [
    'CreatedApiToken',
    'CreatedToken',
    keys<CreatedApiToken>()(['id', 'name', 'permissions', 'expiresAt', 'token']),
  ],
  [
    'User',
    'UserView',
    keys<User>()([
      'id',
      'username',
      'displayName',
      'email',
      'enabled',
      'locked',
      'lockedUntil',
      'totpEnabled',
      'mustChangePassword',
      'lastLoginAt',
      'createdAt',
      'roles',
    ]),
  ],
  ['Role', 'RoleView', keys<Role>()(['id', 'name', 'builtIn', 'description', 'permissions', 'requiresTotp'])],
  [
    'RoleAssignment',
    'RoleAssignmentView',
    keys<RoleAssignment>()(['id', 'userId', 'username', 'roleId', 'roleName', 'scope', 'createdAt']),
  ],
  ['Permission', 'PermissionDefinition', keys<Permission>()(['name', 'descriptionZh', 'descriptionEn'])],
  ['SystemInfo', 'SystemInfo', keys<SystemInfo>()(['version', 'startedAt', 'uptimeSeconds', 'database'])],
  [
    'SecurityPosture',
    'Posture',
    keys<SecurityPosture>()(['usersWithoutTotp', 'tokensExpiringSoon', 'lockedUsers', 'auditChain']),
  ],
];

// [method, path] of every call in platformApi
const ENDPOINTS: [string, string][] = [
  ['get', '/api/v1/auth/session'],
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/totp'],
  ['post', '/api/v1/auth/logout'],
  ['post', '/api/v1/me/password'],
  ['post', '/api/v1/me/totp/enrolment'],
  ['post', '/api/v1/me/totp/confirm'],
  ['delete', '/api/v1/me/totp'],
  ['post', '/api/v1/me/totp/recovery-codes'],
  ['get', '/api/v1/me/tokens'],
  ['post', '/api/v1/me/tokens'],
  ['delete', '/api/v1/me/tokens/{id}'],
  ['get', '/api/v1/system/info'],
  ['get', '/api/v1/security/posture'],
  ['get', '/api/v1/permissions'],
  ['get', '/api/v1/users'],
  ['post', '/api/v1/users'],
  ['get', '/api/v1/roles'],
  ['post', '/api/v1/role-assignments'],
  ['get', '/api/v1/audit/records'],
  ['get', '/api/v1/audit/records.csv'],
  ['get', '/api/v1/audit/verify'],
];

describe('the console against the OpenAPI snapshot', () => {
  it.each(ENDPOINTS)('the server has %s %s', (method, path) => {
    expect(Object.keys(paths[path] ?? {}), path).toContain(method);
  });

  it.each(TYPES)('every property of %s is in the server schema %s', (_type, schema, props) => {
    const actual = Object.keys(schemas[schema]?.properties ?? {});
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(props.filter((p) => !actual.includes(p))).toEqual([]);
  });

  it('role references on users carry what the console shows', () => {
    const userRoles = schemas.UserView.properties?.roles as { items?: { $ref?: string } };
    const ref = userRoles.items?.$ref?.split('/').pop() ?? '';
    const actual = Object.keys(schemas[ref]?.properties ?? {});
    const wanted = keys<RoleRef>()(['roleId', 'roleName', 'scope']);
    expect(wanted.filter((p) => !actual.includes(p))).toEqual([]);
  });
});

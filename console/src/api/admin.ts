/**
 * Types and calls of the administration API (平台管理), matched to the server's controllers:
 * identity (`UsersController`, `RolesController`, `OrganisationController`), calendar
 * (`CalendarController`), guard (`GuardController`) and audit (`AuditController`).
 */
import { api, withQuery } from './client';

/*
 * Own types rather than platform.ts's: that file is owned by the console helper and moves to
 * the generated (all-optional) OpenAPI types; these follow the server records exactly.
 */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Permission {
  name: string;
  descriptionZh: string;
  descriptionEn: string;
}

/** Where an assignment applies; a missing part means "any", a null scope everywhere. */
export interface Scope {
  businessSystem?: string | null;
  environment?: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string | null;
  enabled: boolean;
  locked: boolean;
  lockedUntil?: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt?: string | null;
  createdAt: string;
  roles: { roleId: string; roleName: string; scope?: Scope | null }[];
}

export interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  description?: string | null;
  permissions: string[];
  requiresTotp: boolean;
}

export interface RoleAssignment {
  id: string;
  userId: string;
  username: string;
  roleId: string;
  roleName: string;
  scope: Scope | null;
  createdAt: string;
}

export interface AuditRecord {
  id: number;
  occurredAt: string;
  actorKind: string;
  actorName: string;
  sourceAddress?: string | null;
  requestId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: string;
  /** JSON, secrets masked as "******" */
  before?: unknown;
  after?: unknown;
  detail?: string | null;
}

export interface AuditVerification {
  intact: boolean;
  checkedRecords: number;
  firstBrokenId?: number | null;
  /** `<code>: <explanation>` of the first break */
  reason?: string | null;
}

const id = (value: string) => encodeURIComponent(value);

// ---- identity: users, roles, organisation

export interface UserChange {
  displayName?: string;
  email?: string;
  enabled?: boolean;
}

export interface RoleDraft {
  name: string;
  description?: string;
  permissions: string[];
  requiresTotp: boolean;
}

export interface RoleExclusion {
  id: string;
  roleA: { id: string; name: string };
  roleB: { id: string; name: string };
  reason?: string | null;
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  description?: string | null;
}

export interface TeamMember {
  userId: string;
  username: string;
  displayName: string;
}

export interface Team {
  id: string;
  name: string;
  departmentId: string | null;
  description?: string | null;
  members: TeamMember[];
}

// ---- calendars (日历)

export type CalendarKind = 'BUSINESS_HOURS' | 'HOLIDAYS' | 'TRADING';

export interface CalendarSummary {
  id: string;
  code: string;
  name: string;
  kind: CalendarKind;
  timeZone: string;
  builtIn: boolean;
  source?: string | null;
}

export interface TradingSessionView {
  name: string;
  /** `HH:mm` in the calendar's time zone */
  start: string;
  end: string;
}

export interface CalendarDayView {
  /** `yyyy-MM-dd` */
  date: string;
  workday: boolean;
  holiday: boolean;
  holidayName?: string | null;
  /** 调休上班: a weekend day turned into a working day */
  makeUpWorkday: boolean;
  tradingDay: boolean;
  sessions: TradingSessionView[];
}

export interface CalendarImportResult {
  imported: number;
  skipped: number;
  errors: { line: number; code: string; message: string }[];
}

// ---- operation guard (操作防护)

export type PolicyKind = 'WINDOW' | 'MARKET_HOURS' | 'SOURCE_ALLOWLIST';
export type Risk = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type Verdict = 'ALLOW' | 'DENY' | 'REQUIRE_APPROVAL';

export interface GuardPolicy {
  id: string;
  name: string;
  kind: PolicyKind;
  enabled: boolean;
  environments: string[];
  operationKinds: string[];
  config: Record<string, unknown>;
  description?: string | null;
}

export type PolicyDraft = Omit<GuardPolicy, 'id'>;

export interface GuardEvaluation {
  operationKind: string;
  environment: string;
  scope?: string;
  risk?: Risk;
  /** ISO-8601 with offset; absent = now */
  at?: string;
  sourceAddress?: string;
  emergency?: boolean;
  reason?: string;
}

export interface GuardDecision {
  decision: Verdict;
  reasons: { policyId: string; policyName: string; code: string; message: string }[];
}

// ---- audit (审计)

export interface AuditFilters {
  actor?: string;
  /** an action or an action prefix (`platform.user.`) */
  action?: string;
  /** `type` or `type:id` */
  target?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export const AUDIT_CSV_PATH = '/api/v1/audit/records.csv';

/** The administration endpoints, one function each. */
export const adminApi = {
  permissions: () => api<Permission[]>('/api/v1/permissions'),

  users: (query: { query?: string; cursor?: string; limit?: number }) =>
    api<Page<User>>('/api/v1/users', { query }),
  user: (userId: string) => api<User>(`/api/v1/users/${id(userId)}`),
  createUser: (input: { username: string; displayName: string; email?: string; password: string }) =>
    api<User>('/api/v1/users', { method: 'POST', body: input }),
  updateUser: (userId: string, change: UserChange) =>
    api<User>(`/api/v1/users/${id(userId)}`, { method: 'PATCH', body: change }),
  unlockUser: (userId: string) => api<User>(`/api/v1/users/${id(userId)}/unlock`, { method: 'POST' }),
  resetPassword: (userId: string, password: string) =>
    api<User>(`/api/v1/users/${id(userId)}/password-reset`, { method: 'POST', body: { password } }),

  roles: () => api<Role[]>('/api/v1/roles'),
  createRole: (draft: RoleDraft) => api<Role>('/api/v1/roles', { method: 'POST', body: draft }),
  updateRole: (roleId: string, draft: RoleDraft) =>
    api<Role>(`/api/v1/roles/${id(roleId)}`, { method: 'PUT', body: draft }),
  deleteRole: (roleId: string) => api<void>(`/api/v1/roles/${id(roleId)}`, { method: 'DELETE' }),

  exclusions: () => api<RoleExclusion[]>('/api/v1/role-exclusions'),
  createExclusion: (input: { roleAId: string; roleBId: string; reason?: string }) =>
    api<RoleExclusion>('/api/v1/role-exclusions', { method: 'POST', body: input }),
  deleteExclusion: (exclusionId: string) =>
    api<void>(`/api/v1/role-exclusions/${id(exclusionId)}`, { method: 'DELETE' }),

  assignments: (userId: string) => api<RoleAssignment[]>('/api/v1/role-assignments', { query: { userId } }),
  assignRole: (input: { userId: string; roleId: string; scope?: Scope | null }) =>
    api<RoleAssignment>('/api/v1/role-assignments', { method: 'POST', body: input }),
  unassignRole: (assignmentId: string) =>
    api<void>(`/api/v1/role-assignments/${id(assignmentId)}`, { method: 'DELETE' }),

  departments: () => api<Department[]>('/api/v1/departments'),
  createDepartment: (input: Omit<Department, 'id'>) =>
    api<Department>('/api/v1/departments', { method: 'POST', body: input }),
  updateDepartment: (departmentId: string, input: Omit<Department, 'id'>) =>
    api<Department>(`/api/v1/departments/${id(departmentId)}`, { method: 'PUT', body: input }),
  deleteDepartment: (departmentId: string) =>
    api<void>(`/api/v1/departments/${id(departmentId)}`, { method: 'DELETE' }),

  teams: () => api<Team[]>('/api/v1/teams'),
  createTeam: (input: { name: string; departmentId: string | null; description?: string | null }) =>
    api<Team>('/api/v1/teams', { method: 'POST', body: input }),
  updateTeam: (
    teamId: string,
    input: { name: string; departmentId: string | null; description?: string | null },
  ) => api<Team>(`/api/v1/teams/${id(teamId)}`, { method: 'PUT', body: input }),
  deleteTeam: (teamId: string) => api<void>(`/api/v1/teams/${id(teamId)}`, { method: 'DELETE' }),
  setTeamMembers: (teamId: string, userIds: string[]) =>
    api<Team>(`/api/v1/teams/${id(teamId)}/members`, { method: 'PUT', body: { userIds } }),

  calendars: () => api<CalendarSummary[]>('/api/v1/calendars'),
  calendarDays: (calendarId: string, from: string, to: string) =>
    api<CalendarDayView[]>(`/api/v1/calendars/${id(calendarId)}/days`, { query: { from, to } }),
  importCalendar: (calendarId: string, file: File) => {
    const body = new FormData();
    body.append('file', file);
    return api<CalendarImportResult>(`/api/v1/calendars/${id(calendarId)}/import`, { method: 'POST', body });
  },

  policies: () => api<GuardPolicy[]>('/api/v1/guard/policies'),
  createPolicy: (draft: PolicyDraft) =>
    api<GuardPolicy>('/api/v1/guard/policies', { method: 'POST', body: draft }),
  updatePolicy: (policyId: string, draft: PolicyDraft) =>
    api<GuardPolicy>(`/api/v1/guard/policies/${id(policyId)}`, { method: 'PUT', body: draft }),
  deletePolicy: (policyId: string) =>
    api<void>(`/api/v1/guard/policies/${id(policyId)}`, { method: 'DELETE' }),
  evaluate: (request: GuardEvaluation) =>
    api<GuardDecision>('/api/v1/guard/evaluate', { method: 'POST', body: request }),

  auditRecords: (filters: AuditFilters, cursor?: string, limit = 50) =>
    api<Page<AuditRecord>>('/api/v1/audit/records', { query: { ...filters, cursor, limit } }),
  auditCsvUrl: (filters: AuditFilters) => withQuery(AUDIT_CSV_PATH, { ...filters }),
  verifyAudit: () => api<AuditVerification>('/api/v1/audit/verify'),
};

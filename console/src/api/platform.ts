/**
 * Types of the platform API. Where the server's OpenAPI description (openapi.json →
 * schema.d.ts) has them they are the generated ones; the identity types are hand-written after
 * API-CONTRACT.md until the identity endpoints are in the snapshot — then switch them too.
 */
import { api } from './client';
import type { components } from './schema';

export type SessionStage =
  'NONE' | 'TOTP_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED' | 'TOTP_ENROLMENT_REQUIRED' | 'COMPLETE';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

export interface Session {
  authenticated: boolean;
  stage?: SessionStage;
  user?: SessionUser;
  permissions?: string[];
  expiresAt?: string;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrCodePng: string;
}

export interface RecoveryCodes {
  recoveryCodes: string[];
}

export interface ApiToken {
  id: string;
  name: string;
  permissions: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  permissions: string[];
  expiresAt: string;
  token: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RoleRef {
  roleId: string;
  roleName: string;
  scope?: Scope | null;
}

export interface Scope {
  businessSystem?: string;
  environment?: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  enabled: boolean;
  locked: boolean;
  lockedUntil?: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt?: string | null;
  createdAt: string;
  roles: RoleRef[];
}

export interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  description?: string;
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

export interface Permission {
  name: string;
  descriptionZh: string;
  descriptionEn: string;
}

export interface SystemInfo {
  version: string;
  startedAt: string;
  uptimeSeconds: number;
  database: { status: string; product: string; version: string; embedded: boolean };
}

export interface SecurityPosture {
  usersWithoutTotp: { id: string; username: string }[];
  tokensExpiringSoon: { id: string; name: string; owner: string; expiresAt: string }[];
  lockedUsers: number;
  auditChain: { intact: boolean; checkedRecords: number; firstBrokenId?: string | number | null };
}

type Schemas = components['schemas'];

/** An audit record (generated from the server's OpenAPI description). */
export type AuditRecord = Schemas['AuditRecordView'];

/** The result of verifying the audit hash chain (generated). */
export type AuditVerification = Schemas['AuditChainStatus'];

/** The platform endpoints the console calls, one function each. */
export const platformApi = {
  session: () => api<Session>('/api/v1/auth/session'),
  login: (username: string, password: string) =>
    api<Session>('/api/v1/auth/login', { method: 'POST', body: { username, password } }),
  totp: (input: { code: string } | { recoveryCode: string }) =>
    api<Session>('/api/v1/auth/totp', { method: 'POST', body: input }),
  logout: () => api<void>('/api/v1/auth/logout', { method: 'POST' }),

  changePassword: (currentPassword: string, newPassword: string) =>
    api<Session>('/api/v1/me/password', { method: 'POST', body: { currentPassword, newPassword } }),
  startTotpEnrolment: () => api<TotpEnrolment>('/api/v1/me/totp/enrolment', { method: 'POST' }),
  confirmTotp: (code: string) =>
    api<RecoveryCodes>('/api/v1/me/totp/confirm', { method: 'POST', body: { code } }),
  disableTotp: (code: string) => api<void>('/api/v1/me/totp', { method: 'DELETE', body: { code } }),
  regenerateRecoveryCodes: (code: string) =>
    api<RecoveryCodes>('/api/v1/me/totp/recovery-codes', { method: 'POST', body: { code } }),
  myTokens: () => api<ApiToken[]>('/api/v1/me/tokens'),
  createToken: (input: { name: string; permissions: string[]; expiresAt: string }) =>
    api<CreatedApiToken>('/api/v1/me/tokens', { method: 'POST', body: input }),
  revokeToken: (id: string) => api<void>(`/api/v1/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  systemInfo: () => api<SystemInfo>('/api/v1/system/info'),
  posture: () => api<SecurityPosture>('/api/v1/security/posture'),
  permissions: () => api<Permission[]>('/api/v1/permissions'),

  users: (query: { query?: string; cursor?: string; limit?: number }) =>
    api<Page<User>>('/api/v1/users', { query }),
  createUser: (input: { username: string; displayName: string; email?: string; password: string }) =>
    api<User>('/api/v1/users', { method: 'POST', body: input }),
  roles: () => api<Role[]>('/api/v1/roles'),
  assignRole: (input: { userId: string; roleId: string; scope?: Scope | null }) =>
    api<RoleAssignment>('/api/v1/role-assignments', { method: 'POST', body: input }),

  auditRecords: (query: Record<string, string | number | undefined>) =>
    api<Page<AuditRecord>>('/api/v1/audit/records', { query }),
  verifyAudit: () => api<AuditVerification>('/api/v1/audit/verify'),
};

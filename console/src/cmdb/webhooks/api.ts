/**
 * Types and calls of the CMDB webhook API (server: `WebhookController`, records `Webhook`,
 * `WebhookWithSecret`, `WebhookDelivery`). Signing and retries: docs/cmdb-webhooks.md.
 */
import { api } from '../../api/client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Webhook {
  id: string;
  name: string;
  url: string;
  models: string[];
  attributes: string[];
  events: string[];
  enabled: boolean;
  /**
   * Where it delivers: the cmdb.ci.read scope of whoever last saved it (server:
   * io.tianshu.platform.PermissionScope); areas name a business system and/or an environment.
   */
  scope: WebhookScope;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookScope {
  everywhere: boolean;
  areas: { businessSystem?: string | null; environment?: string | null }[];
}

/** The scope as one line: 全部 for everywhere, otherwise `system/env` areas (`*` = any). */
export function scopeText(scope: WebhookScope | undefined, everywhere: string): string {
  if (!scope || scope.everywhere) return everywhere;
  return scope.areas.map((a) => `${a.businessSystem ?? '*'}/${a.environment ?? '*'}`).join(', ');
}

export interface WebhookBody {
  name: string;
  url: string;
  models: string[];
  attributes: string[];
  events: string[];
  enabled: boolean;
}

export interface WebhookWithSecret {
  webhook: Webhook;
  secret: string;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  event: string;
  eventId: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  responseSnippet?: string | null;
  nextAttemptAt?: string | null;
  lastAttemptAt?: string | null;
  createdAt: string;
  deliveredAt?: string | null;
  redeliveryOf?: string | null;
  payload: string;
}

/** What the form needs of a model: its code, name and attribute codes. */
export interface ModelSummary {
  code: string;
  name: string;
  attributes: { code: string; name: string }[];
}

const id = encodeURIComponent;
const base = '/api/v1/cmdb/webhooks';

export const webhooksApi = {
  list: () => api<Webhook[]>(base),
  create: (body: WebhookBody) => api<WebhookWithSecret>(base, { method: 'POST', body }),
  update: (webhookId: string, body: WebhookBody) =>
    api<Webhook>(`${base}/${id(webhookId)}`, { method: 'PUT', body }),
  remove: (webhookId: string) => api<void>(`${base}/${id(webhookId)}`, { method: 'DELETE' }),
  rotateSecret: (webhookId: string) =>
    api<WebhookWithSecret>(`${base}/${id(webhookId)}/secret`, { method: 'POST' }),
  deliveries: (webhookId: string, status?: DeliveryStatus, cursor?: string, limit = 50) =>
    api<Page<WebhookDelivery>>(`${base}/${id(webhookId)}/deliveries`, { query: { status, cursor, limit } }),
  redeliver: (webhookId: string, deliveryId: string) =>
    api<WebhookDelivery>(`${base}/${id(webhookId)}/deliveries/${id(deliveryId)}/redeliver`, {
      method: 'POST',
    }),
  ping: (webhookId: string) => api<WebhookDelivery>(`${base}/${id(webhookId)}/ping`, { method: 'POST' }),
  models: () => api<ModelSummary[]>('/api/v1/cmdb/models'),
};

import { describe, expect, it } from 'vitest';
import { keys, paths, propertiesOf } from '../../api/openapiSnapshot';
import type { Webhook, WebhookBody, WebhookDelivery, WebhookWithSecret } from './api';

// The change-subscription page's types (api.ts) against the server's OpenAPI snapshot.
const TYPES: [string, readonly string[]][] = [
  [
    'Webhook',
    keys<Webhook>()([
      'id',
      'name',
      'url',
      'models',
      'attributes',
      'events',
      'enabled',
      'scope',
      'createdBy',
      'createdAt',
      'updatedAt',
    ]),
  ],
  ['WebhookBody', keys<WebhookBody>()(['name', 'url', 'models', 'attributes', 'events', 'enabled'])],
  ['WebhookWithSecret', keys<WebhookWithSecret>()(['webhook', 'secret'])],
  [
    'WebhookDelivery',
    keys<WebhookDelivery>()([
      'id',
      'webhookId',
      'event',
      'eventId',
      'status',
      'attempts',
      'maxAttempts',
      'lastStatusCode',
      'lastError',
      'responseSnippet',
      'nextAttemptAt',
      'lastAttemptAt',
      'createdAt',
      'deliveredAt',
      'redeliveryOf',
      'payload',
    ]),
  ],
];

const ENDPOINTS: [string, string][] = [
  ['get', '/api/v1/cmdb/webhooks'],
  ['post', '/api/v1/cmdb/webhooks'],
  ['put', '/api/v1/cmdb/webhooks/{id}'],
  ['delete', '/api/v1/cmdb/webhooks/{id}'],
  ['post', '/api/v1/cmdb/webhooks/{id}/secret'],
  ['get', '/api/v1/cmdb/webhooks/{id}/deliveries'],
  ['post', '/api/v1/cmdb/webhooks/{id}/deliveries/{deliveryId}/redeliver'],
  ['post', '/api/v1/cmdb/webhooks/{id}/ping'],
  ['get', '/api/v1/cmdb/models'],
];

describe('the change-subscription page against the OpenAPI snapshot', () => {
  it.each(ENDPOINTS)('the server has %s %s', (method, path) => {
    expect(Object.keys(paths[path] ?? {}), path).toContain(method);
  });

  it.each(TYPES)('every property of %s is in the server schema', (schema, props) => {
    const actual = propertiesOf(schema);
    expect(actual.length, `schema ${schema} exists`).toBeGreaterThan(0);
    expect(props.filter((p) => !actual.includes(p))).toEqual([]);
  });
});

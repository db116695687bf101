import type { DeliveryStatus, ModelSummary, Webhook, WebhookBody } from './api';

/** The subscribable event kinds, in the order the form shows them. */
export const EVENTS = [
  'ci.created',
  'ci.updated',
  'ci.state-changed',
  'ci.retired',
  'ci.verified',
  'relation.created',
  'relation.deleted',
] as const;

export interface WebhookForm {
  name?: string;
  url?: string;
  models?: string[];
  attributes?: string[];
  events?: string[];
  enabled?: boolean;
}

const cleaned = (values: string[] | undefined) => [
  ...new Set((values ?? []).map((v) => v.trim()).filter((v) => v.length > 0)),
];

/** The request body: trimmed, empties and duplicates dropped; all events when none is ticked. */
export function toBody(form: WebhookForm): WebhookBody {
  const events = cleaned(form.events);
  return {
    name: (form.name ?? '').trim(),
    url: (form.url ?? '').trim(),
    models: cleaned(form.models),
    attributes: cleaned(form.attributes),
    events: events.length > 0 ? events : [...EVENTS],
    enabled: form.enabled ?? true,
  };
}

export function fromWebhook(webhook: Webhook): WebhookForm {
  return {
    name: webhook.name,
    url: webhook.url,
    models: webhook.models,
    attributes: webhook.attributes,
    events: webhook.events,
    enabled: webhook.enabled,
  };
}

/**
 * The attribute choices for the chosen models (all models when none is chosen), by code, with
 * the names of the models that have each.
 */
export function attributeOptions(
  models: ModelSummary[],
  chosen: string[] | undefined,
): { value: string; label: string }[] {
  const pool = chosen && chosen.length > 0 ? models.filter((m) => chosen.includes(m.code)) : models;
  const byCode = new Map<string, string[]>();
  for (const m of pool) {
    for (const a of m.attributes) {
      const names = byCode.get(a.code) ?? [];
      if (!names.includes(a.name)) names.push(a.name);
      byCode.set(a.code, names);
    }
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, names]) => ({ value: code, label: `${code} (${names.join(' / ')})` }));
}

export const STATUS_COLORS: Record<DeliveryStatus, string> = {
  PENDING: 'processing',
  DELIVERED: 'success',
  FAILED: 'error',
};

/** Pretty JSON when the text is JSON, the text itself otherwise. */
export function prettyJson(text: string | null | undefined): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

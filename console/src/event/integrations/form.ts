import type { IntegrationDraft, IntegrationKind, IntegrationView, Severity } from '../api';

/** The generic JSON mapping fields (JSONPath, relative to each alert) the editor offers. */
export const JSON_PATH_FIELDS = [
  'alertsPath',
  'fingerprint',
  'status',
  'severity',
  'summary',
  'resource',
  'labels',
  'annotations',
  'startsAt',
  'endsAt',
] as const;

export interface IntegrationFormValues {
  name: string;
  kind: IntegrationKind;
  enabled: boolean;
  description?: string;
  defaultSeverity?: Severity;
  severityMapping?: { from: string; to: Severity }[];
  resolveTimeout?: string;
  timezone?: string;
  settings?: Partial<Record<(typeof JSON_PATH_FIELDS)[number], string>> & {
    fingerprintFields?: string[];
    resolvedValues?: string[];
    acknowledgedValues?: string[];
    labelPaths?: { label: string; path: string }[];
  };
}

const clean = (v?: string) => (v && v.trim() ? v.trim() : undefined);

/** The form's values as the server's IntegrationDraft: empty fields left out, lists to maps. */
export function toDraft(v: IntegrationFormValues, existing?: IntegrationView): IntegrationDraft {
  const settings: Record<string, unknown> = { ...(existing?.settings ?? {}) };
  const put = (k: string, value: unknown) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete settings[k];
    else settings[k] = value;
  };
  put('resolveTimeout', clean(v.resolveTimeout));
  if (v.kind === 'zabbix') put('timezone', clean(v.timezone));
  if (v.kind === 'generic-json') {
    const s = v.settings ?? {};
    for (const f of JSON_PATH_FIELDS) put(f, clean(s[f]));
    put('fingerprintFields', (s.fingerprintFields ?? []).map((x) => x.trim()).filter(Boolean));
    put('resolvedValues', (s.resolvedValues ?? []).filter(Boolean));
    put('acknowledgedValues', (s.acknowledgedValues ?? []).filter(Boolean));
    const paths = Object.fromEntries(
      (s.labelPaths ?? []).filter((p) => p?.label && p?.path).map((p) => [p.label.trim(), p.path.trim()]),
    );
    put('labelPaths', Object.keys(paths).length ? paths : undefined);
  }
  const mapping = Object.fromEntries(
    (v.severityMapping ?? []).filter((m) => m?.from && m?.to).map((m) => [m.from.trim(), m.to]),
  );
  return {
    name: v.name.trim(),
    kind: v.kind,
    enabled: v.enabled,
    description: clean(v.description),
    defaultSeverity: v.defaultSeverity,
    severityMapping: mapping,
    settings,
  };
}

/** An integration as the form's values (for editing). */
export function toForm(i: IntegrationView): IntegrationFormValues {
  const s = (i.settings ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(s[k]) ? (s[k] as unknown[]).map(String) : undefined);
  const paths =
    s.labelPaths && typeof s.labelPaths === 'object' ? (s.labelPaths as Record<string, unknown>) : {};
  return {
    name: i.name,
    kind: i.kind,
    enabled: i.enabled,
    description: i.description ?? undefined,
    defaultSeverity: i.defaultSeverity ?? undefined,
    severityMapping: Object.entries(i.severityMapping ?? {}).map(([from, to]) => ({ from, to })),
    resolveTimeout: str('resolveTimeout'),
    timezone: str('timezone'),
    settings: {
      ...Object.fromEntries(JSON_PATH_FIELDS.map((f) => [f, str(f)])),
      fingerprintFields: list('fingerprintFields'),
      resolvedValues: list('resolvedValues'),
      acknowledgedValues: list('acknowledgedValues'),
      labelPaths: Object.entries(paths).map(([label, path]) => ({ label, path: String(path) })),
    },
  };
}

/** Server field names (`settings.fingerprint`) as this form's names. */
export function formField(field: string): (string | number)[] {
  if (field === 'settings.resolveTimeout') return ['resolveTimeout'];
  if (field === 'settings.timezone') return ['timezone'];
  return field.split('.');
}

/** The rejection counters of an integration's stats, biggest first (`rejected.json.malformed` → `json.malformed`). */
export function rejections(counters: Record<string, number>): { reason: string; count: number }[] {
  return Object.entries(counters)
    .filter(([k, n]) => k.startsWith('rejected.') && n > 0)
    .map(([k, count]) => ({ reason: k.slice('rejected.'.length), count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

import type { GuardPolicy, PolicyDraft, PolicyKind, Risk } from '../../../api/admin';

export const POLICY_KINDS: PolicyKind[] = ['WINDOW', 'MARKET_HOURS', 'SOURCE_ALLOWLIST'];
export const RISKS: Risk[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export const DAY_TYPES = ['ANY', 'WORKDAY', 'NON_WORKDAY', 'TRADING_DAY', 'NON_TRADING_DAY'] as const;
export type DayType = (typeof DAY_TYPES)[number];

/** `HH:mm`, and for a window's end also `24:00` (runs to midnight). */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const END_TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export interface WindowForm {
  days: string[];
  start: string;
  end: string;
  dayType: DayType;
}

/**
 * The config of any kind as the form holds it: field names are the server's config names
 * (PolicyRules), so the server's `config.windows[0].start` errors land on the right field.
 */
export interface ConfigForm {
  // WINDOW
  mode?: 'ALLOW' | 'FORBID';
  windows?: WindowForm[];
  timeZone?: string;
  allowEmergency?: boolean;
  // WINDOW (optional) and MARKET_HOURS (required): a calendar code
  calendar?: string;
  // MARKET_HOURS
  sessions?: string[];
  marginMinutes?: number | null;
  // SOURCE_ALLOWLIST
  cidrs?: string[];
  // all kinds
  minRisk?: Risk;
}

export interface PolicyForm {
  name: string;
  kind: PolicyKind;
  enabled: boolean;
  environments: string[];
  operationKinds: string[];
  description?: string;
  config: ConfigForm;
}

const KNOWN: Record<PolicyKind, string[]> = {
  WINDOW: ['mode', 'windows', 'timeZone', 'allowEmergency', 'calendar', 'minRisk'],
  MARKET_HOURS: ['calendar', 'sessions', 'marginMinutes', 'minRisk'],
  SOURCE_ALLOWLIST: ['cidrs', 'minRisk'],
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const strings = (v: unknown) =>
  Array.isArray(v)
    ? v
        .filter((s): s is string => typeof s === 'string')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const unique = (list: string[]) => [...new Set(list)];

/** `SAT`, `saturday` → `SATURDAY`; unknown names are kept for the server to reject. */
export function weekday(name: string): string {
  const upper = name.trim().toUpperCase();
  return WEEKDAYS.find((d) => d === upper || d.slice(0, 3) === upper) ?? upper;
}

/** The empty form of a new policy of a kind. */
export function emptyConfig(kind: PolicyKind): ConfigForm {
  switch (kind) {
    case 'WINDOW':
      return {
        mode: 'ALLOW',
        windows: [{ days: [], start: '00:00', end: '06:00', dayType: 'ANY' }],
        allowEmergency: true,
      };
    case 'MARKET_HOURS':
      return { sessions: [], marginMinutes: 0 };
    case 'SOURCE_ALLOWLIST':
      return { cidrs: [] };
  }
}

/** A stored config as the form shows it (defaults filled in as the server applies them). */
export function configToForm(
  kind: PolicyKind,
  config: Record<string, unknown> | null | undefined,
): ConfigForm {
  const c = config ?? {};
  const minRisk = RISKS.includes(text(c.minRisk).toUpperCase() as Risk)
    ? (text(c.minRisk).toUpperCase() as Risk)
    : undefined;
  switch (kind) {
    case 'WINDOW': {
      const windows = Array.isArray(c.windows)
        ? c.windows
            .filter((w): w is Record<string, unknown> => !!w && typeof w === 'object')
            .map((w) => ({
              days: strings(w.days).map(weekday),
              start: text(w.start),
              end: text(w.end),
              dayType: (DAY_TYPES as readonly string[]).includes(text(w.dayType).toUpperCase())
                ? (text(w.dayType).toUpperCase() as DayType)
                : 'ANY',
            }))
        : [];
      return {
        mode: text(c.mode) === 'FORBID' ? 'FORBID' : 'ALLOW',
        windows,
        timeZone: text(c.timeZone) || undefined,
        calendar: text(c.calendar) || undefined,
        allowEmergency: c.allowEmergency !== false,
        minRisk,
      };
    }
    case 'MARKET_HOURS':
      return {
        calendar: text(c.calendar) || undefined,
        sessions: strings(c.sessions),
        marginMinutes: typeof c.marginMinutes === 'number' ? c.marginMinutes : 0,
        minRisk,
      };
    case 'SOURCE_ALLOWLIST':
      return { cidrs: strings(c.cidrs), minRisk };
  }
}

/**
 * The JSON config to send for a form: trimmed, empty optional fields left out, `dayType ANY`
 * and `allowEmergency` only when they say something. Keys of `previous` the form does not
 * know (a newer server's settings) are kept when the kind is unchanged.
 */
export function formToConfig(
  kind: PolicyKind,
  form: ConfigForm,
  previous?: { kind: PolicyKind; config: Record<string, unknown> },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (previous && previous.kind === kind) {
    for (const [k, v] of Object.entries(previous.config ?? {})) if (!KNOWN[kind].includes(k)) out[k] = v;
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== '' && value !== null) out[key] = value;
  };
  switch (kind) {
    case 'WINDOW':
      set('mode', form.mode ?? 'ALLOW');
      out.windows = (form.windows ?? []).map((w) => {
        const window: Record<string, unknown> = {
          days: unique(strings(w?.days).map(weekday)),
          start: text(w?.start),
          end: text(w?.end),
        };
        if (w?.dayType && w.dayType !== 'ANY') window.dayType = w.dayType;
        return window;
      });
      set('calendar', text(form.calendar));
      set('timeZone', text(form.timeZone));
      out.allowEmergency = form.allowEmergency !== false;
      break;
    case 'MARKET_HOURS':
      set('calendar', text(form.calendar));
      if ((form.sessions ?? []).length) out.sessions = unique(strings(form.sessions));
      if (typeof form.marginMinutes === 'number' && form.marginMinutes > 0)
        out.marginMinutes = form.marginMinutes;
      break;
    case 'SOURCE_ALLOWLIST':
      out.cidrs = unique(strings(form.cidrs));
      break;
  }
  set('minRisk', form.minRisk);
  return out;
}

/** A stored policy as the edit form shows it. */
export function policyToForm(policy: GuardPolicy): PolicyForm {
  return {
    name: policy.name,
    kind: policy.kind,
    enabled: policy.enabled,
    environments: policy.environments ?? [],
    operationKinds: policy.operationKinds ?? [],
    description: policy.description ?? undefined,
    config: configToForm(policy.kind, policy.config),
  };
}

/** The body of POST/PUT /api/v1/guard/policies for a form. */
export function formToDraft(form: PolicyForm, previous?: GuardPolicy): PolicyDraft {
  return {
    name: form.name.trim(),
    kind: form.kind,
    enabled: form.enabled,
    environments: unique(strings(form.environments)),
    operationKinds: unique(strings(form.operationKinds)),
    description: form.description?.trim() || null,
    config: formToConfig(form.kind, form.config ?? {}, previous),
  };
}

import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** What the helpers need of i18next: whether a key exists (pass `i18n` from useTranslation). */
export interface KeyLookup {
  exists(key: string): boolean;
}
import { ApiError, type FieldError } from './problem';

/** Interpolation values for an error message: the problem's params, flattened to strings. */
export function values(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string' && ISO_INSTANT.test(v)) out[k] = dayjs(v).format('YYYY-MM-DD HH:mm:ss');
    else out[k] = typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v);
  }
  return out;
}

/** Timestamps in params (`lockedUntil`) are shown in local time, not as ISO strings. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The message to show for an error, in the user's language: `errors.<code>` with the problem's
 * params when the console knows the code, else the server's `detail`, else a generic message.
 */
export function errorMessage(error: unknown, t: TFunction, i18n: KeyLookup): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (i18n.exists(key)) return t(key, { ...values(error.params), interpolation: { escapeValue: false } });
    if (error.detail) return error.detail;
    return t('errors.unknown', { status: error.status });
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.unknown', { status: '' });
}

/** The message for one field error: `errors.<code>` when known, else the server's message. */
export function fieldErrorMessage(error: FieldError, t: TFunction, i18n: KeyLookup): string {
  const key = `errors.${error.code}`;
  if (error.code && i18n.exists(key)) return t(key);
  return error.message || error.code;
}

/** The form field a server field name belongs to: `permissions[2]` → `permissions` when the form has it. */
function placeField(field: string, knownFields?: string[]): string | undefined {
  const normalized = field.replace(/\[(\d+)\]/g, '.$1');
  if (!knownFields) return normalized;
  return knownFields.find((k) => normalized === k || normalized.startsWith(`${k}.`));
}

/** antd `form.setFields` input for the field errors of a problem (field names split on dots). */
export function formFieldErrors(
  error: unknown,
  t: TFunction,
  i18n: KeyLookup,
  knownFields?: string[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- antd types names per form; any form accepts these
): { name: any; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const e of error.errors) {
    const field = e.field ? placeField(e.field, knownFields) : undefined;
    if (!field) continue;
    const list = byField.get(field) ?? [];
    const message = fieldErrorMessage(e, t, i18n);
    if (!list.includes(message)) list.push(message);
    byField.set(field, list);
  }
  return [...byField.entries()].map(([field, errors]) => ({
    name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors,
  }));
}

/**
 * The message for an error shown away from the form's fields: errorMessage, followed by the
 * field errors that no field of the form can show.
 */
export function formErrorMessage(
  error: unknown,
  t: TFunction,
  i18n: KeyLookup,
  knownFields: string[],
): string {
  const base = errorMessage(error, t, i18n);
  if (!(error instanceof ApiError)) return base;
  const unplaced = error.errors.filter((e) => !e.field || !placeField(e.field, knownFields));
  return [base, ...unplaced.map((e) => fieldErrorMessage(e, t, i18n))].join(' ');
}

/** True when every field error of the problem could be placed next to a form field. */
export function allErrorsOnFields(error: unknown, knownFields: string[]): boolean {
  return (
    error instanceof ApiError &&
    error.errors.length > 0 &&
    error.errors.every((e) => !!e.field && !!placeField(e.field, knownFields))
  );
}

import type { TFunction } from 'i18next';
import { fieldErrorMessage, type KeyLookup } from '../../api/errors';
import { ApiError } from '../../api/problem';

/**
 * A server field path as an antd form name: `config.windows[0].start` → `['config',
 * 'windows', 0, 'start']`, `userIds[2]` → `['userIds', 2]`.
 */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * `form.setFields` input for the field errors whose path the form holds (`accepts` is asked
 * with the parsed path); errors on other fields are left for an alert.
 */
export function pathFieldErrors(
  error: unknown,
  t: TFunction,
  i18n: KeyLookup,
  accepts: (path: (string | number)[]) => boolean,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- antd types names per form; any form accepts these
): { name: any; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of error.errors) {
    if (!e.field) continue;
    const name = fieldPath(e.field);
    if (!accepts(name)) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldErrorMessage(e, t, i18n));
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/** True when every field error of the problem is on a path the form holds. */
export function allOnPaths(error: unknown, accepts: (path: (string | number)[]) => boolean): boolean {
  return (
    error instanceof ApiError &&
    error.errors.length > 0 &&
    error.errors.every((e) => !!e.field && accepts(fieldPath(e.field)))
  );
}

/** An `accepts` for pathFieldErrors: the path starts with one of these top-level fields. */
export const under =
  (...roots: string[]) =>
  (path: (string | number)[]) =>
    typeof path[0] === 'string' && roots.includes(path[0]);

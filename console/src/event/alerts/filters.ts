import type { AlertFilters } from '../api';

const LISTS = ['state', 'severity', 'source', 'matcher'] as const;
const SINGLE = ['businessSystem', 'ci', 'q', 'from', 'to'] as const;

/** The states shown when the URL says nothing: what still needs someone. */
export const DEFAULT_STATES = ['OPEN', 'ACKNOWLEDGED'];

/** The alert filters held in the page URL (shareable, and what other pages link to). */
export function filtersFromSearch(params: URLSearchParams): AlertFilters {
  const f: AlertFilters = {};
  for (const k of LISTS) {
    const v = params.getAll(k).filter(Boolean);
    if (v.length) f[k] = v;
  }
  for (const k of SINGLE) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  if (!params.has('state')) f.state = DEFAULT_STATES;
  else if (params.getAll('state').includes('ALL')) delete f.state;
  return f;
}

export function searchFromFilters(f: AlertFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of LISTS) for (const v of f[k] ?? []) p.append(k, v);
  // no state filter at all is said explicitly, else the default would apply again
  if (!f.state?.length) p.set('state', 'ALL');
  for (const k of SINGLE) if (f[k]) p.set(k, f[k]!);
  return p;
}

/** Toggles a value in a list filter. */
export function toggle(list: string[] | undefined, value: string): string[] {
  const l = list ?? [];
  return l.includes(value) ? l.filter((v) => v !== value) : [...l, value];
}

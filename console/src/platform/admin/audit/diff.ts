export interface DiffRow {
  /** `displayName`, `roles[0].name` … */
  path: string;
  before: unknown;
  after: unknown;
  kind: 'added' | 'removed' | 'changed' | 'same';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (isObject(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.length && value.some((v) => isObject(v) || Array.isArray(v))) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else {
    out.set(prefix, value);
  }
}

/**
 * The before/after of an audit record as rows of leaf values, sorted by path: objects are
 * walked into, lists of plain values compared whole. A record with only `after` (created)
 * has every row `added`, with only `before` (deleted) every row `removed`.
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', a);
  if (after !== null && after !== undefined) flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path) => {
    const inA = a.has(path);
    const inB = b.has(path);
    const x = a.get(path);
    const y = b.get(path);
    const kind = !inA
      ? 'added'
      : !inB
        ? 'removed'
        : JSON.stringify(x) === JSON.stringify(y)
          ? 'same'
          : 'changed';
    return { path: path || '·', before: x, after: y, kind };
  });
}

/** A leaf value as text: strings as they are, the rest as JSON, absent as empty. */
export function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

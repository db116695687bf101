import type { TFunction } from 'i18next';
import type { ModelChange, PreviewChange } from './api';

/** The part of a model a change is about, for grouping a diff. */
export type Subject =
  | { kind: 'model' }
  | { kind: 'attribute'; code: string; rule?: string }
  | { kind: 'identification'; name: string }
  | { kind: 'relation'; type: string; target: string };

const MODEL_FIELDS = ['name', 'nameEn', 'group', 'description', 'ownerTeamId'];

/** What a change path (`attributes.ip.required`, `relations.runs_on->host`) is about. */
export function subjectOf(path: string): Subject {
  if (path.startsWith('attributes.')) {
    const rest = path.slice('attributes.'.length);
    const dot = rest.indexOf('.');
    return dot < 0
      ? { kind: 'attribute', code: rest }
      : { kind: 'attribute', code: rest.slice(0, dot), rule: rest.slice(dot + 1) };
  }
  if (path.startsWith('identificationRules.')) {
    return { kind: 'identification', name: path.slice('identificationRules.'.length) };
  }
  if (path.startsWith('relations.')) {
    const rest = path.slice('relations.'.length);
    const arrow = rest.indexOf('->');
    return { kind: 'relation', type: rest.slice(0, arrow), target: rest.slice(arrow + 2) };
  }
  return { kind: 'model' };
}

/** A value of a diff as a short text: lists joined, enums in lower case, nothing as a dash. */
export function showValue(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('cmdb.models.diff.none');
  if (typeof value === 'boolean') return value ? t('cmdb.models.yes') : t('cmdb.models.no');
  if (Array.isArray(value))
    return value.length ? value.map((v) => showValue(v, t)).join(', ') : t('cmdb.models.diff.none');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('cardinality' in o && 'deleteBehaviour' in o) {
      return `${t(`cmdb.models.cardinality.${String(o.cardinality)}`)} / ${t(`cmdb.models.deleteBehaviour.${String(o.deleteBehaviour)}`)}`;
    }
    if ('attributes' in o && Array.isArray(o.attributes)) return (o.attributes as string[]).join(' + ');
    if ('type' in o && 'code' in o) return `${String(o.code)} (${String(o.type).toLowerCase()})`;
    return JSON.stringify(value);
  }
  if (typeof value === 'string' && /^[A-Z_]+$/.test(value)) return value.toLowerCase();
  return String(value);
}

/** One readable line for a change, in the user's language. */
export function describeChange(change: ModelChange, t: TFunction): string {
  const s = subjectOf(change.path);
  const from = showValue(change.from, t);
  const to = showValue(change.to, t);
  const opts = { interpolation: { escapeValue: false } };
  switch (s.kind) {
    case 'attribute': {
      if (!s.rule) {
        if (change.kind === 'ADDED')
          return t('cmdb.models.diff.attributeAdded', { code: s.code, value: to, ...opts });
        if (change.kind === 'REMOVED')
          return t('cmdb.models.diff.attributeRemoved', { code: s.code, ...opts });
        return change.text;
      }
      const rule = t(`cmdb.models.attr.${s.rule}`, { defaultValue: s.rule });
      return t('cmdb.models.diff.attributeRule', { code: s.code, rule, from, to, ...opts });
    }
    case 'identification':
      return t(`cmdb.models.diff.identification${change.kind}`, { name: s.name, from, to, ...opts });
    case 'relation':
      return t(`cmdb.models.diff.relation${change.kind}`, {
        type: s.type,
        target: s.target,
        from,
        to,
        ...opts,
      });
    default:
      if (MODEL_FIELDS.includes(change.path)) {
        const field = t(`cmdb.models.fields.${change.path}`);
        return t('cmdb.models.diff.field', { field, from, to, ...opts });
      }
      return change.text;
  }
}

/** A change group in a diff view: the model's own fields, one attribute, rules, relations. */
export interface ChangeGroup<C extends ModelChange = ModelChange> {
  key: string;
  kind: Subject['kind'];
  title: string;
  changes: C[];
}

/** Changes grouped by what they are about, in first-seen order. */
export function groupChanges<C extends ModelChange>(changes: C[]): ChangeGroup<C>[] {
  const groups = new Map<string, ChangeGroup<C>>();
  for (const c of changes) {
    const s = subjectOf(c.path);
    const key =
      s.kind === 'attribute'
        ? `attribute:${s.code}`
        : s.kind === 'identification'
          ? 'identification'
          : s.kind === 'relation'
            ? 'relation'
            : 'model';
    const title = s.kind === 'attribute' ? s.code : '';
    const group = groups.get(key) ?? { key, kind: s.kind, title, changes: [] };
    group.changes.push(c);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The destructive changes first, then the rest, each in their order. */
export function destructiveFirst(changes: PreviewChange[]): PreviewChange[] {
  return [...changes.filter((c) => c.destructive), ...changes.filter((c) => !c.destructive)];
}

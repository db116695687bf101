import type { BundlePreview, PreviewAction } from './api';

/** One row of the import preview table. */
export interface PreviewRow {
  key: string;
  scope: 'modelGroup' | 'relationType' | 'model';
  code: string;
  action: PreviewAction;
  /** the change as the server wrote it; `path` set for model changes (for localisation) */
  text: string;
  path?: string;
  change?: BundlePreview['models'][number]['changes'][number];
  destructive: boolean;
  reason?: string | null;
}

/**
 * The preview as table rows: every change of every group, relation type and model, and one
 * row for each thing the bundle leaves unchanged (so the user sees it was looked at).
 */
export function previewRows(preview: BundlePreview): PreviewRow[] {
  const rows: PreviewRow[] = [];
  for (const [scope, items] of [
    ['modelGroup', preview.modelGroups],
    ['relationType', preview.relationTypes],
  ] as const) {
    for (const item of items) {
      if (item.changes.length === 0) {
        rows.push({
          key: `${scope}:${item.code}`,
          scope,
          code: item.code,
          action: item.action,
          text: '',
          destructive: false,
        });
      }
      item.changes.forEach((text, i) =>
        rows.push({
          key: `${scope}:${item.code}:${i}`,
          scope,
          code: item.code,
          action: item.action,
          text,
          destructive: item.destructive,
        }),
      );
    }
  }
  for (const model of preview.models) {
    if (model.changes.length === 0) {
      rows.push({
        key: `model:${model.code}`,
        scope: 'model',
        code: model.code,
        action: model.action,
        text: '',
        destructive: false,
      });
    }
    model.changes.forEach((c, i) =>
      rows.push({
        key: `model:${model.code}:${i}`,
        scope: 'model',
        code: model.code,
        action: model.action,
        text: c.text,
        path: c.path,
        change: c,
        destructive: c.destructive,
        reason: c.reason,
      }),
    );
  }
  // destructive rows first so they cannot be overlooked; otherwise the server's order
  return [...rows.filter((r) => r.destructive), ...rows.filter((r) => !r.destructive)];
}

export interface PreviewSummary {
  added: number;
  changed: number;
  unchanged: number;
  destructive: number;
  migrated: number;
  flagged: number;
}

/** Counts over the models (added/changed/unchanged, CIs migrated/flagged) and destructive changes. */
export function previewSummary(preview: BundlePreview): PreviewSummary {
  const count = (a: PreviewAction) => preview.models.filter((m) => m.action === a).length;
  return {
    added: count('ADDED'),
    changed: count('CHANGED'),
    unchanged: count('UNCHANGED'),
    destructive: preview.destructiveChanges.length,
    migrated: preview.models.reduce((n, m) => n + m.cis.migrated, 0),
    flagged: preview.models.reduce((n, m) => n + m.cis.flagged, 0),
  };
}

/** Whether the import may be applied: nothing destructive, or the user allowed it. */
export function canApply(preview: BundlePreview | undefined, allowDestructive: boolean): boolean {
  if (!preview) return false;
  const nothing =
    preview.models.every((m) => m.action === 'UNCHANGED') &&
    [...preview.modelGroups, ...preview.relationTypes].every((i) => i.action === 'UNCHANGED');
  return !nothing && (!preview.destructive || allowDestructive);
}

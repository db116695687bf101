import { describe, expect, it } from 'vitest';
import type { BundlePreview, ModelPreview } from './api';
import { byGroup } from './ModelsPage';
import { canApply, previewRows, previewSummary } from './preview';
import { attributeField, fromFormValues, parseDefault } from './attributeForm';

const model = (
  code: string,
  action: ModelPreview['action'],
  destructive: boolean[],
  migrated = 0,
  flagged = 0,
): ModelPreview => ({
  code,
  action,
  currentVersion: 3,
  destructive: destructive.some(Boolean),
  cis: { checked: migrated + flagged, migrated, flagged, flaggedByAttribute: {} },
  changes: destructive.map((d, i) => ({
    path: `attributes.a${i}`,
    kind: d ? 'REMOVED' : 'ADDED',
    text: `attribute a${i} ${d ? 'removed' : 'added'}`,
    destructive: d,
    reason: d ? 'attribute-removed' : null,
  })),
});

const bundle = (models: ModelPreview[], typeDestructive = false): BundlePreview => ({
  formatVersion: 1,
  modelGroups: [{ code: 'iaas', action: 'UNCHANGED', changes: [], destructive: false }],
  relationTypes: [
    {
      code: 'runs_on',
      action: typeDestructive ? 'CHANGED' : 'UNCHANGED',
      changes: typeDestructive ? ['acyclic: false → true'] : [],
      destructive: typeDestructive,
    },
  ],
  models,
  destructive: typeDestructive || models.some((m) => m.destructive),
  destructiveChanges: [
    ...(typeDestructive ? ['relation type runs_on: acyclic'] : []),
    ...models.flatMap((m) => m.changes.filter((c) => c.destructive).map((c) => `${m.code}: ${c.text}`)),
  ],
});

describe('bundle import preview', () => {
  it('puts destructive rows first and keeps a row for what does not change', () => {
    const rows = previewRows(
      bundle([model('host', 'CHANGED', [false, true], 5, 2), model('rack', 'UNCHANGED', [])], true),
    );
    expect(rows.map((r) => [r.scope, r.code, r.destructive])).toEqual([
      ['relationType', 'runs_on', true],
      ['model', 'host', true],
      ['modelGroup', 'iaas', false],
      ['model', 'host', false],
      ['model', 'rack', false],
    ]);
    expect(rows[1].reason).toBe('attribute-removed');
    expect(rows[1].change?.path).toBe('attributes.a1');
  });

  it('sums models and CIs', () => {
    expect(
      previewSummary(
        bundle([
          model('host', 'CHANGED', [true], 5, 2),
          model('app', 'ADDED', [false]),
          model('rack', 'UNCHANGED', [], 1),
        ]),
      ),
    ).toEqual({ added: 1, changed: 1, unchanged: 1, destructive: 1, migrated: 6, flagged: 2 });
  });

  it('applies only what changes, and destructive changes only when allowed', () => {
    const destructive = bundle([model('host', 'CHANGED', [true])]);
    expect(canApply(destructive, false)).toBe(false);
    expect(canApply(destructive, true)).toBe(true);
    expect(canApply(bundle([model('app', 'ADDED', [false])]), false)).toBe(true);
    expect(canApply(bundle([model('rack', 'UNCHANGED', [])]), true)).toBe(false);
    expect(canApply(undefined, true)).toBe(false);
  });
});

describe('the attribute form', () => {
  it('reads defaults by type', () => {
    expect(parseDefault('8', 'INT')).toBe(8);
    expect(parseDefault('["a"]', 'LIST')).toEqual(['a']);
    expect(parseDefault('8', 'STRING')).toBe('8');
    expect(parseDefault('', 'INT')).toBeNull();
    expect(parseDefault('not json', 'BOOL')).toBeUndefined();
  });

  it('leaves out rules the type does not take', () => {
    const a = fromFormValues({
      code: ' rack_no ',
      name: '机柜号',
      type: 'INT',
      regex: '^[0-9]+$',
      enumValues: ['x'],
      min: 1,
      max: 42,
      defaultText: '7',
      referenceModel: 'rack',
    });
    expect(a).toMatchObject({
      code: 'rack_no',
      type: 'INT',
      regex: null,
      enumValues: [],
      min: 1,
      max: 42,
      defaultValue: 7,
      referenceModel: null,
    });
  });

  it('maps the server field errors of one attribute onto its fields', () => {
    expect(attributeField('attributes[2].regex', 2)).toEqual(['regex']);
    expect(attributeField('attributes[2].defaultValue', 2)).toEqual(['defaultText']);
    expect(attributeField('attributes[2].enumValues[1]', 2)).toEqual(['enumValues']);
    expect(attributeField('attributes[1].regex', 2)).toBeNull();
    expect(attributeField('name', 2)).toBeNull();
  });
});

describe('the model list', () => {
  const m = (code: string, group: string, name = code) => ({
    id: code,
    code,
    name,
    group,
    builtIn: false,
    version: 1,
    attributes: [],
    identificationRules: [],
    relations: [],
    updatedAt: '',
  });
  it('groups models by model group in group order and filters by code or name', () => {
    const groups = [
      { code: 'iaas', name: '基础设施', nameEn: 'IaaS', sortOrder: 40 },
      { code: 'business', name: '业务', nameEn: 'Business', sortOrder: 10 },
      { code: 'paas', name: '平台', nameEn: 'PaaS', sortOrder: 30 },
    ];
    const models = [m('host', 'iaas', '主机'), m('business_system', 'business', '业务系统'), m('lab', 'lab')];
    expect(byGroup(groups, models, '').map((g) => [g.group.code, g.models.map((x) => x.code)])).toEqual([
      ['business', ['business_system']],
      ['iaas', ['host']],
      ['lab', ['lab']],
    ]);
    expect(byGroup(groups, models, '主机').map((g) => g.group.code)).toEqual(['iaas']);
  });
});

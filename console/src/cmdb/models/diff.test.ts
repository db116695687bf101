import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelChange, PreviewChange } from './api';
import { describeChange, destructiveFirst, groupChanges, showValue, subjectOf } from './diff';
import en from './i18n/en.json';
import zh from './i18n/zh-CN.json';

let t: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  t = i18n.getFixedT('zh-CN');
  tEn = i18n.getFixedT('en');
});

const change = (path: string, kind: ModelChange['kind'], from: unknown, to: unknown): ModelChange => ({
  path,
  kind,
  from,
  to,
  text: `server: ${path}`,
});

describe('model diffs for people', () => {
  it('knows what each change path is about', () => {
    expect(subjectOf('attributes.ip.required')).toEqual({ kind: 'attribute', code: 'ip', rule: 'required' });
    expect(subjectOf('attributes.ip')).toEqual({ kind: 'attribute', code: 'ip' });
    expect(subjectOf('identificationRules.serial')).toEqual({ kind: 'identification', name: 'serial' });
    expect(subjectOf('relations.runs_on->rack')).toEqual({
      kind: 'relation',
      type: 'runs_on',
      target: 'rack',
    });
    expect(subjectOf('name')).toEqual({ kind: 'model' });
  });

  it('renders attribute rules, fields and relations in Chinese and English', () => {
    expect(describeChange(change('attributes.ip.required', 'CHANGED', false, true), t)).toBe(
      '属性 ip 的必填：否 → 是',
    );
    expect(describeChange(change('attributes.tier.enumValues', 'CHANGED', ['a', 'b'], ['a']), tEn)).toBe(
      'attribute tier: enum values a, b → a',
    );
    expect(describeChange(change('attributes.kva.type', 'CHANGED', 'INT', 'DECIMAL'), tEn)).toBe(
      'attribute kva: Type int → decimal',
    );
    expect(describeChange(change('name', 'CHANGED', '主机', '服务器'), t)).toBe('名称：主机 → 服务器');
    expect(describeChange(change('attributes.legacy', 'REMOVED', { code: 'legacy' }, null), t)).toBe(
      '删除属性 legacy',
    );
    expect(
      describeChange(
        change(
          'relations.runs_on->rack',
          'CHANGED',
          { cardinality: 'MANY_TO_MANY', deleteBehaviour: 'DETACH' },
          {
            cardinality: 'ONE_TO_MANY',
            deleteBehaviour: 'BLOCK',
          },
        ),
        t,
      ),
    ).toBe('模型关联 runs_on → rack：N:N / 解除关联 → 1:N / 阻止删除');
    expect(
      describeChange(
        change('identificationRules.sn', 'ADDED', null, { name: 'sn', attributes: ['sn', 'vendor'] }),
        tEn,
      ),
    ).toBe('identification rule sn added (sn + vendor)');
  });

  it('shows nothing as a dash and unknown paths as the server wrote them', () => {
    expect(showValue(null, t)).toBe('（无）');
    expect(showValue([], tEn)).toBe('(none)');
    expect(describeChange(change('somethingNew', 'CHANGED', 1, 2), t)).toBe('server: somethingNew');
  });

  it('groups changes by what they are about and lists destructive ones first', () => {
    const changes = [
      change('name', 'CHANGED', 'a', 'b'),
      change('attributes.ip.required', 'CHANGED', false, true),
      change('attributes.ip.regex', 'ADDED', null, '.*'),
      change('relations.runs_on->rack', 'ADDED', null, {}),
      change('attributes.os', 'REMOVED', {}, null),
    ];
    expect(groupChanges(changes).map((g) => [g.key, g.changes.length])).toEqual([
      ['model', 1],
      ['attribute:ip', 2],
      ['relation', 1],
      ['attribute:os', 1],
    ]);
    const classified: PreviewChange[] = changes.map((c) => ({
      ...c,
      destructive: c.kind === 'REMOVED',
      reason: null,
    }));
    expect(destructiveFirst(classified).map((c) => c.path)[0]).toBe('attributes.os');
  });
});

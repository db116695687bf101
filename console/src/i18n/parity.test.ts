import { describe, expect, it } from 'vitest';
import { flattenKeys, LANGUAGES, mergeResources, type Tree } from './resources';

const files = import.meta.glob<Tree>('/src/**/i18n/*.json', { eager: true, import: 'default' });

describe('translations', () => {
  const merged = mergeResources(files);

  it('exist for every supported language', () => {
    expect(Object.keys(merged).sort()).toEqual([...LANGUAGES].sort());
  });

  it('have the same keys in zh-CN and en', () => {
    const zh = new Set(flattenKeys(merged['zh-CN']));
    const en = new Set(flattenKeys(merged.en));
    expect(
      [...zh].filter((k) => !en.has(k)),
      'keys missing in en',
    ).toEqual([]);
    expect(
      [...en].filter((k) => !zh.has(k)),
      'keys missing in zh-CN',
    ).toEqual([]);
  });

  it('come in pairs: every feature folder has both languages', () => {
    const folders = new Map<string, Set<string>>();
    for (const path of Object.keys(files)) {
      const folder = path.slice(0, path.lastIndexOf('/'));
      folders.set(folder, (folders.get(folder) ?? new Set()).add(path.slice(folder.length + 1)));
    }
    for (const [folder, names] of folders) {
      expect([...names].sort(), folder).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
    }
  });

  it('have no empty texts', () => {
    for (const lng of LANGUAGES) {
      const walk = (t: Tree, p: string): string[] =>
        Object.entries(t).flatMap(([k, v]) =>
          typeof v === 'string' ? (v.trim() ? [] : [p + k]) : walk(v, `${p}${k}.`),
        );
      expect(walk(merged[lng], ''), lng).toEqual([]);
    }
  });
});

describe('mergeResources', () => {
  it('merges feature files into one tree per language', () => {
    const merged = mergeResources({
      '/src/a/i18n/en.json': { a: { x: 'X' }, errors: { a: { bad: 'bad a' } } },
      '/src/b/i18n/en.json': { b: { y: 'Y' }, errors: { b: { bad: 'bad b' } } },
    });
    expect(flattenKeys(merged.en).sort()).toEqual(['a.x', 'b.y', 'errors.a.bad', 'errors.b.bad']);
  });

  it('refuses a key defined by two files', () => {
    expect(() =>
      mergeResources({ '/src/a/i18n/en.json': { a: { x: 'X' } }, '/src/b/i18n/en.json': { a: { x: 'Y' } } }),
    ).toThrow(/a\.x/);
  });
});

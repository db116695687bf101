/** A translation tree as written in the JSON files. */
export type Tree = { [key: string]: string | Tree };

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of a translation file from its path (`…/i18n/zh-CN.json` → `zh-CN`). */
export function languageOf(path: string): string {
  const m = /\/i18n\/([^/]+)\.json$/.exec(path);
  if (!m) throw new Error(`not a translation file: ${path}`);
  return m[1];
}

/** Every leaf key of a tree, dotted (`{a: {b: 'x'}}` → `['a.b']`). */
export function flattenKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : flattenKeys(v, `${prefix}${k}.`),
  );
}

function mergeInto(target: Tree, source: Tree, path: string, file: string) {
  for (const [k, v] of Object.entries(source)) {
    const here = path ? `${path}.${k}` : k;
    const existing = target[k];
    if (existing === undefined) {
      target[k] = typeof v === 'string' ? v : mergeInto({}, v, here, file);
    } else if (typeof existing === 'string' || typeof v === 'string') {
      throw new Error(`translation key "${here}" is defined twice (again in ${file})`);
    } else {
      mergeInto(existing, v, here, file);
    }
  }
  return target;
}

/**
 * Merges the per-feature translation files (one JSON file per language in each feature's
 * `i18n/` folder) into one tree per language. A key defined by two files is an error.
 */
export function mergeResources(files: Record<string, Tree>): Record<string, Tree> {
  const out: Record<string, Tree> = {};
  for (const path of Object.keys(files).sort()) {
    const lng = languageOf(path);
    out[lng] = mergeInto(out[lng] ?? {}, files[path], '', path);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/problem';
import { allOnPaths, fieldPath, pathFieldErrors, under } from './fieldErrors';

const t = ((key: string) => `T:${key}`) as unknown as TFunction;
const i18n = { exists: (key: string) => key === 'errors.guard.policy.required' };

describe('field errors with list indexes', () => {
  it('parses server paths into form names', () => {
    expect(fieldPath('config.windows[0].start')).toEqual(['config', 'windows', 0, 'start']);
    expect(fieldPath('userIds[2]')).toEqual(['userIds', 2]);
    expect(fieldPath('name')).toEqual(['name']);
    expect(fieldPath('a.0.b')).toEqual(['a', 0, 'b']);
  });

  it('places the errors the form holds and tells whether any is left over', () => {
    const error = new ApiError(422, 'validation.failed', 'bad', {}, [
      { field: 'config.windows[1].end', code: 'guard.policy.required', message: 'end is required' },
      { field: 'config.windows[1].end', code: 'guard.policy.time-invalid', message: 'not a time' },
      { field: 'kind', code: 'guard.policy.kind-invalid', message: 'bad kind' },
    ]);
    expect(pathFieldErrors(error, t, i18n, under('config'))).toEqual([
      { name: ['config', 'windows', 1, 'end'], errors: ['T:errors.guard.policy.required', 'not a time'] },
    ]);
    expect(allOnPaths(error, under('config'))).toBe(false);
    expect(allOnPaths(error, under('config', 'kind'))).toBe(true);
    expect(pathFieldErrors(new Error('x'), t, i18n, under('config'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { readCookie } from './csrf';
import { allErrorsOnFields, errorMessage, formErrorMessage, formFieldErrors, values } from './errors';
import { ApiError, parseProblem } from './problem';
import { withQuery } from './client';

describe('readCookie', () => {
  it('finds the XSRF-TOKEN among other cookies, decoded', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('XSRF-TOKEN', 'XSRF-TOKEN=first')).toBe('first');
  });
  it('does not match a cookie whose name only ends the same', () => {
    expect(readCookie('XSRF-TOKEN', 'MY-XSRF-TOKEN=x')).toBeUndefined();
    expect(readCookie('XSRF-TOKEN', '')).toBeUndefined();
  });
});

describe('parseProblem', () => {
  it('reads code, detail, params and field errors', () => {
    const e = parseProblem(409, {
      type: 'https://tianshu.io/problems/role.mutually-exclusive',
      title: 'Conflict',
      status: 409,
      detail: 'auditor excludes operator',
      code: 'role.mutually-exclusive',
      params: { role: 'auditor', conflictingRole: 'operator' },
    });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.detail]).toEqual([
      409,
      'role.mutually-exclusive',
      'auditor excludes operator',
    ]);
    expect(e.params).toEqual({ role: 'auditor', conflictingRole: 'operator' });
    expect(e.errors).toEqual([]);
  });
  it('derives the code from the type when the property is missing', () => {
    expect(
      parseProblem(404, { type: 'https://tianshu.io/problems/user.not-found', title: 'Not Found' }).code,
    ).toBe('user.not-found');
  });
  it('keeps field errors', () => {
    const e = parseProblem(422, {
      code: 'validation.failed',
      errors: [{ field: 'newPassword', code: 'password.too-short', message: 'too short' }],
    });
    expect(e.errors).toEqual([{ field: 'newPassword', code: 'password.too-short', message: 'too short' }]);
  });
  it('turns a non-problem answer into http.<status>', () => {
    const e = parseProblem(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(e.code).toBe('http.502');
    expect(parseProblem(500, undefined, 'Server Error').detail).toBe('Server Error');
  });
});

// a t() that renders "key|param=value" so tests see what was asked for
const t = ((key: string, opts?: Record<string, unknown>) =>
  key +
  Object.entries(opts ?? {})
    .filter(([k]) => k !== 'interpolation')
    .map(([k, v]) => `|${k}=${String(v)}`)
    .join('')) as unknown as TFunction;
const known = (...keys: string[]) => ({ exists: (k: string | string[]) => keys.includes(String(k)) });

describe('errorMessage', () => {
  it('translates a known code with its params', () => {
    const e = new ApiError(409, 'role.mutually-exclusive', 'server text', {
      role: 'auditor',
      conflictingRole: 'operator',
    });
    expect(errorMessage(e, t, known('errors.role.mutually-exclusive'))).toBe(
      'errors.role.mutually-exclusive|role=auditor|conflictingRole=operator',
    );
  });
  it("falls back to the server's detail for an unknown code", () => {
    expect(errorMessage(new ApiError(409, 'cmdb.something', 'Der Server sagt nein'), t, known())).toBe(
      'Der Server sagt nein',
    );
  });
  it('falls back to a generic message without detail', () => {
    expect(errorMessage(new ApiError(500, 'x', ''), t, known())).toBe('errors.unknown|status=500');
  });
  it('shows timestamps in params in local time, not ISO', () => {
    expect(values({ lockedUntil: '2026-03-01T08:15:00Z' }).lockedUntil).toMatch(/^2026-03-01 \d{2}:15:00$/);
    expect(values({ n: 3, list: ['a', 'b'] })).toEqual({ n: '3', list: 'a, b' });
  });
});

describe('formFieldErrors', () => {
  const e = new ApiError(422, 'validation.failed', 'invalid', {}, [
    { field: 'newPassword', code: 'password.too-short', message: 'at least 12' },
    { field: 'newPassword', code: 'password.contains-username', message: 'contains username' },
    { field: 'items.0.name', code: 'custom', message: 'bad name' },
    { field: 'other', code: 'x', message: 'elsewhere' },
  ]);
  it('groups messages per field, translated when known, nested names split', () => {
    const fields = formFieldErrors(e, t, known('errors.password.too-short'));
    expect(fields).toEqual([
      { name: ['newPassword'], errors: ['errors.password.too-short', 'contains username'] },
      { name: ['items', 0, 'name'], errors: ['bad name'] },
      { name: ['other'], errors: ['elsewhere'] },
    ]);
  });
  it('keeps only the fields the form has when told', () => {
    expect(formFieldErrors(e, t, known(), ['newPassword']).map((f) => f.name)).toEqual([['newPassword']]);
    expect(allErrorsOnFields(e, ['newPassword'])).toBe(false);
    expect(allErrorsOnFields(e, ['newPassword', 'items.0.name', 'other'])).toBe(true);
    expect(formFieldErrors(new Error('x'), t, known())).toEqual([]);
  });
});

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/users', { query: 'zhang san', cursor: undefined, limit: 20, x: '' })).toBe(
      '/api/v1/users?query=zhang+san&limit=20',
    );
    expect(withQuery('/a')).toBe('/a');
  });
});

describe('field errors of list fields', () => {
  const e = new ApiError(422, 'validation.failed', 'invalid', {}, [
    { field: 'permissions[1]', code: 'token.permission-not-held', message: 'You do not hold platform.x' },
    { field: 'permissions[2]', code: 'token.permission-not-held', message: 'You do not hold platform.x' },
    { field: 'expiresAt', code: 'token.expiry-too-far', message: 'at most 365 days' },
  ]);
  it('go to the list field, once per message', () => {
    expect(formFieldErrors(e, t, known('errors.token.permission-not-held'), ['permissions'])).toEqual([
      { name: ['permissions'], errors: ['errors.token.permission-not-held'] },
    ]);
    expect(allErrorsOnFields(e, ['permissions', 'expiresAt'])).toBe(true);
  });
  it('not placed on a field are added to the message shown above the form', () => {
    expect(formErrorMessage(e, t, known('errors.validation.failed'), ['permissions'])).toBe(
      'errors.validation.failed at most 365 days',
    );
  });
});

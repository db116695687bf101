import { describe, expect, it } from 'vitest';
import {
  formatMatcher,
  formatPlainMatcher,
  matchersFromLabels,
  matchesLabels,
  parseMatcher,
  parseMatcherList,
  validateMatcher,
} from './matchers';

describe('parseMatcher', () => {
  it.each([
    ['alertname="DiskFull"', { name: 'alertname', op: '=', value: 'DiskFull' }],
    ['alertname=~"Disk.*"', { name: 'alertname', op: '=~', value: 'Disk.*' }],
    ['env != "dev"', { name: 'env', op: '!=', value: 'dev' }],
    ['job!~node|blackbox', { name: 'job', op: '!~', value: 'node|blackbox' }],
    ['msg="say \\"hi\\" \\\\ ok"', { name: 'msg', op: '=', value: 'say "hi" \\ ok' }],
    ['empty=""', { name: 'empty', op: '=', value: '' }],
  ])('reads %s', (text, matcher) => {
    expect(parseMatcher(text)).toEqual({ ok: true, matcher });
  });

  it.each([
    ['', 'empty'],
    ['alertname', 'syntax'],
    ['=value', 'syntax'],
    ['9lives="x"', 'name'],
    ['a=~"(unclosed"', 'regex'],
    ['a="open', 'quote'],
    ['a="x" trailing', 'syntax'],
  ])('refuses %j as %s', (text, error) => {
    expect(parseMatcher(text)).toEqual({ ok: false, error });
  });
});

describe('formatting', () => {
  it('quotes and escapes as Alertmanager does, and reads its own output back', () => {
    const m = { name: 'msg', op: '=~' as const, value: 'a"b\\c' };
    expect(formatMatcher(m)).toBe('msg=~"a\\"b\\\\c"');
    expect(parseMatcher(formatMatcher(m))).toEqual({ ok: true, matcher: m });
  });

  it('writes the plain form for the server rules, quoting only blank-edged values', () => {
    expect(formatPlainMatcher({ name: 'env', op: '!=', value: 'dev' })).toBe('env!=dev');
    expect(formatPlainMatcher({ name: 'x', op: '=', value: ' a ' })).toBe('x=" a "');
  });
});

describe('lists and matching', () => {
  it('splits a brace list, keeping commas inside quotes', () => {
    const r = parseMatcherList('{alertname=~"Disk.*", mount="/a,b", env!=dev}');
    expect(r).toEqual({
      ok: true,
      matchers: [
        { name: 'alertname', op: '=~', value: 'Disk.*' },
        { name: 'mount', op: '=', value: '/a,b' },
        { name: 'env', op: '!=', value: 'dev' },
      ],
    });
    expect(parseMatcherList('a=b, 1x=c')).toEqual({ ok: false, error: 'name', part: '1x=c' });
  });

  it('anchors regexes and treats a missing label as empty', () => {
    const labels = { alertname: 'DiskFull' };
    expect(matchesLabels({ name: 'alertname', op: '=~', value: 'Disk' }, labels)).toBe(false);
    expect(matchesLabels({ name: 'alertname', op: '=~', value: 'Disk.*' }, labels)).toBe(true);
    expect(matchesLabels({ name: 'env', op: '=', value: '' }, labels)).toBe(true);
    expect(matchesLabels({ name: 'env', op: '!~', value: '.+' }, labels)).toBe(true);
  });

  it('builds equality matchers from labels, alertname first, skipping volatile ones', () => {
    expect(matchersFromLabels({ zone: 'a', alertname: 'X', value: '93', bad_: '' }, ['value'])).toEqual([
      { name: 'alertname', op: '=', value: 'X' },
      { name: 'zone', op: '=', value: 'a' },
    ]);
  });

  it('validates names and regexes of form-built matchers', () => {
    expect(validateMatcher({ name: 'ok_name', op: '=~', value: '.*' })).toBeNull();
    expect(validateMatcher({ name: '', op: '=', value: 'x' })).toBe('empty');
    expect(validateMatcher({ name: 'a-b', op: '=', value: 'x' })).toBe('name');
  });
});

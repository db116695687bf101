import { describe, expect, it } from 'vitest';
import { badPairLines, formatPairs, parsePairs } from './pairs';

describe('label pairs', () => {
  it('reads name=value lines, keeping = inside values', () => {
    expect(parsePairs('env = prod\n\nurl=http://x/?a=b\n=bad\nnoeq')).toEqual({
      env: 'prod',
      url: 'http://x/?a=b',
    });
    expect(formatPairs({ a: '1', b: '2' })).toBe('a=1\nb=2');
    expect(parsePairs(formatPairs({ a: '1=2' }))).toEqual({ a: '1=2' });
  });

  it('names the lines that are not pairs', () => {
    expect(badPairLines('a=1\n=x\nfoo\n ')).toEqual(['=x', 'foo']);
  });
});

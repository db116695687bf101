import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, hotp, totp } from './totp.mjs';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890"
const seed = Buffer.from('12345678901234567890');

test('RFC 4226 HOTP vectors', () => {
  assert.deepEqual([0, 1, 9].map((c) => hotp(seed, c)), ['755224', '287082', '520489']);
});

test('RFC 6238 TOTP vectors (8 digits truncated to 6)', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of the seed
  assert.deepEqual(base32Decode(secret), seed);
  assert.equal(totp(secret, 59_000), '287082');
  assert.equal(totp(secret, 1111111109_000), '081804');
});

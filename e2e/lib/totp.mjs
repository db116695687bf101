// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret, with node's crypto only.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input) {
  const clean = input.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

export function totp(secret, at = Date.now(), step = 30) {
  return hotp(base32Decode(secret), Math.floor(at / 1000 / step));
}

/**
 * A code for a time step not used before with this secret (servers refuse a replayed code),
 * waiting for the next step when needed, and never within 2 s of a step's end.
 */
export async function freshTotp(secret, used = new Set()) {
  for (;;) {
    const now = Date.now();
    const stepNo = Math.floor(now / 30000);
    const left = 30000 - (now % 30000);
    if (!used.has(stepNo) && left > 2000) {
      used.add(stepNo);
      return totp(secret, now);
    }
    await new Promise((r) => setTimeout(r, left + 200));
  }
}

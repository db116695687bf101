// The real jar with the demo data on a fresh database, for journeys that need the demo estate
// (the recipe of lib/server.mjs, which starts without demo data), plus the console sign-in the
// journeys share.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { startServer } from './server.mjs';
import { freshTotp } from './totp.mjs';

/** A free TCP port on loopback. */
export function freeTcpPort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** A free UDP port on loopback. */
export function freeUdpPort() {
  return new Promise((ok, fail) => {
    const s = createSocket('udp4');
    s.on('error', fail);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * lib/server.mjs's startServer with `--tianshu.demo=true` and the given extra arguments. The caller
 * passes listener ports or turns the listeners off (the demo turns the syslog/SNMP listeners on,
 * and their fixed default ports would collide with any other Tianshu).
 */
export function startDemoServer({ jar, logFile, extraArgs = [], timeoutMs = 300_000 }) {
  return startServer({ jar, logFile, extraArgs, timeoutMs, demo: true });
}

/** Sends each message as one UDP datagram (syslog over UDP, RFC 5426). */
export function sendUdp(port, messages) {
  return new Promise((ok, fail) => {
    const socket = createSocket('udp4');
    socket.on('error', fail);
    let left = messages.length;
    for (const m of messages) {
      socket.send(Buffer.from(m, 'utf8'), port, '127.0.0.1', (err) => {
        if (err) {
          socket.close();
          fail(err);
        } else if (--left === 0) {
          socket.close();
          ok();
        }
      });
    }
  });
}

const tid = (id) => `[data-testid="${id}"]`;

/**
 * Signs in through the login page: the forced password change and the TOTP enrolment or code
 * as the server asks. Returns the TOTP secret (enrolled now, or the one passed in).
 */
export async function signIn(page, { username, password, newPassword, totpSecret, usedSteps = new Set() }) {
  await page.locator(tid('login-form')).waitFor();
  await page.locator(tid('login-username')).fill(username);
  await page.locator(tid('login-password')).fill(password);
  await page.locator(tid('login-submit')).click();
  let secret = totpSecret;
  let current = password;
  for (let i = 0; i < 5; i++) {
    const next = await Promise.race([
      page.locator(tid('user-menu')).waitFor().then(() => 'shell'),
      page.locator(`${tid('login-card')} ${tid('password-form')}`).waitFor().then(() => 'change'),
      page.locator(`${tid('login-card')} ${tid('totp-form')}`).waitFor().then(() => 'totp'),
      page.locator(`${tid('login-card')} ${tid('totp-secret')}`).waitFor().then(() => 'enrol'),
      page.locator(`${tid('login-card')} ${tid('login-error')}`).waitFor().then(() => 'error'),
    ]);
    if (next === 'shell') return secret;
    if (next === 'error') assert.fail(`sign-in failed: ${await page.locator(tid('login-error')).innerText()}`);
    if (next === 'change') {
      await page.locator(tid('password-current')).fill(current);
      await page.locator(tid('password-new')).fill(newPassword);
      await page.locator(tid('password-confirm')).fill(newPassword);
      await page.locator(tid('password-submit')).click();
      await page.locator(tid('password-form')).waitFor({ state: 'detached' });
      current = newPassword;
    }
    if (next === 'enrol') {
      secret = (await page.locator(tid('totp-secret')).innerText()).trim();
      await page.locator(tid('totp-confirm-code')).fill(await freshTotp(secret, usedSteps));
      await page.locator(tid('totp-confirm')).click();
      await page.locator(tid('recovery-codes')).waitFor();
      await page.locator(tid('totp-done')).click();
    }
    if (next === 'totp') {
      assert.ok(secret, 'asked for a TOTP code without being enrolled');
      await page.locator(tid('login-totp-code')).fill(await freshTotp(secret, usedSteps));
      await page.locator(tid('login-totp-submit')).click();
      await page.locator(tid('totp-form')).waitFor({ state: 'detached' });
    }
  }
  assert.fail('sign-in did not reach the console');
}

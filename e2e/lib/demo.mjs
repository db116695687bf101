// The real jar with the demo data on a fresh database, for journeys that need the demo estate
// (the recipe of lib/server.mjs, which starts without demo data), plus the console sign-in the
// journeys share. journeys/cmdb.test.mjs still has its own copy of both.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * Starts the jar with `--tianshu.demo=true` and the given extra arguments; resolves when
 * `/actuator/health/readiness` answers. The caller passes listener ports (the demo turns the
 * syslog/SNMP listeners on, and their fixed default ports would collide with any other Tianshu).
 */
export async function startDemoServer({ jar, logFile, extraArgs = [], timeoutMs = 300_000 }) {
  if (!existsSync(jar)) throw new Error(`the server jar ${jar} does not exist: build it first (./mvnw -B package -pl server)`);
  const home = process.env.JAVA_HOME;
  const java = home && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
  const dataDir = await mkdtemp(join(tmpdir(), 'tianshu-e2e-demo-'));
  const port = await freeTcpPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logFile);
  const started = Date.now();
  const child = spawn(
    java,
    ['-Xmx1g', '-jar', jar, `--server.port=${port}`, `--tianshu.data-dir=${dataDir}`, '--tianshu.demo=true', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && exited === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    }
    log.end();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    for (;;) {
      if (exited) throw new Error(`the server exited during start (${JSON.stringify(exited)}); see ${logFile}`);
      if (Date.now() - started > timeoutMs) throw new Error(`the server was not ready within ${timeoutMs} ms; see ${logFile}`);
      try {
        if ((await fetch(`${baseUrl}/actuator/health/readiness`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    baseUrl,
    readyAfterMs: Date.now() - started,
    adminPassword: async () => (await readFile(join(dataDir, 'initial-admin-password'), 'utf8')).trim(),
    stop,
  };
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

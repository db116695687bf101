// Starts the real Tianshu jar on a fresh embedded database, on a free port.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function javaExecutable() {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  return 'java';
}

/**
 * `demo: true` starts with the demo data (the caller then passes listener ports or turns the
 * syslog/SNMP listeners off: they follow the demo switch and their fixed ports would collide).
 * @returns {{baseUrl, dataDir, readyAfterMs, adminPassword: () => Promise<string>, stop}}
 */
export async function startServer({ jar, logFile, timeoutMs = 240_000, extraArgs = [], jvmArgs = [], dataDir: reuse, demo = false }) {
  if (!existsSync(jar)) throw new Error(`the server jar ${jar} does not exist: build it first (./mvnw -B package -pl server)`);
  // a given data directory is the caller's (a restart on the same database): never removed here
  const dataDir = reuse ?? (await mkdtemp(join(tmpdir(), 'tianshu-e2e-')));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logFile);
  const started = Date.now();
  const child = spawn(
    javaExecutable(),
    ['-Xmx1g', ...jvmArgs, '-jar', jar, `--server.port=${port}`, `--tianshu.data-dir=${dataDir}`, `--tianshu.demo=${demo}`, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
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
      child.kill('SIGTERM');
      const done = new Promise((r) => child.once('exit', r));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    }
    log.end();
    if (!reuse) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  };

  /** SIGKILL, as a crash: no shutdown hooks run. */
  const kill = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && exited === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await done;
    }
    log.end();
  };

  try {
    for (;;) {
      if (exited) throw new Error(`the server exited during start (${JSON.stringify(exited)}); see ${logFile}`);
      if (Date.now() - started > timeoutMs) throw new Error(`the server was not ready within ${timeoutMs} ms; see ${logFile}`);
      try {
        const r = await fetch(`${baseUrl}/actuator/health/readiness`);
        if (r.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const readyAfterMs = Date.now() - started;
  return {
    baseUrl,
    dataDir,
    readyAfterMs,
    adminPassword: async () => (await readFile(join(dataDir, 'initial-admin-password'), 'utf8')).trim(),
    stop,
    kill,
  };
}

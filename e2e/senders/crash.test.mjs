// Durability of the event intake across a crash: while clients post alerts to
// /api/v2/alerts, the server is killed with SIGKILL. After a restart on the same database,
// every alert the clients saw acknowledged (2xx) is stored — none lost — every acknowledged
// re-send of a stored alert is counted on it (re-sends are acknowledged once journaled, and the
// journal a crash leaves is folded at the restart), and re-sending the whole stream creates no
// duplicate alert.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { adminClient, apiClient } from '../lib/api.mjs';
import { startServer } from '../lib/server.mjs';

const JAR = process.env.TIANSHU_JAR ?? join(import.meta.dirname, '..', '..', 'server', 'target', 'tianshu.jar');
const LOGS = process.env.SCREENSHOTS_DIR ?? join(import.meta.dirname, '..', 'target');
const BATCH = 10;
const WORKERS = 8;

function batchBody(run, from) {
  const alerts = [];
  for (let i = from; i < from + BATCH; i++) {
    alerts.push({
      labels: { alertname: 'CrashTest', run, seq: String(i), instance: `crash-host-${i % 50}` },
      annotations: { summary: `crash test alert ${i}` },
      startsAt: new Date().toISOString(),
    });
  }
  return JSON.stringify(alerts);
}

async function storedAlerts(api, run) {
  const alerts = [];
  let cursor = null;
  do {
    const q = `/api/v1/events/alerts?matcher=${encodeURIComponent(`run=${run}`)}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api.get(q);
    alerts.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return alerts;
}

async function storedSeqs(api, run) {
  return (await storedAlerts(api, run)).map((a) => Number(a.labels.seq));
}

test('SIGKILL during a load run: every acknowledged alert is stored, re-sent ones do not duplicate', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tianshu-crash-'));
  const run = `r${Date.now()}`;
  let server = await startServer({ jar: JAR, logFile: join(LOGS, 'crash-server-1.log'), dataDir });
  let restarted;
  try {
    const admin = await adminClient(server);
    const integration = await admin.post('/api/v1/events/integrations', { name: `crash-${run}`, kind: 'PROMETHEUS' });
    const bearer = admin.bearer;

    // load: workers post batches of distinct alerts until the server dies
    const acknowledged = new Set();
    let next = 0;
    let stop = false;
    const url = `${server.baseUrl}/api/v2/alerts`;
    const worker = async () => {
      while (!stop) {
        const from = next;
        next += BATCH;
        try {
          const r = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
            body: batchBody(run, from),
          });
          if (r.status === 200) {
            for (let i = from; i < from + BATCH; i++) acknowledged.add(i);
            ackedBatches.push(from);
          }
        } catch {
          // the server is gone: this batch was not acknowledged
        }
      }
    };
    // and re-sends of acknowledged batches, as Prometheus re-sends firing alerts
    const ackedBatches = [];
    const resent = new Map();
    const resender = async () => {
      while (!stop) {
        if (ackedBatches.length === 0) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const from = ackedBatches[Math.floor(Math.random() * ackedBatches.length)];
        try {
          const r = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
            body: batchBody(run, from),
          });
          if (r.status === 200) for (let i = from; i < from + BATCH; i++) resent.set(i, (resent.get(i) ?? 0) + 1);
        } catch {
          // the server is gone
        }
      }
    };
    const workers = [...Array.from({ length: WORKERS }, worker), ...Array.from({ length: 2 }, resender)];
    await new Promise((r) => setTimeout(r, 4000));
    await server.kill();
    stop = true;
    await Promise.all(workers);
    const sent = next;
    assert.ok(acknowledged.size > 500, `the load run got going before the kill (${acknowledged.size} acknowledged)`);

    restarted = await startServer({ jar: JAR, logFile: join(LOGS, 'crash-server-2.log'), dataDir });
    const api = apiClient(restarted.baseUrl, bearer);
    const stored = await storedAlerts(api, run);
    const afterCrash = new Set(stored.map((a) => Number(a.labels.seq)));
    const lost = [...acknowledged].filter((i) => !afterCrash.has(i));
    const duplicates = new Map(stored.map((a) => [Number(a.labels.seq), a.duplicates]));
    const resends = [...resent.values()].reduce((a, b) => a + b, 0);
    const uncounted = [...resent].filter(([seq, n]) => (duplicates.get(seq) ?? 0) < n);
    console.log(
      `crash test: ${sent} alerts offered, ${acknowledged.size} acknowledged before SIGKILL, ` +
        `${afterCrash.size} stored after restart, ${lost.length} acknowledged ones lost; ` +
        `${resends} re-sends acknowledged, ${uncounted.length} alerts missing some of theirs`,
    );
    assert.deepEqual(lost, [], 'no acknowledged alert was lost');
    assert.ok(resends > 100, `re-sends were acknowledged before the kill (${resends})`);
    assert.deepEqual(uncounted, [], 'every acknowledged re-send is counted on its alert');

    // the client re-sends everything it offered (as a sender retrying would); nothing duplicates
    const resendUrl = `${restarted.baseUrl}/api/v2/alerts`;
    for (let from = 0; from < sent; from += BATCH) {
      const r = await fetch(resendUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
        body: batchBody(run, from),
      });
      assert.equal(r.status, 200);
    }
    const afterResend = await storedSeqs(api, run);
    assert.equal(afterResend.length, sent, 'one alert per distinct alert offered');
    assert.equal(new Set(afterResend).size, afterResend.length, 'no duplicates');
  } finally {
    await server.stop().catch(() => undefined);
    await restarted?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
});

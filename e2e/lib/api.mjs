// A small API client for end-to-end tests: signs in as the bootstrap administrator through the
// real endpoints (password change, TOTP enrolment), then works with an API token.
import { totp } from './totp.mjs';

class Session {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
  }

  async call(method, path, body) {
    const headers = { accept: 'application/json' };
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf && method !== 'GET') headers['x-xsrf-token'] = decodeURIComponent(xsrf);
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, body: json };
  }
}

async function expectOk(promise, what) {
  const r = await promise;
  if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Signs in as `admin` with the initial password (changing it, enrolling TOTP if the role asks),
 * and returns a client that calls the API with a fresh API token.
 */
export async function adminClient(server, newPassword = 'E2e-Senders-Passw0rd!') {
  const s = new Session(server.baseUrl);
  await s.call('GET', '/api/v1/auth/session');
  let session = await expectOk(
    s.call('POST', '/api/v1/auth/login', { username: 'admin', password: await server.adminPassword() }),
    'login',
  );
  if (session.stage === 'PASSWORD_CHANGE_REQUIRED') {
    session = await expectOk(
      s.call('POST', '/api/v1/me/password', { currentPassword: await server.adminPassword(), newPassword }),
      'password change',
    );
  }
  if (session.stage === 'TOTP_ENROLMENT_REQUIRED') {
    const enrolment = await expectOk(s.call('POST', '/api/v1/me/totp/enrolment'), 'totp enrolment');
    await expectOk(s.call('POST', '/api/v1/me/totp/confirm', { code: totp(enrolment.secret) }), 'totp confirm');
    session = await expectOk(s.call('GET', '/api/v1/auth/session'), 'session');
  }
  if (session.stage !== 'COMPLETE') throw new Error(`admin sign-in ended at stage ${session.stage}`);
  const token = await expectOk(
    s.call('POST', '/api/v1/me/tokens', {
      name: `e2e-${Date.now()}`,
      permissions: session.permissions,
      expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    }),
    'token',
  );
  return apiClient(server.baseUrl, token.token);
}

/** Calls the API with a bearer token (no session, no CSRF). */
export function apiClient(baseUrl, bearer) {
  const call = async (method, path, body, contentType = 'application/json') => {
    const headers = { accept: 'application/json', authorization: `Bearer ${bearer}` };
    if (body !== undefined) headers['content-type'] = contentType;
    const r = await fetch(baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, body: json };
  };
  return {
    bearer,
    call,
    get: (path) => expectOk(call('GET', path), `GET ${path}`),
    post: (path, body) => expectOk(call('POST', path, body), `POST ${path}`),
  };
}

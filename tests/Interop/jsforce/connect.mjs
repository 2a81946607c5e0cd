// Shared set-up: the emulator's address comes from SF_LOGIN_URL; the default login is documented in the emulator README.
import jsforce from 'jsforce';

export const loginUrl = process.env.SF_LOGIN_URL ?? 'http://127.0.0.1:7443';
export const oauth2 = { loginUrl, clientId: 'platform-emulator', clientSecret: 'emulator-secret', redirectUri: 'http://127.0.0.1/callback' };

export async function connect() {
  const conn = new jsforce.Connection({ oauth2, loginUrl, version: '60.0' });
  await conn.login('admin@example.com', 'emulator');
  return conn;
}

export async function admin(path, body) {
  const response = await fetch(`${loginUrl}/__admin${path}`, {
    method: body === undefined || path === '/clock' ? 'POST' : 'PUT',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
}

export function unique(prefix) {
  return `${prefix} ${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

export { jsforce };

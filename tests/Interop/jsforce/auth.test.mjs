import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, admin, oauth2, loginUrl, jsforce } from './connect.mjs';

test('OAuth2 username-password login establishes a session on the instance URL', async () => {
  const conn = await connect();
  assert.ok(conn.accessToken);
  assert.equal(conn.instanceUrl, loginUrl);
  const identity = await conn.identity();
  assert.equal(identity.username, 'admin@example.com');
  assert.match(identity.user_id, /^005/);
});

test('web-server flow: authorize code, then an expired session is refreshed with the refresh token', async () => {
  const redirect = await fetch(`${loginUrl}/services/oauth2/authorize?response_type=code&client_id=${oauth2.clientId}&redirect_uri=${encodeURIComponent(oauth2.redirectUri)}`, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  const code = new URL(redirect.headers.get('location')).searchParams.get('code');
  const conn = new jsforce.Connection({ oauth2, version: '60.0' });
  await conn.authorize(code);
  assert.ok(conn.refreshToken);
  let refreshed = false;
  conn.on('refresh', () => { refreshed = true; });
  await admin('/sessions/expire');
  const result = await conn.query('SELECT Id FROM User');
  assert.ok(result.totalSize >= 1);
  assert.ok(refreshed, 'jsforce should have refreshed the expired session');
});

test('an expired session of a password login is re-established by jsforce', async () => {
  const conn = await connect();
  await admin('/sessions/expire');
  const result = await conn.query('SELECT Id FROM Organization');
  assert.equal(result.totalSize, 1);
});

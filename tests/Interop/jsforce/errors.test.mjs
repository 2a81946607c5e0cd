import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, admin, loginUrl } from './connect.mjs';

test('validation errors carry errorCode, message and fields', async () => {
  const conn = await connect();
  await assert.rejects(conn.sobject('Account').create({ Industry: 'Banking' }),
    (err) => err.errorCode === 'REQUIRED_FIELD_MISSING' && err.message === 'Required fields are missing: [Name]' && err.data.fields.includes('Name'));
  await assert.rejects(conn.sobject('Account').update({ Id: '001000000000000AAA', Name: 'x' }), (err) => err.errorCode === 'NOT_FOUND');
});

test('a restricted picklist refuses values it does not hold', async () => {
  const conn = await connect();
  await assert.rejects(conn.sobject('Account').create({ Name: 'Picky', Tier__c: 'Bronze' }),
    (err) => err.errorCode === 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' && err.data.fields[0] === 'Tier__c');
  const [result] = await conn.sobject('Account').create([{ Name: 'Picky', Tier__c: 'Bronze' }]);
  assert.equal(result.errors[0].statusCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
});

test('bad SOQL is MALFORMED_QUERY or INVALID_FIELD', async () => {
  const conn = await connect();
  await assert.rejects(conn.query('SELECT FROM WHERE'), (err) => err.errorCode === 'MALFORMED_QUERY');
  await assert.rejects(conn.query('SELECT Nope FROM Account'), (err) => err.errorCode === 'INVALID_FIELD' && err.message.includes("No such column 'Nope'"));
});

test('a spent daily allocation is REQUEST_LIMIT_EXCEEDED', async () => {
  const conn = await connect();
  const used = (await (await fetch(`${loginUrl}/__admin/org`)).json()).apiUsage.used;
  await admin('/limits', { dailyApiRequests: used + 1 });
  try {
    await conn.query('SELECT Id FROM Organization');
    await assert.rejects(conn.query('SELECT Id FROM Organization'), (err) => err.errorCode === 'REQUEST_LIMIT_EXCEEDED');
  } finally {
    await admin('/limits', { dailyApiRequests: 1000000 });
  }
});

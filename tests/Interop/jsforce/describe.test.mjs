import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from './connect.mjs';

test('describeGlobal lists the standard objects', async () => {
  const conn = await connect();
  const global = await conn.describeGlobal();
  const names = global.sobjects.map((o) => o.name);
  for (const name of ['Account', 'Contact', 'Lead', 'Opportunity', 'User', 'ContentVersion']) assert.ok(names.includes(name), name);
});

test('describe reports field types, picklists, references and custom fields', async () => {
  const conn = await connect();
  const account = await conn.sobject('Account').describe();
  const fields = Object.fromEntries(account.fields.map((f) => [f.name, f]));
  assert.equal(fields.Name.type, 'string');
  assert.equal(fields.Industry.type, 'picklist');
  assert.ok(fields.Industry.picklistValues.some((p) => p.value === 'Banking'));
  assert.deepEqual(fields.OwnerId.referenceTo, ['User']);
  assert.equal(fields.BillingAddress.type, 'address');
  assert.equal(fields.Ext_Id__c.externalId, true);
  assert.equal(fields.Tier__c.restrictedPicklist, true);
});

test('limits reports the daily API allocation', async () => {
  const conn = await connect();
  const limits = await conn.limits();
  assert.ok(limits.DailyApiRequests.Max > 0);
  assert.ok(limits.DailyApiRequests.Remaining <= limits.DailyApiRequests.Max);
});

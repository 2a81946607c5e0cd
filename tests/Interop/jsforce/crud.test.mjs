import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, unique } from './connect.mjs';

test('create, retrieve, update and destroy a record', async () => {
  const conn = await connect();
  const accounts = conn.sobject('Account');
  const created = await accounts.create({ Name: unique('Crud'), Industry: 'Banking' });
  assert.equal(created.success, true);
  assert.match(created.id, /^001\w{15}$/);

  const record = await accounts.retrieve(created.id);
  assert.equal(record.Industry, 'Banking');
  assert.equal(record.attributes.type, 'Account');

  const updated = await accounts.update({ Id: created.id, Industry: 'Retail' });
  assert.equal(updated.success, true);
  assert.equal((await accounts.retrieve(created.id)).Industry, 'Retail');

  const destroyed = await accounts.destroy(created.id);
  assert.equal(destroyed.success, true);
  await assert.rejects(accounts.retrieve(created.id), (err) => err.errorCode === 'NOT_FOUND');
});

test('several records at once go through sObject Collections', async () => {
  const conn = await connect();
  const contacts = conn.sobject('Contact');
  const results = await contacts.create([{ LastName: unique('A') }, { LastName: unique('B') }, { FirstName: 'missing last name' }]);
  assert.deepEqual(results.map((r) => r.success), [true, true, false]);
  assert.equal(results[2].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');

  const ids = results.filter((r) => r.success).map((r) => r.id);
  const retrieved = await contacts.retrieve(ids);
  assert.equal(retrieved.length, 2);
  const updated = await contacts.update(ids.map((Id) => ({ Id, Title: 'Engineer' })));
  assert.ok(updated.every((r) => r.success));
  const destroyed = await contacts.destroy(ids);
  assert.ok(destroyed.every((r) => r.success));
});

test('allOrNone rolls the whole collection back', async () => {
  const conn = await connect();
  const name = unique('AllOrNone');
  const results = await conn.sobject('Account').create([{ Name: name }, { Industry: 'Banking' }], { allOrNone: true });
  assert.deepEqual(results.map((r) => r.success), [false, false]);
  assert.equal(results[0].errors[0].statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
  assert.equal(results[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  const result = await conn.query(`SELECT Id FROM Account WHERE Name = '${name}'`);
  assert.equal(result.totalSize, 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, unique } from './connect.mjs';

test('upsert by external id creates, then updates', async () => {
  const conn = await connect();
  const key = unique('EXT').replace(/\s/g, '-');
  const first = await conn.sobject('Account').upsert({ Name: 'Upserted', Ext_Id__c: key }, 'Ext_Id__c');
  assert.equal(first.success, true);
  assert.equal(first.created, true);
  const second = await conn.sobject('Account').upsert({ Name: 'Upserted again', Ext_Id__c: key }, 'Ext_Id__c');
  assert.equal(second.created, false);
  assert.equal(second.id, first.id);
  assert.equal((await conn.sobject('Account').retrieve(first.id)).Name, 'Upserted again');
});

test('upsert of many records uses the Collections upsert', async () => {
  const conn = await connect();
  const key = unique('BATCH').replace(/\s/g, '-');
  const results = await conn.sobject('Account').upsert([{ Name: 'One', Ext_Id__c: `${key}-1` }, { Name: 'Two', Ext_Id__c: `${key}-2` }], 'Ext_Id__c');
  assert.deepEqual(results.map((r) => [r.success, r.created]), [[true, true], [true, true]]);
});

test('an external id matching several records is 300 Multiple Choices', async () => {
  const conn = await connect();
  const key = unique('DUP').replace(/\s/g, '-');
  await conn.sobject('Account').create([{ Name: 'A', Ext_Id__c: key }, { Name: 'B', Ext_Id__c: key }]);
  await assert.rejects(conn.sobject('Account').upsert({ Name: 'C', Ext_Id__c: key }, 'Ext_Id__c'),
    (err) => err.errorCode === 'MULTIPLE_CHOICES' && err.data.length === 2);
});

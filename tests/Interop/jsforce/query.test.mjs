import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, unique } from './connect.mjs';

test('query with autoFetch follows nextRecordsUrl past 2,000 rows', async () => {
  const conn = await connect();
  const prefix = unique('Page');
  const records = Array.from({ length: 2500 }, (_, i) => ({ Name: `${prefix} ${String(i).padStart(4, '0')}` }));
  const created = await conn.sobject('Account').create(records, { allowRecursive: true });
  assert.equal(created.filter((r) => r.success).length, 2500);

  const result = await conn.query(`SELECT Id, Name FROM Account WHERE Name LIKE '${prefix}%' ORDER BY Name`).run({ autoFetch: true, maxFetch: 10000 });
  assert.equal(result.totalSize, 2500);
  assert.equal(result.records.length, 2500);
  assert.equal(result.records[2499].Name, `${prefix} 2499`);
  assert.equal(new Set(result.records.map((r) => r.Id)).size, 2500);
});

test('queryAll returns deleted rows that query omits', async () => {
  const conn = await connect();
  const name = unique('Deleted');
  const { id } = await conn.sobject('Account').create({ Name: name });
  await conn.sobject('Account').destroy(id);
  const soql = `SELECT Id, IsDeleted FROM Account WHERE Name = '${name}'`;
  assert.equal((await conn.query(soql)).totalSize, 0);
  const all = await conn.query(soql, { scanAll: true });
  assert.equal(all.totalSize, 1);
  assert.equal(all.records[0].IsDeleted, true);
});

test('parent relationship fields come back as nested records', async () => {
  const conn = await connect();
  const result = await conn.query("SELECT LastName, Account.Name, Account.Owner.Name FROM Contact WHERE LastName = 'Seeded'");
  assert.equal(result.records[0].Account.Name, 'Acme Seeded');
  assert.equal(result.records[0].Account.Owner.Name, 'Emulator Admin');
});

test('COUNT() reports totalSize without records', async () => {
  const conn = await connect();
  const result = await conn.query('SELECT COUNT() FROM Organization');
  assert.equal(result.totalSize, 1);
  assert.deepEqual(result.records, []);
});

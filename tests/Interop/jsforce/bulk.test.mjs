import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, unique } from './connect.mjs';

test('Bulk API 2.0: jsforce loads records and queries them back', async () => {
  const conn = await connect();
  const prefix = unique('Bulk2');
  const input = Array.from({ length: 500 }, (_, i) => ({ Name: `${prefix} ${String(i).padStart(3, '0')}`, Industry: 'Banking' }));
  input.push({ Industry: 'missing the required name' });

  const results = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input, pollInterval: 100, pollTimeout: 60000 });
  assert.equal(results.successfulResults.length, 500);
  assert.equal(results.failedResults.length, 1);
  assert.match(results.failedResults[0].sf__Error, /^REQUIRED_FIELD_MISSING/);
  assert.match(results.successfulResults[0].sf__Id, /^001/);

  const stream = await conn.bulk2.query(`SELECT Id, Name, Industry FROM Account WHERE Name LIKE '${prefix}%'`, { pollInterval: 100, pollTimeout: 60000 });
  const rows = [];
  for await (const row of stream) rows.push(row);
  assert.equal(rows.length, 500);
  assert.ok(rows.every((r) => r.Industry === 'Banking'));
});

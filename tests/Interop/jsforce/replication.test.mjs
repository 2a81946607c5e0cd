import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, admin, unique } from './connect.mjs';

test('updated and deleted report what changed in the window', async () => {
  const conn = await connect();
  const start = new Date(Date.now() - 5 * 60 * 1000);
  const contacts = conn.sobject('Contact');
  const kept = await contacts.create({ LastName: unique('Updated') });
  const gone = await contacts.create({ LastName: unique('Deleted') });
  await contacts.destroy(gone.id);
  // The replication API covers whole minutes up to latestDateCovered: let a minute pass on the org's clock.
  await admin('/clock', { advanceSeconds: 120 });
  const end = new Date(Date.now() + 5 * 60 * 1000);

  const updated = await contacts.updated(start, end);
  assert.ok(updated.ids.includes(kept.id));
  assert.ok(new Date(updated.latestDateCovered.replace('+0000', 'Z')) > start);

  const deleted = await contacts.deleted(start, end);
  assert.ok(deleted.deletedRecords.some((d) => d.id === gone.id && d.deletedDate));
  assert.ok(deleted.earliestDateAvailable);
  assert.ok(deleted.latestDateCovered);
});

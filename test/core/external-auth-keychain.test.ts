// External-authentication values live in the OS keychain under the job (issue 16, item 3): SQLite
// keeps only {method, type}; the value is read from the keychain to sign and deleted once the job
// is signed or cancelled, kept across a crash before then; values an older version left in clear
// move to the keychain and no copy stays in the database, its WAL or its SHM; without a keychain
// such a job is refused, not stored in clear.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type NewJob, type Store } from '../../electron/core/store/index';
import { ExternalValueMissingError } from '../../electron/core/store/jobs';
import { KeychainUnavailableError, OsKeychain } from '../../electron/core/vault/index';
import { queueHarness, type Harness } from '../helpers/queue-harness';
import { SIGNER } from '../helpers/sandbox';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING !== undefined
    ? false
    : 'no Secret Service: run through node test/run.mjs (the values live in the keychain)';

function freshStore(dataDir = mkdtempSync(join(tmpdir(), 'ext-auth-'))): Store {
  const store = openStore(dataDir);
  store.profiles.save({
    id: 'p1',
    name: 'Office',
    baseUrl: 'http://127.0.0.1:1/oneshot/api/v1',
    env: 'sandbox',
    caPem: null,
    pinSha256: null,
    defaultRegistrationAuthority: null,
    defaultProfile: null,
  });
  return store;
}

const job = (value: string, state: 'draft' | 'queued' = 'queued'): NewJob => ({
  profileId: 'p1',
  raoUsername: 'rao',
  label: 'Ana',
  signer: { ...SIGNER, id_document_type: 'IDC' },
  auth: { method: 'external', type: 'biometric', value },
  outputDir: '/tmp/out',
  state,
  documents: [{ sha256: 'a'.repeat(64), filename: 'a.pdf', size: 10, pages: 1 }],
});

/** How many times `needle` is in the database file, its WAL and its SHM (raw bytes). */
function hitsOnDisk(dataDir: string, needle: string): Record<string, number> {
  const hits: Record<string, number> = {};
  for (const name of ['oneshot.db', 'oneshot.db-wal', 'oneshot.db-shm']) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    let n = 0;
    for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) n++;
    hits[name] = n;
  }
  return hits;
}
const total = (hits: Record<string, number>): number => Object.values(hits).reduce((a, b) => a + b, 0);

async function gone(store: Store, jobId: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      await store.jobs.externalValue(jobId);
    } catch (error) {
      if (error instanceof ExternalValueMissingError) return true;
      throw error;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('external values in the keychain', { skip: SKIP }, () => {
  it('keeps only {method, type} in SQLite, reads the value back, keeps it across a restart and deletes it on cancel', async () => {
    const store = freshStore();
    await store.jobs.useKeychain(new OsKeychain());
    const value = `bio-${Date.now()}-queued`;
    const queued = await store.jobs.add(job(value));
    assert.deepEqual(queued.auth, { method: 'external', type: 'biometric', value: '' });
    assert.equal(queued.externalValueKept, true);
    const row = store.db.prepare('SELECT auth_json FROM jobs WHERE id = ?').get(queued.id) as {
      auth_json: string;
    };
    assert.deepEqual(JSON.parse(row.auth_json), { method: 'external', type: 'biometric', kept: true });
    assert.deepEqual(await store.jobs.externalValue(queued.id), { value });
    store.close();
    assert.equal(total(hitsOnDisk(store.dataDir, value)), 0);

    // A crash (or a plain restart) before the job ends keeps the value for the resume.
    const again = openStore(store.dataDir);
    assert.deepEqual(await again.jobs.useKeychain(new OsKeychain()), { moved: 0, swept: 0 });
    assert.deepEqual(await again.jobs.externalValue(queued.id), { value });
    again.jobs.transition(queued.id, 'cancelled');
    assert.ok(await gone(again, queued.id), 'a cancelled job loses its value');
    assert.ok(again.jobs.list().length === 1);
    again.close();
  });

  it('edits a draft: a new value replaces the kept one, no value keeps it, a code by SMS deletes it', async () => {
    const store = freshStore();
    await store.jobs.useKeychain(new OsKeychain());
    const draft = await store.jobs.add(job('first-value', 'draft'));
    await store.jobs.editDraft(draft.id, {
      auth: { method: 'external', type: 'biometric', value: 'second-value' },
    });
    assert.deepEqual(await store.jobs.externalValue(draft.id), { value: 'second-value' });
    const kept = await store.jobs.editDraft(draft.id, {
      auth: { method: 'external', type: 'face', value: '' },
    });
    assert.equal(kept.externalValueKept, true);
    assert.deepEqual(await store.jobs.externalValue(draft.id), { value: 'second-value' });
    const otp = await store.jobs.editDraft(draft.id, { auth: { method: 'otp', delivery: 'sms' } });
    assert.equal(otp.externalValueKept, false);
    assert.ok(await gone(store, draft.id));
    store.close();
  });

  it('moves the values an older version kept in clear into the keychain, leaving no copy in the db, WAL or SHM', async () => {
    const store = freshStore();
    const values = Array.from({ length: 3 }, (_, i) => `clear-old-value-${Date.now()}-${i}`);
    const ids = values.map(
      () => store.jobs.create({ ...job(''), auth: { method: 'otp', delivery: 'sms' } }).id,
    );
    // As an older version wrote them, and rewrote them many times (the issue counted 17 WAL copies).
    const write = store.db.prepare('UPDATE jobs SET auth_json = ?, updated_at = ? WHERE id = ?');
    for (let round = 0; round < 6; round++)
      values.forEach((v, i) =>
        write.run(JSON.stringify({ method: 'external', type: 'biometric', value: v }), String(round), ids[i]),
      );
    store.jobs.transition(ids[2]!, 'creating');
    store.db.prepare("UPDATE jobs SET state = 'done' WHERE id = ?").run(ids[2]);
    const before = values.map((v) => total(hitsOnDisk(store.dataDir, v)));
    assert.ok(
      before.every((n) => n > 0),
      `the test's clear values are on disk first: ${before.join(', ')}`,
    );
    store.close();

    const opened = openStore(store.dataDir);
    const result = await opened.jobs.useKeychain(new OsKeychain());
    assert.equal(result.moved, 3);
    assert.deepEqual(await opened.jobs.externalValue(ids[0]!), { value: values[0] });
    assert.deepEqual(await opened.jobs.externalValue(ids[1]!), { value: values[1] });
    // A job already done has no use for its value: blanked, not kept.
    assert.equal(opened.jobs.get(ids[2]!).externalValueKept, false);
    const auths = (opened.db.prepare('SELECT auth_json FROM jobs').all() as { auth_json: string }[]).map(
      (r) => r.auth_json,
    );
    assert.ok(
      auths.every((a) => !a.includes('value')),
      auths.join('\n'),
    );
    const after = values.map((v) => hitsOnDisk(opened.dataDir, v));
    assert.deepEqual(after.map(total), [0, 0, 0], JSON.stringify(after));
    opened.jobs.transition(ids[0]!, 'cancelled');
    opened.jobs.transition(ids[1]!, 'cancelled');
    assert.ok((await gone(opened, ids[0]!)) && (await gone(opened, ids[1]!)));
    opened.close();
    assert.deepEqual(
      values.map((v) => total(hitsOnDisk(store.dataDir, v))),
      [0, 0, 0],
    );
  });

  it('refuses a job with an external value when the keychain cannot be reached, and stores nothing', async () => {
    const store = freshStore();
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/bus';
    try {
      const unreachable = new OsKeychain({ timeoutMs: 3_000 });
      await assert.rejects(store.jobs.useKeychain(unreachable), KeychainUnavailableError);
      await assert.rejects(store.jobs.add(job('never-stored-value')), KeychainUnavailableError);
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
    assert.equal(store.jobs.list().length, 0);
    assert.throws(() => store.jobs.create(job('never-stored-value')), /kept only in the OS keychain/);
    store.close();
    assert.equal(total(hitsOnDisk(store.dataDir, 'never-stored-value')), 0);
  });

  describe('through the queue and the real sandbox', () => {
    let sandbox: SandboxProcess;
    let h: Harness;
    before(async () => {
      sandbox = await spawnSandbox(['--port', '0']);
      h = await queueHarness(sandbox.baseUrl);
    });
    after(async () => {
      await h?.close();
      await sandbox?.kill();
    });

    it('signs with the value read from the keychain and deletes it once signed', async () => {
      const value = `bio-queue-${Date.now()}`;
      const added = await h.addJob({ documents: 1, auth: { method: 'external', type: 'biometric', value } });
      assert.deepEqual(await h.store.jobs.externalValue(added.id), { value });
      h.runner.start();
      const done = await h.waitFor(added.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assert.ok(await gone(h.store, added.id), 'the value is deleted once the job is signed');
      const kinds = (
        h.store.db.prepare('SELECT kind, data_json FROM events WHERE job_id = ?').all(added.id) as {
          kind: string;
          data_json: string;
        }[]
      ).filter((e) => e.kind === 'external_auth.deleted');
      assert.equal(kinds.length, 1);
      assert.equal(JSON.parse(kinds[0]!.data_json).reason, 'signed');
    });

    it('stops a job whose value is no longer in the keychain, saying to type it again, without retrying', async () => {
      const added = await h.addJob({
        documents: 1,
        auth: { method: 'external', type: 'biometric', value: 'lost' },
      });
      await h.store.jobs.forgetExternalValue(added.id, 'test');
      h.runner.start();
      const failed = await h.waitFor(added.id, ['done', 'failed']);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.failedStep, 'signing');
      assert.equal(failed.error?.kind, 'external_value_missing');
      assert.equal(failed.error?.retryable, false);
      assert.match(
        failed.error?.message ?? '',
        /no longer in the keychain: copy the job as a draft and type the value again/,
      );
    });
  });
});

// The local store: migrations, one-transaction transitions with their audit event, the hash-chained
// audit log (and its tamper detection), and content-addressed documents.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TransitionError } from '../../shared/job';
import { openStore, type NewJob, type Store } from '../../electron/core/store/index';
import { SIGNER } from '../helpers/sandbox';

function freshStore(): Store {
  const store = openStore(mkdtempSync(join(tmpdir(), 'store-')));
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

const newJob = (overrides: Partial<NewJob> = {}): NewJob => ({
  profileId: 'p1',
  raoUsername: 'rao',
  label: 'María Núñez',
  signer: { ...SIGNER, id_document_type: 'IDC' },
  auth: { method: 'otp', delivery: 'sms' },
  outputDir: '/tmp/out',
  documents: [{ sha256: 'a'.repeat(64), filename: 'a.pdf', size: 10, pages: 1 }],
  ...overrides,
});

describe('store', () => {
  it('creates the schema in WAL mode and reopens an existing data folder', () => {
    const store = freshStore();
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    const id = store.jobs.create(newJob()).id;
    store.close();
    const again = openStore(store.dataDir);
    assert.equal(again.jobs.get(id).label, 'María Núñez');
    again.close();
  });

  it('writes a transition, its data and its audit event together', () => {
    const store = freshStore();
    const job = store.jobs.create(newJob());
    store.jobs.transition(job.id, 'creating');
    const created = store.jobs.transition(job.id, 'created', { pk: '822001' }, { requestPk: '822001' });
    assert.equal(created.state, 'created');
    assert.equal(created.requestPk, '822001');
    const events = store.db
      .prepare('SELECT kind, data_json FROM events WHERE job_id = ? ORDER BY seq')
      .all(job.id) as { kind: string; data_json: string }[];
    assert.deepEqual(
      events.map((e) => e.kind),
      ['job.created', 'job.state', 'job.state'],
    );
    assert.deepEqual(JSON.parse(events[2]!.data_json), { from: 'creating', to: 'created', pk: '822001' });
  });

  it('refuses a forbidden transition and writes nothing', () => {
    const store = freshStore();
    const job = store.jobs.create(newJob());
    const before = store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    assert.throws(() => store.jobs.transition(job.id, 'signing', {}, { requestPk: '1' }), TransitionError);
    assert.equal(store.jobs.get(job.id).state, 'queued');
    assert.equal(store.jobs.get(job.id).requestPk, null);
    assert.deepEqual(store.db.prepare('SELECT COUNT(*) AS n FROM events').get(), before);
  });

  it('remembers the failed step and retries only there', () => {
    const store = freshStore();
    const job = store.jobs.create(newJob());
    store.jobs.transition(job.id, 'creating');
    const failed = store.jobs.transition(
      job.id,
      'failed',
      {},
      { error: { kind: 'offline', message: 'x', retryable: true } },
    );
    assert.equal(failed.failedStep, 'creating');
    assert.equal(failed.error?.kind, 'offline');
    assert.throws(() => store.jobs.transition(job.id, 'created'), TransitionError);
    assert.equal(store.jobs.transition(job.id, 'creating').error, null);
  });

  it("never stores an OTP job's code, and refuses an external value without a keychain", () => {
    const store = freshStore();
    const otpJob = store.jobs.create(
      newJob({ auth: { method: 'otp', delivery: 'whatsapp', code: '918273' } as unknown as NewJob['auth'] }),
    );
    assert.deepEqual(otpJob.auth, { method: 'otp', delivery: 'whatsapp' });
    // The value's only home is the OS keychain (test/core/external-auth-keychain.test.ts).
    assert.throws(
      () => store.jobs.create(newJob({ auth: { method: 'external', type: 'biometric', value: 'bio-1' } })),
      /kept only in the OS keychain/,
    );
    store.close();
    // Closing checkpoints the WAL into the main file.
    const file = readFileSync(join(store.dataDir, 'oneshot.db')).toString('latin1');
    assert.ok(!file.includes('918273'));
  });

  it('verifies the audit chain and finds an edited and a removed row', () => {
    const store = freshStore();
    const job = store.jobs.create(newJob());
    for (const s of ['creating', 'created', 'uploading', 'uploaded'] as const)
      store.jobs.transition(job.id, s);
    assert.deepEqual(store.verifyAuditChain(), { ok: true, result: 'intact', events: 6, sealed: false });
    assert.throws(() => store.db.prepare('UPDATE events SET kind = ? WHERE seq = 3').run('x'), /append-only/);
    assert.throws(() => store.db.prepare('DELETE FROM events WHERE seq = 3').run(), /append-only/);

    // Someone with the file in hand can drop the triggers; the chain still tells.
    store.db.exec('DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;');
    store.db
      .prepare(
        'UPDATE events SET data_json = \'{"from":"created","to":"uploading","note":"edited"}\' WHERE seq = 4',
      )
      .run();
    const edited = store.verifyAuditChain();
    assert.equal(edited.ok, false);
    assert.deepEqual(edited.brokenAt, { seq: 4, reason: 'its content was changed after it was written' });

    const other = freshStore();
    const j2 = other.jobs.create(newJob());
    for (const s of ['creating', 'created', 'uploading'] as const) other.jobs.transition(j2.id, s);
    other.db.exec('DROP TRIGGER events_append_only_delete;');
    other.db.prepare('DELETE FROM events WHERE seq = 2').run();
    assert.deepEqual(other.verifyAuditChain().brokenAt, { seq: 3, reason: 'row 2 is missing' });
  });

  it('keeps documents content-addressed and imports the same content once', async () => {
    const store = freshStore();
    const src = join(store.dataDir, 'input.pdf');
    writeFileSync(src, '%PDF-1.4 test content');
    const a = await store.documents.import(src);
    const b = await store.documents.import(src);
    assert.deepEqual(a, b);
    assert.match(a.path, /documents\/[0-9a-f]{64}\.pdf$/);
    assert.equal(readFileSync(a.path, 'utf8'), '%PDF-1.4 test content');
    assert.ok(a.path.endsWith(`${a.sha256}.pdf`));
  });
});

// The audit log sealed with the keychain: each attack the security review found verifying as
// "intact" — rows cut off the end, every row deleted, a row forged with a correct plain SHA-256,
// a row edited and every later hash recomputed — is now named as what it is, by the bridge and by
// `audit --verify` (exit 1); a crash between a row and its head is no alarm; a plain-hashed log
// is migrated; a lost key is said. Real SQLite, real gnome-keyring, the CLI as a child process.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { GENESIS_HASH, listEvents, verifyAuditChain } from '../../electron/core/store/audit';
import {
  AUDIT_KEYCHAIN_SERVICE,
  attachAuditSeal,
  verifyAuditLog,
  type AuditSeal,
} from '../../electron/core/store/audit-seal';
import { openStore, type NewJob, type Store } from '../../electron/core/store/index';
import { OsKeychain } from '../../electron/core/vault/index';
import { runCliToEnd } from '../helpers/cli-process';
import { SIGNER, UNREACHABLE_OFFICE } from '../helpers/sandbox';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING !== undefined
    ? false
    : 'no Secret Service: run through node test/run.mjs (the audit key lives in the keychain)';
const keychain = new OsKeychain();

const job = (label: string): NewJob => ({
  profileId: 'audit-seal-office',
  raoUsername: 'audit-seal-rao',
  label,
  signer: SIGNER,
  auth: { method: 'otp', delivery: 'sms' },
  outputDir: '/tmp/out',
  documents: [{ sha256: 'a'.repeat(64), filename: 'a.pdf', size: 10, pages: 1 }],
});

/** A desk's day in a new data folder: a profile, two jobs through a few steps, a setting. */
async function sealedDay(): Promise<{ store: Store; seal: AuditSeal; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-seal-'));
  const store = openStore(dir);
  const seal = await attachAuditSeal(store.db, keychain);
  store.profiles.save({ ...UNREACHABLE_OFFICE, id: 'audit-seal-office' });
  for (const label of ['Ana', 'Jan']) {
    const id = store.jobs.create(job(label)).id;
    store.jobs.transition(id, 'creating');
    store.jobs.transition(id, 'created', { pk: '822001' }, { requestPk: '822001' });
    store.jobs.event(id, 'review.read', { which: 'contract' });
  }
  store.settings.set('language', 'pl');
  await seal.idle();
  return { store, seal, dir };
}

/** Changes the table behind the desk's back, as someone with the file and sqlite3 would. */
function tamper(dir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'oneshot.db'));
  db.exec(
    'DROP TRIGGER IF EXISTS events_append_only_update; DROP TRIGGER IF EXISTS events_append_only_delete',
  );
  change(db);
  db.close();
}

const plainHash = (
  prevHash: string,
  seq: number,
  at: string,
  jobId: string | null,
  kind: string,
  data: string,
) =>
  createHash('sha256')
    .update(JSON.stringify([prevHash, seq, at, jobId, kind, data]))
    .digest('hex');

interface Row {
  seq: number;
  at: string;
  job_id: string | null;
  kind: string;
  data_json: string;
  prev_hash: string;
}

/** Rewrites rows from `from` on with plain SHA-256 hashes that chain, as the old verify wanted. */
function recomputeFrom(db: Database.Database, from: number): void {
  const rows = db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(from) as Row[];
  let prev = (db.prepare('SELECT hash FROM events WHERE seq = ?').get(from - 1) as { hash: string }).hash;
  for (const r of rows) {
    const hash = plainHash(prev, r.seq, r.at, r.job_id, r.kind, r.data_json);
    db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

async function cliVerify(dir: string): Promise<{ code: number | null; stdout: string }> {
  const run = await runCliToEnd(['audit', '--data', dir, '--verify']);
  return { code: run.code, stdout: run.stdout };
}

describe('audit log sealed with the keychain', { skip: SKIP }, () => {
  it('a normal day verifies intact, every row an HMAC no plain hash reproduces, and the CLI exits 0', async () => {
    const { store, dir } = await sealedDay();
    const events = listEvents(store.db);
    assert.equal(events.length, 10);
    const verdict = await verifyAuditLog(store.db);
    assert.deepEqual(verdict, { ok: true, result: 'intact', events: 10, sealed: true });
    assert.deepEqual(store.verifyAuditChain(), verdict, 'the synchronous check agrees');
    for (const e of events)
      assert.notEqual(e.hash, plainHash(e.prevHash, e.seq, e.at, e.jobId, e.kind, JSON.stringify(e.data)));
    // Without the key the same rows do not check: the plain verify of old calls them changed.
    assert.equal(verifyAuditChain(store.db).result, 'broken');
    store.close();
    const cli = await cliVerify(dir);
    assert.equal(cli.code, 0, cli.stdout);
    assert.match(cli.stdout, /Audit log intact: 10 event\(s\).*sealed/);
  });

  it('rows deleted at the end: truncated, naming the first missing row and the count the head keeps', async () => {
    const { store, dir } = await sealedDay();
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE seq > 7').run());
    assert.deepEqual(await verifyAuditLog(store.db), {
      ok: false,
      result: 'truncated',
      events: 7,
      sealed: true,
      expected: 10,
      brokenAt: { seq: 8, reason: 'rows 8 to 10 are missing' },
    });
    // The desk goes on recording; the head is not moved over the gap, so the cut stays visible.
    store.settings.set('language', 'es');
    store.settings.set('language', 'en');
    store.settings.set('language', 'pl');
    store.settings.set('language', 'es');
    const later = await verifyAuditLog(store.db);
    assert.equal(later.result, 'truncated', JSON.stringify(later));
    store.close();
    const cli = await cliVerify(dir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /TRUNCATED/);
  });

  it('every row deleted: emptied', async () => {
    const { store, dir } = await sealedDay();
    tamper(dir, (db) => db.prepare('DELETE FROM events').run());
    assert.deepEqual(await verifyAuditLog(store.db), {
      ok: false,
      result: 'emptied',
      events: 0,
      sealed: true,
      expected: 10,
    });
    store.close();
    const cli = await cliVerify(dir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /EMPTIED: no event left where the keychain’s signed head counts 10/);
  });

  it('a row appended with a correct plain SHA-256 hash: forged at that row', async () => {
    const { store, dir } = await sealedDay();
    tamper(dir, (db) => {
      const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as {
        seq: number;
        hash: string;
      };
      const at = new Date().toISOString();
      const data = JSON.stringify({ which: 'contract' });
      db.prepare(
        'INSERT INTO events (seq, at, job_id, kind, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        last.seq + 1,
        at,
        null,
        'review.read',
        data,
        last.hash,
        plainHash(last.hash, last.seq + 1, at, null, 'review.read', data),
      );
    });
    const verdict = await verifyAuditLog(store.db);
    assert.equal(verdict.result, 'forged');
    assert.equal(verdict.brokenAt?.seq, 11);
    store.close();
    const cli = await cliVerify(dir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /FORGED at row 11/);
  });

  it('a row edited in place: forged at that row; edited and every later hash recomputed: recomputed', async () => {
    const edited = await sealedDay();
    tamper(edited.dir, (db) =>
      db.prepare('UPDATE events SET data_json = ? WHERE seq = 5').run(JSON.stringify({ which: 'nothing' })),
    );
    const inPlace = await verifyAuditLog(edited.store.db);
    assert.deepEqual([inPlace.result, inPlace.brokenAt?.seq], ['forged', 5]);
    edited.store.close();

    const { store, dir } = await sealedDay();
    tamper(dir, (db) => {
      db.prepare('UPDATE events SET data_json = ? WHERE seq = 5').run(JSON.stringify({ which: 'nothing' }));
      recomputeFrom(db, 5);
    });
    const verdict = await verifyAuditLog(store.db);
    assert.deepEqual([verdict.result, verdict.brokenAt?.seq], ['recomputed', 5]);
    store.close();
    const cli = await cliVerify(dir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /EDITED AND RECOMPUTED at row 5/);
  });

  it('a crash between a row and its head is consistent: the head catches up at the next open', async () => {
    const { store, seal, dir } = await sealedDay();
    // The head as it stood before the last append, written back as a crash would have left it.
    const account = `${seal.installation}.head`;
    const headNow = await keychain.get(AUDIT_KEYCHAIN_SERVICE, account);
    store.settings.set('language', 'en');
    await seal.idle();
    await keychain.set(AUDIT_KEYCHAIN_SERVICE, account, headNow ?? '');
    store.close();
    const again = openStore(dir);
    await attachAuditSeal(again.db, keychain);
    const head = JSON.parse((await keychain.get(AUDIT_KEYCHAIN_SERVICE, account)) ?? '{}') as {
      count: number;
    };
    assert.equal(head.count, 11, 'the head moved up to the row the crash left uncovered');
    assert.equal((await verifyAuditLog(again.db)).result, 'intact');
    again.close();
  });

  it('the keychain losing the key: cannot verify, said so; the log keeps recording', async () => {
    const { store, seal, dir } = await sealedDay();
    assert.equal(await keychain.delete(AUDIT_KEYCHAIN_SERVICE, `${seal.installation}.key`), true);
    assert.deepEqual(await verifyAuditLog(store.db), {
      ok: false,
      result: 'keyMissing',
      events: 10,
      sealed: true,
    });
    store.close();
    const cli = await cliVerify(dir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /CANNOT BE VERIFIED: the keychain no longer holds its audit key/);
    const reopened = openStore(dir);
    await attachAuditSeal(reopened.db, keychain);
    reopened.settings.set('language', 'es');
    assert.equal(listEvents(reopened.db).length, 11, 'the change was recorded');
    reopened.close();
  });

  it('a log written with plain hashes is checked, kept, and continued under the key from a migration row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-seal-legacy-'));
    const old = openStore(dir);
    old.profiles.save({ ...UNREACHABLE_OFFICE, id: 'audit-seal-office' });
    old.jobs.create(job('Before the key'));
    const before = listEvents(old.db);
    assert.equal(verifyAuditChain(old.db).result, 'intact');
    old.close();

    const store = openStore(dir);
    const seal = await attachAuditSeal(store.db, keychain);
    const events = listEvents(store.db);
    assert.deepEqual(events.slice(0, 2), before, 'old rows untouched');
    assert.equal(seal.keyedFrom, 3);
    assert.deepEqual(
      [events[2]?.kind, events[2]?.data],
      ['audit.keyed', { plainRows: 2, plainLastHash: before[1]?.hash, plainChain: 'intact' }],
    );
    store.settings.set('language', 'pl');
    assert.deepEqual(await verifyAuditLog(store.db), { ok: true, result: 'intact', events: 4, sealed: true });
    store.close();

    // A store opened without the desk may read the sealed log but not write a row it cannot seal.
    const bare = openStore(dir);
    assert.throws(() => bare.settings.set('language', 'en'), /sealed with a key in the keychain/);
    assert.equal(listEvents(bare.db).length, 4);
    bare.close();
    assert.notEqual(GENESIS_HASH, events[0]?.hash);
  });
});

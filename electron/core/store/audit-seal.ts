// The audit log's anchor outside the database: one random 32-byte key per data folder, kept in the
// OS keychain, that turns every row's hash into an HMAC, and a signed head (the last row and its
// hash) kept beside it and moved forward after every append. Someone holding only the database
// can then neither forge nor recompute a row, nor cut rows off the end, without verify saying so.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Keychain } from '../vault/keychain';
import {
  appendEvent,
  GENESIS_HASH,
  headMac,
  sameHex,
  SEAL_TABLE_SQL,
  sealRecord,
  setAuditSeal,
  verifyAuditChain,
  type AuditAnchor,
  type AuditHead,
  type AuditSealHook,
  type AuditVerdict,
} from './audit';
import type { Db } from './database';

export const AUDIT_KEYCHAIN_SERVICE = 'oneshot-desk/audit';

const keyAccount = (installation: string): string => `${installation}.key`;
const headAccount = (installation: string): string => `${installation}.head`;

type LastRow = { seq: number; hash: string };
const lastRow = (db: Db): LastRow =>
  (db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as LastRow | undefined) ?? {
    seq: 0,
    hash: GENESIS_HASH,
  };
const hashOf = (db: Db, seq: number): string | null =>
  seq === 0
    ? GENESIS_HASH
    : ((db.prepare('SELECT hash FROM events WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ??
      null);

function parseHead(text: string | null): AuditHead | null {
  if (text === null) return null;
  try {
    const h = JSON.parse(text) as Partial<AuditHead>;
    if (
      typeof h.count === 'number' &&
      typeof h.hash === 'string' &&
      typeof h.keyedFrom === 'number' &&
      typeof h.mac === 'string'
    )
      return { count: h.count, hash: h.hash, keyedFrom: h.keyedFrom, mac: h.mac };
  } catch {
    // An unreadable head is no head: verify reports it missing.
  }
  return null;
}

/** The seal of one open database. Appends call `appended()`; the head follows asynchronously. */
export class AuditSeal implements AuditSealHook {
  /** The head last written (or read at open). */
  private head: AuditHead | null;
  /**
   * Set when the head no longer describes the table's past (rows cut, replaced or forged): the head
   * is then left as it was, so the evidence survives every later append.
   */
  private frozen = false;
  private writing: Promise<void> | null = null;
  private dirty = false;
  /** The last failure to write the head (a locked keychain); the next append tries again. */
  lastError: unknown = null;

  constructor(
    private readonly db: Db,
    private readonly keychain: Keychain,
    readonly installation: string,
    readonly key: Buffer | null,
    head: AuditHead | null,
    readonly keyedFrom: number,
  ) {
    this.head = head;
  }

  appended(): void {
    if (!this.key || this.frozen) return;
    this.dirty = true;
    // After the current synchronous work: the transaction that wrote the row has committed (or
    // rolled back, and the head then reads the table as it is). Appends made meanwhile share one
    // keychain write, so a burst of rows costs one head update, not one each.
    this.writing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  /** Resolves once the head covers every row appended so far (or the write failed). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.dirty && !this.frozen && this.key) {
        this.dirty = false;
        // Move the head forward only from where it stood: if the row it named is gone or
        // different, someone changed the table under us; keep the old head as evidence.
        if (this.head && hashOf(this.db, this.head.count) !== this.head.hash) {
          this.frozen = true;
          break;
        }
        await this.writeHead(lastRow(this.db));
      }
    } catch (error) {
      this.lastError = error;
    } finally {
      this.writing = null;
    }
  }

  async writeHead(last: LastRow): Promise<void> {
    if (!this.key) return;
    if (this.head?.count === last.seq && this.head.hash === last.hash) return;
    const unsigned = { count: last.seq, hash: last.hash, keyedFrom: this.keyedFrom };
    const head = { ...unsigned, mac: headMac(this.key, unsigned) };
    await this.keychain.set(AUDIT_KEYCHAIN_SERVICE, headAccount(this.installation), JSON.stringify(head));
    this.head = head;
  }

  freeze(): void {
    this.frozen = true;
  }

  /** The key and head as this process last knew them, for a check that cannot wait. */
  anchor(): AuditAnchor {
    return { key: this.key, head: this.head, keyedFrom: this.head?.keyedFrom ?? this.keyedFrom };
  }

  /** Checks the whole log against what the keychain holds now (it may have lost the key since). */
  async verify(): Promise<AuditVerdict> {
    await this.idle();
    const [keyText, headText] = await Promise.all([
      this.keychain.get(AUDIT_KEYCHAIN_SERVICE, keyAccount(this.installation)),
      this.keychain.get(AUDIT_KEYCHAIN_SERVICE, headAccount(this.installation)),
    ]);
    const head = parseHead(headText);
    const anchor: AuditAnchor = {
      key: keyText === null ? null : Buffer.from(keyText, 'base64'),
      head,
      keyedFrom: head?.keyedFrom ?? this.keyedFrom,
    };
    return verifyAuditChain(this.db, anchor);
  }
}

const seals = new WeakMap<Db, AuditSeal>();

/** The seal attached to this database, if any. */
export function auditSeal(db: Db): AuditSeal | undefined {
  return seals.get(db);
}

/**
 * The log checked the way the desk can: with the keychain's key and head when a seal is attached,
 * else the plain chain only (a store opened without the desk).
 */
export function verifyAuditLog(db: Db): Promise<AuditVerdict> {
  const seal = seals.get(db);
  return seal ? seal.verify() : Promise.resolve(verifyAuditChain(db));
}

/**
 * The same check at once, against the key and head this process holds: a key the keychain has
 * lost since the desk opened is found by verifyAuditLog only.
 */
export function verifyAuditLogNow(db: Db): AuditVerdict {
  const seal = seals.get(db);
  return seal ? verifyAuditChain(db, seal.anchor()) : verifyAuditChain(db);
}

/**
 * Attaches the keychain seal before anything is appended: creates the key on first use, migrates
 * a log written with plain hashes, and brings a head left behind by a crash up to date.
 */
export async function attachAuditSeal(db: Db, keychain: Keychain): Promise<AuditSeal> {
  const record = sealRecord(db);
  const seal = record ? await reopen(db, keychain, record) : await createSeal(db, keychain);
  seals.set(db, seal);
  setAuditSeal(db, seal);
  return seal;
}

async function createSeal(db: Db, keychain: Keychain): Promise<AuditSeal> {
  const installation = randomUUID();
  const key = randomBytes(32);
  // The key first: a crash before the database names it leaves an unused key, never a log whose
  // key was not kept.
  await keychain.set(AUDIT_KEYCHAIN_SERVICE, keyAccount(installation), key.toString('base64'));
  // One immediate transaction: no other process can append or seal between the look and the seal.
  const made = db
    .transaction((): AuditSeal | { installation: string; keyedFrom: number } => {
      db.exec(SEAL_TABLE_SQL);
      // Another process (the CLI beside the desk) sealed this log first: its key is the one.
      const other = sealRecord(db);
      if (other) return other;
      const before = lastRow(db);
      // A log written before there was a key (plain SHA-256 chain): check it as it is, keep it as
      // it is (rewriting old rows under the key would launder any tampering already in them), and
      // start the keyed chain from the next row, which records the migration and the old chain's
      // verdict. Verify then checks rows before `keyedFrom` by plain hash and the rest by the key.
      const legacy = before.seq > 0 ? verifyAuditChain(db) : null;
      const keyedFrom = before.seq + 1;
      const seal = new AuditSeal(db, keychain, installation, key, null, keyedFrom);
      setAuditSeal(db, seal);
      db.prepare('INSERT INTO audit_seal (installation, keyed_from) VALUES (?, ?)').run(
        installation,
        keyedFrom,
      );
      if (legacy)
        appendEvent(db, null, 'audit.keyed', {
          plainRows: before.seq,
          plainLastHash: before.hash,
          plainChain: legacy.result,
          ...(legacy.brokenAt ? { plainBrokenAt: legacy.brokenAt.seq } : {}),
        });
      return seal;
    })
    .immediate();
  if (!(made instanceof AuditSeal)) {
    await keychain.delete(AUDIT_KEYCHAIN_SERVICE, keyAccount(installation)).catch(() => false);
    return reopen(db, keychain, made);
  }
  const seal = made;
  await seal.idle();
  // The head even for an empty log: deleting every row later is then "emptied", not "fresh".
  await seal.writeHead(lastRow(db));
  return seal;
}

async function reopen(
  db: Db,
  keychain: Keychain,
  record: { installation: string; keyedFrom: number },
): Promise<AuditSeal> {
  const [keyText, headText] = await Promise.all([
    keychain.get(AUDIT_KEYCHAIN_SERVICE, keyAccount(record.installation)),
    keychain.get(AUDIT_KEYCHAIN_SERVICE, headAccount(record.installation)),
  ]);
  const key = keyText === null ? null : Buffer.from(keyText, 'base64');
  const head = parseHead(headText);
  const keyedFrom = head?.keyedFrom ?? record.keyedFrom;
  // Without the key the log keeps recording (plainly hashed rows, so nothing the RAO does is
  // lost) and every check says the key is missing; the head is left untouched.
  const seal = new AuditSeal(db, keychain, record.installation, key, head, keyedFrom);
  if (!key) return seal;
  const last = lastRow(db);
  const headFits =
    head !== null && sameHex(headMac(key, head), head.mac) && hashOf(db, head.count) === head.hash;
  if (head && headFits && head.count === last.seq) return seal;
  if (head && headFits && head.count < last.seq) {
    // The crash window: a row is committed before its head is written, so a desk stopped between
    // the two leaves the head one append behind (one row, or the few rows appended while the
    // previous head write was still in the keychain). Those rows carry the key's HMAC, which only
    // this desk can make, so once they check the log is consistent and the head moves up to them.
    const check = verifyAuditChain(db, { key, head, keyedFrom });
    if (check.ok) {
      await seal.writeHead(last);
      return seal;
    }
  } else if (!head && last.seq <= keyedFrom) {
    // The first head was never written (a crash just after creating the key): nothing to lose.
    await seal.writeHead(last);
    return seal;
  }
  // Anything else is for verify to name; keep the head as it is so the evidence stays.
  seal.freeze();
  return seal;
}

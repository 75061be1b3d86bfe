// The audit log screen in the browser host with Debian's Chromium: the events of a few jobs written
// into the data folder, filtered by signer, kind and day; "Verify chain" finds the chain intact;
// "Export CSV" saves the filtered events with a formula defused; then, with the host stopped, a
// row is edited behind the log's back and, after a restart, "Verify chain" names that row.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { openStore } from '../../electron/core/store/index';
import { catalogue } from '../../renderer/src/i18n/catalogue';
import { formatDay } from '../../renderer/src/i18n/format';
import {
  axe,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { SIGNER, UNREACHABLE_OFFICE } from '../helpers/sandbox';

const localDay = (d: Date): string =>
  [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');

/** Two customers' jobs and their first steps, written as the desk would have written them. */
function seed(dataDir: string): { maria: string; evil: string } {
  const store = openStore(dataDir);
  store.profiles.save(UNREACHABLE_OFFICE);
  const job = (label: string, signer: Partial<typeof SIGNER>, state: 'queued' | 'draft' = 'queued') =>
    store.jobs.create({
      state,
      profileId: 'office',
      raoUsername: 'rao',
      label,
      signer: { ...SIGNER, ...signer },
      auth: { method: 'otp', delivery: 'sms' },
      outputDir: join(dataDir, 'out'),
      documents: [
        { sha256: 'a'.repeat(64), filename: 'contract.pdf', size: 1000, pages: 2 },
        { sha256: 'b'.repeat(64), filename: 'annex.pdf', size: 1000, pages: 1 },
      ],
    }).id;
  const maria = job('María Núñez', {});
  store.jobs.transition(maria, 'creating');
  store.jobs.transition(maria, 'created', { pk: '822001' }, { requestPk: '822001' });
  store.jobs.event(maria, 'review.read', { which: 'contract' });
  // Paused, and the other a draft: the queue leaves both alone while the host runs.
  store.jobs.update(maria, { paused: true }, { kind: 'job.paused' });
  // A long day of another customer's reading: more than one page of the log.
  const bulk = job('Bulk', { given_name: 'Pedro', surname_1: 'Ruiz', surname_2: undefined }, 'draft');
  for (let i = 0; i < 120; i++) store.jobs.event(bulk, 'review.read', { which: i % 3 });
  const evil = job(
    'Spreadsheet',
    { given_name: '=HYPERLINK("http://evil.example")', surname_1: 'Smith' },
    'draft',
  );
  store.jobs.event(evil, 'id_image.added', { side: 'document_front' });
  store.close();
  return { maria, evil };
}

async function openAuditLog(browser: Browser, host: DeskHost): Promise<{ page: Page; problems: string[] }> {
  const desk = await openDesk(browser, host.url);
  await desk.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Audit log' })
    .click();
  await desk.page.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
  await desk.page.getByText(/^Showing \d+ of \d+ events, newest first\.$/).waitFor();
  // Before the first look, nothing should be announced as intact or broken.
  assert.equal(await desk.page.getByRole('alert').count(), 0);
  return desk;
}

describe('the audit log screen', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-audit-'));
  let jobs: { maria: string; evil: string };

  before(async () => {
    jobs = seed(dataDir);
    host = await startDeskHost({ dataDir });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('filters by signer, kind and day, verifies the chain and exports the filtered events as CSV', async () => {
    const { page, problems } = await openAuditLog(browser, host);
    const table = page.getByRole('region', { name: 'Events, newest first' });
    const rows = table.locator('tbody tr');
    // The newest page first; older pages on request, until there are none.
    const shown = await page.getByText(/^Showing 100 of \d+ events/).innerText();
    let all = Number(/of (\d+)/.exec(shown)?.[1]);
    assert.ok(all >= 129, shown);
    assert.equal(await rows.count(), 100);
    assert.equal(await rows.first().locator('th').innerText(), String(all));
    await page.getByRole('button', { name: 'Load older events' }).click();
    await page.getByText(`Showing ${all} of ${all} events, newest first.`).waitFor();
    assert.equal(await rows.count(), all);
    assert.equal(await rows.last().locator('th').innerText(), '1');
    assert.equal(await page.getByRole('button', { name: 'Load older events' }).count(), 0);
    // Each with the job's signer and a readable line of its data.
    const image = table.getByRole('row').filter({ hasText: 'ID image added' });
    assert.match((await image.innerText()).replace(/\s+/g, ' '), /HYPERLINK.* Smith García Front$/);
    const created = table.getByRole('row').filter({ hasText: 'Job created' }).last();
    assert.match(await created.innerText(), /“María Núñez” · Queued · 2 documents · SMS/);

    const filters = page.getByRole('search', { name: 'Filter events' });
    await filters.getByLabel('Signer').fill('NUNEZ');
    await filters.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('Showing 5 of 5 events, newest first.').waitFor();
    for (const text of await table.locator('tbody tr td:nth-child(5)').allInnerTexts())
      assert.equal(text, 'María Núñez García');
    await filters.getByLabel('Event').selectOption({ label: 'State changed' });
    await filters.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('Showing 2 of 2 events, newest first.').waitFor();
    assert.deepEqual(
      (await table.locator('tbody td.details').allInnerTexts()).map((s) => s.trim()),
      ['Creating request → Request created · Request number: 822001', 'Queued → Creating request'],
    );
    const today = localDay(new Date());
    const tomorrow = localDay(new Date(Date.now() + 86_400_000));
    await filters.getByLabel('From').fill(tomorrow);
    await filters.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('No event matches these filters.').waitFor();
    await filters.getByLabel('From').fill(today);
    await filters.getByLabel('To').fill(today);
    await filters.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('Showing 2 of 2 events, newest first.').waitFor();

    // A job's id narrows the log to that job alone.
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`Showing 100 of ${all} events, newest first.`).waitFor();
    await table
      .getByRole('button', { name: `Show only job ${jobs.evil.slice(0, 8)}` })
      .first()
      .click();
    await page.getByText('Showing 2 of 2 events, newest first.').waitFor();
    assert.equal(await filters.getByLabel('Job ID').inputValue(), jobs.evil);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('status').getByText(`${all} events, chain intact.`).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^oneshot-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'seq,at,jobId,signer,kind,data');
    assert.equal(lines.length, 4, 'header, two events, and the final line break');
    const signerCell = `,${jobs.evil},"'=HYPERLINK(""http://evil.example"") Smith García",`;
    assert.ok(
      lines.slice(1, 3).every((l) => l.includes(signerCell)),
      `the signer's cell is quoted and cannot run as a formula:\n${csv}`,
    );
    assert.match(lines[2] ?? '', /,id_image\.added,"\{""side"":""document_front""\}"$/);
    await page.getByText(`Saved ${download.suggestedFilename()}.`).waitFor();

    // The export is the newest event: what left the desk and by which filter, not the filter's value.
    all += 1;
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`Showing 100 of ${all} events, newest first.`).waitFor();
    const newest = table.locator('tbody tr').first();
    assert.match(await newest.locator('td').nth(1).innerText(), /^Audit log exported\s*audit\.exported$/);
    assert.equal(
      (await newest.locator('td.details').innerText()).trim(),
      '2 events as CSV · filtered by Job ID',
    );
    await filters.getByLabel('Signer').fill('maría');
    await filters.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('Showing 5 of 5 events, newest first.').waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('status').getByText(`${all} events, chain intact.`).waitFor();
    await screenshot(page, '20-audit-log');
    const { blocking } = await axe(page);
    assert.deepEqual(blocking, [], 'axe found serious/critical problems on the audit log');
    assert.deepEqual(problems, []);
  });

  it('names the row edited behind the log’s back after a restart', async () => {
    await host.stop();
    const db = new Database(join(dataDir, 'oneshot.db'));
    const target = db
      .prepare("SELECT seq FROM events WHERE job_id = ? AND kind = 'review.read'")
      .get(jobs.maria) as { seq: number };
    db.exec('DROP TRIGGER events_append_only_update');
    db.prepare('UPDATE events SET data_json = ? WHERE seq = ?').run('{"which":0}', target.seq);
    db.close();
    host = await startDeskHost({ dataDir });

    const { page, problems } = await openAuditLog(browser, host);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const alert = page.getByRole('alert');
    await alert
      .getByText(`The chain is broken at event ${target.seq}: its content was changed after it was written.`)
      .waitFor();
    // The row itself is marked once it is on screen.
    await page.getByRole('search', { name: 'Filter events' }).getByLabel('Job ID').fill(jobs.maria);
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('Showing 5 of 5 events, newest first.').waitFor();
    assert.equal(await page.locator('tbody tr.broken th').innerText(), String(target.seq));
    await screenshot(page, '21-audit-log-broken');
    const { blocking } = await axe(page);
    assert.deepEqual(blocking, []);
    assert.deepEqual(problems, []);
  });

  it('says rows were cut off the end, against the count the keychain keeps, after a restart', async () => {
    await host.stop();
    const db = new Database(join(dataDir, 'oneshot.db'));
    // The edit above repaired first, so only the cut is left to find.
    db.prepare("UPDATE events SET data_json = ? WHERE job_id = ? AND kind = 'review.read'").run(
      '{"which":"contract"}',
      jobs.maria,
    );
    const { n } = db.prepare('SELECT max(seq) AS n FROM events').get() as { n: number };
    db.exec('DROP TRIGGER IF EXISTS events_append_only_delete');
    db.prepare('DELETE FROM events WHERE seq > ?').run(n - 2);
    db.close();
    host = await startDeskHost({ dataDir });
    const { page, problems } = await openAuditLog(browser, host);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page
      .getByRole('alert')
      .getByText(
        `Events were removed from the end of the log: ${n - 2} are left, but the keychain’s signed record counts ${n}.`,
        { exact: false },
      )
      .waitFor();
    assert.deepEqual(problems, []);
  });

  it('takes the days as Spanish and Polish write them, and says how when a day is not one', async () => {
    const { page, problems } = await openAuditLog(browser, host);
    const es = catalogue.es.audit;
    await page.locator('header label.language select').selectOption('es');
    const filters = page.getByRole('search', { name: es.filters.label });
    const from = filters.getByLabel(es.filters.from, { exact: true });
    // Not the browser's mm/dd/yyyy date input: a text field that shows the Spanish way to write a day.
    assert.equal(await from.getAttribute('type'), 'text');
    assert.equal(await from.getAttribute('placeholder'), 'dd/mm/aaaa');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const written = `${tomorrow.getDate()}/${tomorrow.getMonth() + 1}/${tomorrow.getFullYear()}`;
    await from.fill(written);
    await filters.getByRole('button', { name: es.filters.apply }).click();
    await page.getByText(es.none).waitFor();
    await from.blur();
    assert.equal(await from.inputValue(), formatDay('es', localDay(tomorrow)));
    // Polish writes the same day with dots, in the same field.
    await page.locator('header label.language select').selectOption('pl');
    const pl = catalogue.pl.audit;
    const plFrom = page
      .getByRole('search', { name: pl.filters.label })
      .getByLabel(pl.filters.from, { exact: true });
    assert.equal(await plFrom.getAttribute('placeholder'), 'dd.mm.rrrr');
    assert.equal(await plFrom.inputValue(), formatDay('pl', localDay(tomorrow)));
    assert.match(await plFrom.inputValue(), /^\d\d\.\d\d\.\d{4}$/);
    // What is no day is kept as typed and said at the field, in the language, with the pattern.
    await plFrom.fill('jutro');
    await page.getByRole('alert').getByText('Wpisz datę jako dd.mm.rrrr', { exact: false }).waitFor();
    assert.equal(await plFrom.inputValue(), 'jutro');
    assert.equal(await plFrom.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(problems, []);
  });
});

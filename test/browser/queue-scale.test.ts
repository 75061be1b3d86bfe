// Ten thousand jobs in the queue: the list stays virtualized (a few dozen rows in the page at any
// time), the count is right, and the last job is reached by scrolling. Jobs are written straight
// into the store before the host starts, as a long day's queue would be after a restart.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { openStore } from '../../electron/core/store/index';
import {
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { scaleJobLabel, seedScaleJobs, timeToLastJob } from '../helpers/queue-scale';

const JOBS = 10_000;

describe('a queue of 10,000 jobs', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-scale-'));
    const store = openStore(dataDir);
    seedScaleJobs(store, JOBS);
    store.close();
    host = await startDeskHost({ dataDir });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('keeps the list virtualized and reaches the last job', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    const list = page.getByRole('region', { name: '10000 jobs' });
    await list.getByText(scaleJobLabel(1)).waitFor({ timeout: 30_000 });
    const rows = page.getByRole('listitem');
    const firstCount = await rows.count();
    assert.ok(firstCount > 5 && firstCount < 60, `${firstCount} rows in the page`);

    const ms = await timeToLastJob(list, JOBS);
    console.log(`# scrolled from job 1 to job ${JOBS} and saw it in ${ms} ms`);
    assert.ok((await rows.count()) < 60, 'rows pile up while scrolling');
    await list.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await list
      .getByText(/Customer 0(49|50|51)\d\d/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, '14-queue-10000');
    assert.deepEqual(problems, []);
  });
});

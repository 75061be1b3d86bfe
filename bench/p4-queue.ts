// P4: a queue of 10,000 jobs. The store's list query as the bridge's `jobs.list` makes it (a window
// of rows, the total and the counts by state), with the store module of the checkout under
// measurement; then, in Chromium on that checkout's browser mode, the time from scrolling the
// list to its end until the last job is on screen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import type * as StoreModule from '../electron/core/store/index';
import { launchChromium, openDesk } from '../test/helpers/desk-browser';
import { scaleJobLabel, seedScaleJobs, timeToLastJob } from '../test/helpers/queue-scale';
import type { BenchContext } from './context';
import { startDeskWeb } from './desk-web';
import { median, type Part } from './report';

const JOBS = 10_000;
/** The bridge's default window (`jobs.list`'s limit). */
const WINDOW = 200;

export async function measureQueue(ctx: BenchContext): Promise<Part> {
  const dataDir = join(ctx.work, 'p4');
  mkdirSync(dataDir, { recursive: true });
  const { openStore } = (await import(
    join(ctx.desk.dir, 'electron/core/store/index.ts')
  )) as typeof StoreModule;
  ctx.say(`P4: writing ${JOBS} jobs`);
  const store = openStore(dataDir);
  const first: number[] = [];
  const last: number[] = [];
  try {
    seedScaleJobs(store, JOBS);
    const query = (offset: number): number => {
      const t0 = performance.now();
      const { total } = store.jobs.page({}, offset, WINDOW);
      store.jobs.countByState();
      const ms = performance.now() - t0;
      if (total !== JOBS) throw new Error(`the store counted ${total} jobs, not ${JOBS}`);
      return ms;
    };
    query(0); // statements prepared, pages cached: the list is asked for again and again
    for (let i = 0; i < (ctx.quick ? 5 : 21); i++) {
      first.push(query(0));
      last.push(query(JOBS - WINDOW));
    }
  } finally {
    store.close();
  }

  ctx.say('P4: scrolling to the last job in Chromium');
  const web = await startDeskWeb(ctx, dataDir);
  let browser: Browser | undefined;
  let scroll: number;
  try {
    browser = await launchChromium();
    const { page } = await openDesk(browser, web.url);
    const list = page.getByRole('region', { name: /^10,?000 jobs$/ });
    await list.getByText(scaleJobLabel(1)).waitFor({ timeout: 60_000 });
    scroll = await timeToLastJob(list, JOBS);
  } finally {
    await browser?.close();
    await web.stop();
  }
  return {
    title: 'P4 a queue of 10,000 jobs',
    setup: `${JOBS} drafts in the store; the query is page(${WINDOW} rows) + total + counts by state, median of ${first.length}`,
    figures: [
      { name: 'list query, first window', value: median(first), unit: 'ms', target: 10 },
      { name: 'list query, last window', value: median(last), unit: 'ms', target: 10 },
      { name: 'last row on screen', value: scroll, unit: 'ms', target: 500, note: 'from scrollTop = end' },
    ],
  };
}

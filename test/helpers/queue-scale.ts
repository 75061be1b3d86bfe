// A long day's queue for the scale test and the bench (P4): ten thousand draft jobs written straight
// into the store, and the time the browser takes to show the last one once the list is scrolled to
// its end.
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { Store } from '../../electron/core/store/index';
import { SIGNER, UNREACHABLE_OFFICE } from './sandbox';

/** The label of job `n` (from 1): sorted as created, and told apart in the list. */
export const scaleJobLabel = (n: number): string => `Customer ${String(n).padStart(5, '0')}`;

/** Writes `count` one-document drafts for the unreachable office profile into an open store. */
export function seedScaleJobs(store: Store, count: number): void {
  store.profiles.save(UNREACHABLE_OFFICE);
  store.jobs.createMany(
    Array.from({ length: count }, (_, i) => ({
      profileId: 'office',
      raoUsername: 'rao',
      label: scaleJobLabel(i + 1),
      signer: SIGNER,
      auth: { method: 'otp' as const, delivery: 'sms' as const },
      outputDir: join(store.dataDir, 'out'),
      state: 'draft' as const,
      documents: [{ sha256: 'a'.repeat(64), filename: `doc-${i + 1}.pdf`, size: 1000, pages: 1 }],
    })),
  );
}

/** Scrolls the queue's list to its end and waits for the last job: the ms it took. */
export async function timeToLastJob(list: Locator, count: number): Promise<number> {
  const started = Date.now();
  await list.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  await list.getByText(scaleJobLabel(count)).waitFor({ timeout: 30_000 });
  return Date.now() - started;
}

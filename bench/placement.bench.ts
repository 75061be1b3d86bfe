// How fast stamps are resolved for a batch: each document opened with pdf.js in core, the anchor
// phrase looked for on every page, the rule applied. Prints figures; asserts nothing (the tests
// check behaviour). Run with `npm run bench`.
import { performance } from 'node:perf_hooks';
import { toPdfRect, type PageView } from '../shared/appearance';
import { openPdfLayout } from '../electron/core/placement/pdf-layout';
import { resolveStamp } from '../electron/core/placement/stamps';
import { makePdf } from '../test/fixtures/pdfs';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 200);
const PAGES = 5;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const documents = await Promise.all(
    Array.from({ length: DOCUMENTS }, (_, i) =>
      makePdf({
        pages: PAGES,
        text: 'Terms and conditions of the service, as agreed between the parties.',
        // One in ten has no signature line: those fall back to the page rule.
        phrases:
          i % 10 === 9
            ? []
            : [{ page: i % PAGES, x: 60 + (i % 7) * 40, y: 120 + (i % 11) * 50, text: 'Firma:' }],
      }),
    ),
  );
  const placement = {
    rule: { page: 'last' as const, corner: 'bottom-right' as const, x: 36, y: 36, width: 180, height: 60 },
    anchor: { text: 'Firma:', dx: 0, dy: 18 },
  };
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let fallbacks = 0;
  const started = performance.now();
  for (const bytes of documents) {
    const t0 = performance.now();
    const layout = await openPdfLayout(bytes);
    const found = await layout.findText(placement.anchor.text);
    const stamp = resolveStamp({ pages: layout.pages, placement, exact: null, found });
    if (stamp?.source === 'fallback') fallbacks++;
    await layout.close();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const rssAfter = process.memoryUsage().rss;

  const view: PageView = { viewBox: [50, 50, 450, 650], rotation: 90, scale: 1.5 };
  const n = 1_000_000;
  const g0 = performance.now();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += toPdfRect({ left: i % 500, top: 20, width: 100, height: 40 }, view)[0];
  const geometry = performance.now() - g0;

  const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
  process.stdout.write(
    [
      `placement: ${DOCUMENTS} documents of ${PAGES} pages, anchor "Firma:" (${fallbacks} fell back to the page rule)`,
      `  total ${fmt(total)} · ${(DOCUMENTS / (total / 1000)).toFixed(0)} documents/s`,
      `  per document p50 ${fmt(percentile(times, 50))} · p95 ${fmt(percentile(times, 95))} · max ${fmt(times.at(-1) ?? NaN)}`,
      `  resident memory ${rssAfter >= rssBefore ? '+' : '−'}${(Math.abs(rssAfter - rssBefore) / 1024 / 1024).toFixed(1)} MiB while resolving (${(rssAfter / 1024 / 1024).toFixed(0)} MiB in all, the test PDFs included)`,
      `geometry: toPdfRect ${((n / geometry) * 1000).toExponential(2)} boxes/s (checksum ${sink.toFixed(0)})`,
      '',
    ].join('\n'),
  );
}

await main();

// When a page counts as read by the signer, shared by the viewer that measures it and core that
// checks the evidence. Pure: no Node, no DOM.

/**
 * A page counts once at least this share of it has been on screen for READ_DWELL_MS without a
 * break. Half a page for a second is what a reader turning pages at speed still looks at; a quick
 * scroll to the end passes every page in a fraction of that.
 */
export const READ_SHARE = 0.5;
export const READ_DWELL_MS = 1000;
/**
 * A page taller than twice the screen (zoomed in, or a long receipt) can never be half on screen:
 * it counts once it fills this share of the screen instead.
 */
export const READ_SCREEN_SHARE = 0.9;

/** The share of a page that must be visible, for a page and screen of these heights. */
export function requiredShare(pageHeight: number, screenHeight: number): number {
  if (pageHeight <= 0 || screenHeight <= 0) return READ_SHARE;
  return Math.min(READ_SHARE, (READ_SCREEN_SHARE * screenHeight) / pageHeight);
}

/** The pages from 1 to `total` not in `seen`, written as ranges ("3, 5–9") for a person. */
export function missingPages(seen: Iterable<number>, total: number): number[] {
  const have = new Set(seen);
  const missing: number[] = [];
  for (let page = 1; page <= total; page++) if (!have.has(page)) missing.push(page);
  return missing;
}

/** "1–3, 5, 7–9": pages as ranges, for messages and the audit log. */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

// "No English, no raw key" on a Spanish or Polish screen: what a person can read on the page (its
// text and the aria-label, title and placeholder values a screen reader or tooltip shows), and the
// places in it where the desk's English or its machinery (i18n keys, templates, regex sources,
// zod's own words) show through.
import type { Page } from 'playwright-core';

export interface Leak {
  kind: 'raw key' | 'template' | 'pattern' | 'validator' | 'English';
  /** What matched, as on screen. */
  found: string;
  /** The words around it, to find it on the screenshot. */
  around: string;
}

/**
 * Common words of the desk's English messages that never occur in Spanish or Polish text (so "no",
 * "to", "error", "start" and "e-mail", which do, are not here). Matched as whole words, any case.
 */
export const ENGLISH_WORDS = [
  'the',
  'and',
  'or',
  'of',
  'for',
  'with',
  'this',
  'that',
  'these',
  'your',
  'you',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'has',
  'have',
  'can',
  'cannot',
  'could',
  'would',
  'should',
  'must',
  'will',
  'not',
  'only',
  'still',
  'already',
  'longer',
  'again',
  'please',
  'failed',
  'missing',
  'required',
  'invalid',
  'unknown',
  'refused',
  'wrong',
  'went',
  'something',
  'job',
  'jobs',
  'signer',
  'document',
  'documents',
  'file',
  'details',
  'number',
  'phone',
  'name',
  'write',
  'check',
  'cancel',
  'cancelled',
  'retry',
  'template',
  'templates',
  'unsupported',
  'accepted',
  'expected',
  'received',
] as const;

/** Raw i18n-like keys: `problems.cancelTooLate`, `placement.props.rule`. */
const RAW_KEY = /\b[a-z]+(?:\.[a-zA-Z_]+)+\b/g;
/** What a dotted word may be without being a key: a file name, a domain or a version. */
const NOT_A_KEY = /\.(?:pdf|json|txt|png|jpe?g|com|org|net|es|pl|eu|local)$/i;
const EMAILS_AND_URLS = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\bhttps?:\/\/\S+/g;
const VALIDATOR = /Invalid input|\bexpected\b|\breceived\b|\bRequired\b|String must|Too (?:big|small)/g;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ENGLISH = new RegExp(
  `(?<![\\p{L}\\p{N}_'’-])(?:Something went wrong|${ENGLISH_WORDS.join('|')})(?![\\p{L}\\p{N}_'’-])`,
  'giu',
);

function around(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 40), index + length + 40)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The leaks in `text`. `allow` lists what may stay as it is (proper names such as One-Shot, the
 * Optimizer's name, Uanataca, and the file and person names the test itself typed): each is blanked
 * out, as a whole string, before anything is looked for.
 */
export function findLeaks(text: string, allow: readonly string[] = []): Leak[] {
  const names = ['One-Shot Desk', 'One-Shot', 'Optimizer', 'Uanataca', ...allow].sort(
    (a, b) => b.length - a.length,
  );
  // Placeholders such as {signer} are the stamp templates' own syntax, shown for the RAO to type.
  let seen = text.replace(EMAILS_AND_URLS, ' ').replace(/(?<!\{)\{[a-z_]+\}(?!\})/g, ' ');
  for (const name of names) seen = seen.replace(new RegExp(escape(name), 'g'), ' ');
  const leaks: Leak[] = [];
  const add = (kind: Leak['kind'], pattern: RegExp, keep: (found: string) => boolean = () => true) => {
    for (const m of seen.matchAll(pattern))
      if (keep(m[0])) leaks.push({ kind, found: m[0], around: around(seen, m.index, m[0].length) });
  };
  add('raw key', RAW_KEY, (found) => !NOT_A_KEY.test(found));
  add('template', /\{\{|\}\}/g);
  add('pattern', /\/\^|\$\/|\[0-9\]|\\[dswp]\{?/g);
  add('validator', VALIDATOR);
  // A code in capitals (a country's ISO code such as IS or BE beside its name) is not a word.
  add('English', ENGLISH, (found) => !/^[A-Z]{1,3}$/.test(found));
  return leaks;
}

/** Everything on the page a person can read or hear: its text and its labels, titles and hints. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Runs in the page; the test tsconfig has no DOM types, so the few used are named here.
    const doc = (
      globalThis as unknown as {
        document: {
          body: { innerText: string };
          querySelectorAll(s: string): Iterable<{ getAttribute(name: string): string | null }>;
        };
      }
    ).document;
    const parts = [doc.body.innerText];
    for (const el of doc.querySelectorAll('[aria-label], [title], [placeholder]'))
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value) parts.push(value);
      }
    return parts.join('\n');
  });
}

/** The leaks on the page now, each on one line, to read in a failed assertion. */
export async function leaksOnPage(page: Page, allow: readonly string[] = []): Promise<string[]> {
  return findLeaks(await visibleText(page), allow).map((l) => `${l.kind} “${l.found}” in “${l.around}”`);
}

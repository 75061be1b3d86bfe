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
  /** Where it starts in the text judged, and how long it is. */
  index: number;
  length: number;
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
  'from',
  'it',
  'at',
  'in',
  'into',
  'which',
  'what',
  'when',
  'there',
  'here',
  'other',
  'nothing',
  'remove',
  'reached',
  'imported',
  'added',
  'saved',
  'found',
  'please',
  'failed',
  'missing',
  'required',
  'invalid',
  'unknown',
  'refused',
  'signed',
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

/** `text` with what may stay blanked out: addresses, stamp placeholders, proper and chosen names. */
function blankedOut(text: string, allow: readonly string[]): string {
  const names = ['One-Shot Desk', 'One-Shot', 'Optimizer', 'Uanataca', ...allow].sort(
    (a, b) => b.length - a.length,
  );
  // Placeholders such as {signer} are the stamp templates' own syntax, shown for the RAO to type.
  // Blanked with as many spaces, so a place in the result is the same place in `text`.
  const blank = (found: string): string => ' '.repeat(found.length);
  let seen = text.replace(EMAILS_AND_URLS, blank).replace(/(?<!\{)\{[a-z_]+\}(?!\})/g, blank);
  for (const name of names) seen = seen.replace(new RegExp(escape(name), 'g'), blank);
  return seen;
}

/**
 * The leaks in `text`. `allow` lists what may stay as it is (proper names such as One-Shot, the
 * Optimizer's name, Uanataca, and the file and person names the test itself typed): each is blanked
 * out, as a whole string, before anything is looked for.
 */
export function findLeaks(text: string, allow: readonly string[] = []): Leak[] {
  const seen = blankedOut(text, allow);
  const leaks: Leak[] = [];
  const add = (kind: Leak['kind'], pattern: RegExp, keep: (found: string) => boolean = () => true) => {
    for (const m of seen.matchAll(pattern))
      if (keep(m[0]))
        leaks.push({
          kind,
          found: m[0],
          around: around(text, m.index, m[0].length),
          index: m.index,
          length: m[0].length,
        });
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

/**
 * The leaks on the page now, one line each, to read in a failed assertion: English words close
 * together are one phrase (the sentence as shown), each other leak is named with its surroundings.
 */
export async function leaksOnPage(page: Page, allow: readonly string[] = []): Promise<string[]> {
  const text = await visibleText(page);
  const leaks = findLeaks(text, allow);
  const lines: string[] = [];
  const english = leaks.filter((l) => l.kind === 'English').sort((a, b) => a.index - b.index);
  for (let i = 0; i < english.length; ) {
    const first = english[i] as Leak;
    let last = first;
    // Words at most a few characters apart (a file name blanked out between them too) are one phrase.
    while (i + 1 < english.length && (english[i + 1] as Leak).index - (last.index + last.length) <= 30)
      last = english[++i] as Leak;
    i++;
    const phrase = text.slice(first.index, last.index + last.length);
    lines.push(`English “${phrase.replace(/\s+/g, ' ')}” in “${around(text, first.index, phrase.length)}”`);
  }
  for (const l of leaks.filter((l) => l.kind !== 'English'))
    lines.push(`${l.kind} “${l.found}” in “${l.around}”`);
  return [...new Set(lines)];
}

// What the local check needs from a PDF's structure, read object by object through its
// cross-reference: encrypted or not, the number of pages, the signed signature fields, the title.
import type { PdfObjects } from './pdf-objects';
import { PdfStructureError } from './cross-reference';
import { decodeTextString, type PdfDict, type PdfValue } from './pdf-syntax';

export interface DocumentOutline {
  encrypted: boolean;
  pages: number;
  signatureCount: number;
  title?: string;
}

const MAX_TREE_DEPTH = 64;

export async function readOutline(objects: PdfObjects): Promise<DocumentOutline> {
  if (objects.trailer('Encrypt') !== undefined) return { encrypted: true, pages: 0, signatureCount: 0 };
  const catalog = await objects.resolveDict(objects.trailer('Root'));
  if (!catalog) throw new PdfStructureError('no document catalog');
  const pages = await countPages(objects, catalog.entries.get('Pages')?.value);
  const signatureCount = await countSignedFields(objects, catalog);
  const title = await readTitle(objects);
  return { encrypted: false, pages, signatureCount, ...(title ? { title } : {}) };
}

/** Leaves of the page tree, each node visited once. */
async function countPages(objects: PdfObjects, root: PdfValue | undefined): Promise<number> {
  const seen = new Set<number>();
  let count = 0;
  const walk = async (node: PdfValue | undefined, depth: number): Promise<void> => {
    if (node?.kind === 'ref') {
      if (seen.has(node.objectNumber)) return;
      seen.add(node.objectNumber);
    }
    const dict = await objects.resolveDict(node);
    if (!dict || depth > MAX_TREE_DEPTH) return;
    const kids = await objects.resolve(dict.entries.get('Kids')?.value);
    const type = nameOf(dict, 'Type');
    if (type === 'Page' || (type !== 'Pages' && kids?.kind !== 'array')) {
      count++;
      return;
    }
    if (kids?.kind === 'array') for (const kid of kids.items) await walk(kid, depth + 1);
  };
  await walk(root, 0);
  return count;
}

/** Signature fields that hold a signature (/FT /Sig, inheritable, with /V), walked from /AcroForm. */
async function countSignedFields(objects: PdfObjects, catalog: PdfDict): Promise<number> {
  const acroForm = await objects.resolveDict(catalog.entries.get('AcroForm')?.value);
  if (!acroForm) return 0;
  const seen = new Set<number>();
  let count = 0;
  const walk = async (node: PdfValue, inheritedType: string | undefined, depth: number): Promise<void> => {
    if (node.kind === 'ref') {
      if (seen.has(node.objectNumber)) return;
      seen.add(node.objectNumber);
    }
    const field = await objects.resolveDict(node);
    if (!field || depth > 32) return;
    const type = nameOf(field, 'FT') ?? inheritedType;
    if (type === 'Sig' && field.entries.has('V')) count++;
    const kids = await objects.resolve(field.entries.get('Kids')?.value);
    if (kids?.kind === 'array') for (const kid of kids.items) await walk(kid, type, depth + 1);
  };
  const fields = await objects.resolve(acroForm.entries.get('Fields')?.value);
  if (fields?.kind === 'array') for (const field of fields.items) await walk(field, undefined, 0);
  return count;
}

async function readTitle(objects: PdfObjects): Promise<string | undefined> {
  const info = await objects.resolveDict(objects.trailer('Info'));
  const title = await objects.resolve(info?.entries.get('Title')?.value);
  if (title?.kind !== 'string') return undefined;
  const text = decodeTextString(title.bytes).replace(/\0/g, '').trim();
  return text === '' ? undefined : text;
}

function nameOf(dict: PdfDict, key: string): string | undefined {
  const value = dict.entries.get(key)?.value;
  return value?.kind === 'name' ? value.value : undefined;
}

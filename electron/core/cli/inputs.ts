// Reads and checks everything a command was given — signer files, manifests, appearance files and
// the PDFs — before anything is stored or sent.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { requestLimitProblems } from '../../../shared/request-limits';
import { parseSignatureParams, type SignatureParams } from '../../../shared/signature';
import { ID_IMAGE_FIELDS, parseSigner, type SignerAuth, type SignerIdentity } from '../../../shared/signer';
import { MAX_ID_IMAGE_BYTES } from '../vault/id-image-rules';
import type { SignerImages } from '../store/index';
import { InputError } from './input-error';

export interface CheckedDocument {
  path: string;
  filename: string;
  size: number;
  pages: number;
  sha256: string;
  hasSignatures: boolean;
}

export interface CheckedJob {
  label: string;
  signer: SignerIdentity & { images?: SignerImages };
  auth: SignerAuth;
  signature?: SignatureParams;
  documents: CheckedDocument[];
}

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${path}: cannot read the ${what} file (does it exist?)`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${path}: the ${what} file is not valid JSON (${(error as Error).message})`);
  }
}

/** A signer object (from signer.json or a manifest entry); ID image paths are resolved against `baseDir`. */
export function checkSigner(
  input: unknown,
  where: string,
  baseDir: string,
): SignerIdentity & { images?: SignerImages } {
  const parsed = parseSigner(input);
  if (!parsed.ok) {
    throw new InputError(`${where}: ${parsed.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
  }
  const record = input as Record<string, unknown>;
  const images: SignerImages = {};
  for (const field of ID_IMAGE_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new InputError(`${where}: ${field} must be the path of a JPEG or PNG image`);
    const path = isAbsolute(value) ? value : resolve(baseDir, value);
    let head: Buffer;
    try {
      head = readFileSync(path).subarray(0, 8);
    } catch {
      throw new InputError(`${where}: ${field} ${path} does not exist`);
    }
    const jpeg = head[0] === 0xff && head[1] === 0xd8;
    const png = head.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    if (!jpeg && !png) throw new InputError(`${where}: ${field} ${path} is not a JPEG or PNG image`);
    // The desk's own limit for ID images: checked here, since the CLI sends the file as it is.
    if (statSync(path).size > MAX_ID_IMAGE_BYTES)
      throw new InputError(
        `${where}: ${field} ${path} is larger than ${MAX_ID_IMAGE_BYTES / 1024 / 1024} MB: send a smaller photo of the document`,
      );
    images[field] = path;
  }
  return Object.keys(images).length > 0 ? { ...parsed.signer, images } : parsed.signer;
}

export function readSignerFile(path: string): SignerIdentity & { images?: SignerImages } {
  return checkSigner(readJsonFile(path, 'signer'), path, dirname(resolve(path)));
}

export function checkAppearance(input: unknown, where: string): SignatureParams {
  const parsed = parseSignatureParams(input);
  if (!parsed.ok) throw new InputError(`${where}: ${parsed.issues.join('; ')}`);
  return parsed.value;
}

export function readAppearanceFile(path: string): SignatureParams {
  return checkAppearance(readJsonFile(path, 'appearance'), path);
}

/** "type:value" from --ext-auth (and its file, stdin and environment forms): see secrets.ts. */
export { parseExtAuth } from './secrets';

/** Expands folders to the PDFs they hold (not recursively), then checks every file. */
export async function checkDocuments(paths: string[], where = ''): Promise<CheckedDocument[]> {
  if (paths.length === 0) throw new InputError(`${where}no documents given: name PDF files or folders`);
  const files: string[] = [];
  for (const p of paths) {
    let stats;
    try {
      stats = statSync(p);
    } catch {
      throw new InputError(`${where}${p}: no such file or folder`);
    }
    if (stats.isDirectory()) {
      const pdfs = listFolder(p, where)
        .filter((n) => extname(n).toLowerCase() === '.pdf' && !n.startsWith('.'))
        .sort()
        .map((n) => join(p, n));
      if (pdfs.length === 0) throw new InputError(`${where}${p}: the folder holds no PDF files`);
      files.push(...pdfs);
    } else {
      files.push(p);
    }
  }
  const checked: CheckedDocument[] = [];
  // The PDF parsers load here, when there are PDFs to check: `status` and `audit` never load them.
  const { inspectLocalPdf } = await import('../pdf/index');
  for (const path of files) {
    const result = await inspectLocalPdf(path);
    if (!result.ok) throw new InputError(`${where}${result.message}`);
    checked.push({
      path: resolve(path),
      filename: basename(path),
      size: result.size,
      pages: result.pages,
      sha256: result.sha256,
      hasSignatures: result.hasSignatures,
    });
  }
  return checked;
}

/** A folder's names, or bad input naming the folder that cannot be read (never a raw EACCES). */
function listFolder(path: string, where: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new InputError(`${where}${path}: the folder cannot be read (${code}); check its permissions`);
  }
}

/** The Optimizer's limits on one request (documents, the stamp's page), before anything is sent. */
export function checkRequestLimits(
  documents: readonly CheckedDocument[],
  signature: SignatureParams | undefined,
  where = '',
): void {
  const problems = requestLimitProblems(documents, signature);
  if (problems.length > 0) throw new InputError(`${where}${problems.join(' ')}`);
}

/** batch.json: a list of { signer (object or path), documents, ext_auth, appearance? }. */
export async function readManifest(path: string): Promise<CheckedJob[]> {
  const data = readJsonFile(path, 'manifest');
  const entries = Array.isArray(data) ? data : (data as { jobs?: unknown }).jobs;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new InputError(`${path}: the manifest must be a non-empty list of jobs (or {"jobs": [...]})`);
  }
  const baseDir = dirname(resolve(path));
  const jobs: CheckedJob[] = [];
  for (const [i, raw] of entries.entries()) {
    const where = `${path}: job ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) throw new InputError(`${where} must be an object`);
    const entry = raw as Record<string, unknown>;
    let signer: CheckedJob['signer'];
    if (typeof entry.signer === 'string') {
      const signerPath = resolve(baseDir, entry.signer);
      signer = checkSigner(readJsonFile(signerPath, 'signer'), signerPath, dirname(signerPath));
    } else {
      signer = checkSigner(entry.signer, `${where} signer`, baseDir);
    }
    const ext = entry.ext_auth as Record<string, unknown> | undefined;
    if (!ext || typeof ext.type !== 'string' || typeof ext.value !== 'string' || !ext.type || !ext.value) {
      throw new InputError(
        `${where}: an unattended batch needs "ext_auth": {"type": "...", "value": "..."} for every job`,
      );
    }
    const auth: SignerAuth = { method: 'external', type: ext.type, value: ext.value };
    if (typeof ext.secret === 'string') auth.secret = ext.secret;
    const docs = entry.documents;
    if (!Array.isArray(docs) || !docs.every((d) => typeof d === 'string')) {
      throw new InputError(`${where}: "documents" must be a list of PDF paths`);
    }
    const documents = await checkDocuments(
      docs.map((d) => resolve(baseDir, d)),
      `${where}: `,
    );
    const signature =
      entry.appearance === undefined ? undefined : checkAppearance(entry.appearance, `${where} appearance`);
    checkRequestLimits(documents, signature, `${where}: `);
    jobs.push({ label: labelOf(signer), signer, auth, signature, documents });
  }
  return jobs;
}

export const labelOf = (s: SignerIdentity): string =>
  [s.given_name, s.surname_1, s.surname_2].filter(Boolean).join(' ');

// Documents of a request: POST /document/{pk} (multipart file, file2 … file10), GET /documents/{pk},
// DELETE /documents/{pk}, GET and DELETE /document/{pk}/{uid}. Uploads are all-or-nothing.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ApiError, ValidationError, badEnum, missingField } from '../api-error';
import { isPdfHead, readForm, type UploadedFile } from '../body';
import type { SandboxContext } from '../context';
import { placeFile } from '../files';
import { countPages, PdfSignError } from '../pdf/sign-pdf';
import { json, type Reply, type Router } from '../router';
import type { DocumentRow } from '../store';
import { findRequest, parsePk, requireOpen } from './common';

export const MAX_FILES_PER_UPLOAD = 10;
const FILE_FIELD = /^file(\d*)$/;
const DOCUMENT_TYPES = ['original', 'signed'] as const;

export function registerDocumentRoutes(router: Router, ctx: SandboxContext): void {
  router.on('POST', '/document/{pk}', async ({ req, params }) => {
    const pk = parsePk(params);
    const form = await readForm(req, ctx.files.tmpDir);
    try {
      const request = findRequest(ctx, pk);
      const files = form.files.filter((f) => FILE_FIELD.test(f.field));
      if (files.length === 0) throw new ValidationError([missingField('body', 'file')]);
      if (files.length > MAX_FILES_PER_UPLOAD) {
        throw new ApiError(
          400,
          `Maximum number of document reached (at most ${MAX_FILES_PER_UPLOAD} files per upload call)`,
        );
      }
      requireOpen(request);
      const existing = ctx.store.listDocuments(pk).length;
      if (existing + files.length > ctx.settings.maxDocumentsPerRequest) {
        throw new ApiError(
          400,
          `Maximum number of document reached (at most ${ctx.settings.maxDocumentsPerRequest} documents per request)`,
        );
      }
      const pages = await Promise.all(files.map(checkPdf));
      const now = new Date(ctx.clock.now()).toISOString();
      const rows: DocumentRow[] = files.map((file, i) => ({
        uid: randomUUID().replace(/-/g, ''),
        request_pk: pk,
        field: file.field,
        filename: file.filename,
        size: file.size,
        sha256: file.sha256,
        pages: pages[i] as number,
        uploaded_at: now,
        signed_size: null,
        signed_sha256: null,
        signed_at: null,
      }));
      for (const [i, row] of rows.entries())
        await placeFile((files[i] as UploadedFile).path, ctx.files.original(pk, row.uid));
      ctx.store.transaction(() => {
        // A sign call may have started while the files were being written.
        requireOpen(findRequest(ctx, pk));
        for (const row of rows) {
          if (ctx.store.everUploaded(pk, row.sha256)) ctx.store.count(pk, 'duplicate_documents');
          ctx.store.logUpload(pk, row.sha256, row.uid);
          ctx.store.insertDocument(row);
        }
        ctx.store.count(pk, 'uploads');
        ctx.store.count(pk, 'documents', rows.length);
      });
      const details: Record<string, unknown> = {};
      for (const row of rows)
        details[row.uid] = {
          field: row.field,
          filename: row.filename,
          size: row.size,
          sha256: row.sha256,
          pages: row.pages,
        };
      return json({
        status: 'success',
        message: `${rows.length} document(s) uploaded to request ${pk}`,
        details,
      });
    } finally {
      await form.discard();
    }
  });

  router.on('GET', '/documents/{pk}', ({ params }) => {
    const pk = parsePk(params);
    findRequest(ctx, pk);
    return json({ status: 'success', details: ctx.store.listDocuments(pk).map(documentView) });
  });

  router.on('DELETE', '/documents/{pk}', async ({ params }) => {
    const pk = parsePk(params);
    findRequest(ctx, pk);
    const documents = ctx.store.listDocuments(pk);
    ctx.store.transaction(() => {
      for (const d of documents) ctx.store.deleteDocument(d.uid);
      if (documents.length > 0) ctx.store.count(pk, 'deletes', documents.length);
    });
    for (const d of documents) await ctx.files.removeDocument(pk, d.uid);
    return json({ status: 'success', message: `${documents.length} document(s) deleted from request ${pk}` });
  });

  router.on('GET', '/document/{pk}/{uid}', async ({ params, query }): Promise<Reply> => {
    const pk = parsePk(params);
    const type = query.get('document_type') ?? 'original';
    if (!(DOCUMENT_TYPES as readonly string[]).includes(type))
      throw new ValidationError([badEnum('query', 'document_type', DOCUMENT_TYPES)]);
    findRequest(ctx, pk);
    const doc = findDocument(ctx, pk, params.uid ?? '');
    if (type === 'signed' && doc.signed_sha256 === null)
      throw new ApiError(404, `Signed document ${doc.uid} not found`);
    const path = type === 'signed' ? ctx.files.signed(pk, doc.uid) : ctx.files.original(pk, doc.uid);
    const { size } = await stat(path);
    const filename = type === 'signed' ? doc.filename.replace(/(\.pdf)?$/i, '_signed.pdf') : doc.filename;
    return {
      kind: 'stream',
      status: 200,
      contentType: 'application/pdf',
      body: createReadStream(path),
      size,
      filename,
    };
  });

  router.on('DELETE', '/document/{pk}/{uid}', async ({ params }) => {
    const pk = parsePk(params);
    findRequest(ctx, pk);
    const doc = findDocument(ctx, pk, params.uid ?? '');
    ctx.store.transaction(() => {
      ctx.store.deleteDocument(doc.uid);
      ctx.store.count(pk, 'deletes');
    });
    await ctx.files.removeDocument(pk, doc.uid);
    return json({ status: 'success', message: `Document ${doc.uid} deleted` });
  });
}

function findDocument(ctx: SandboxContext, pk: number, uid: string): DocumentRow {
  const doc = ctx.store.getDocument(pk, uid);
  if (!doc) throw new ApiError(404, `Document ${uid} not found`);
  return doc;
}

function documentView(d: DocumentRow): Record<string, unknown> {
  return {
    uid: d.uid,
    filename: d.filename,
    size: d.size,
    sha256: d.sha256,
    pages: d.pages,
    uploaded_at: d.uploaded_at,
    signed: d.signed_sha256 !== null,
    signed_size: d.signed_size,
    signed_sha256: d.signed_sha256,
  };
}

/** The page count of an uploaded PDF; anything the signer could not sign is refused now, not at sign time. */
async function checkPdf(file: UploadedFile): Promise<number> {
  if (!isPdfHead(file.head)) throw new ApiError(415, `Unsupported file type: ${file.filename} is not a PDF`);
  try {
    return await countPages(await readFile(file.path));
  } catch (error) {
    if (error instanceof PdfSignError) {
      const why =
        error.reason === 'encrypted'
          ? 'is encrypted (remove its password first)'
          : 'is damaged and cannot be read';
      throw new ApiError(415, `Unsupported file: ${file.filename} ${why}`);
    }
    throw error;
  }
}

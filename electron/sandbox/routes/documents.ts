// Documents of a request: POST /document/{pk} (multipart file, file2 … file10), DELETE /document/{pk}
// (all of them, new API), GET and DELETE /document/{pk}/{uid}, and the old API's list GET /documents/{pk}
// (the only published list; the new API has no DELETE /documents/{pk}). Uploads are all-or-nothing.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ApiError, ValidationError, badEnum, invalidStatus, missingField } from '../api-error';
import { isPdfHead, readForm, type UploadedFile } from '../body';
import type { SandboxContext } from '../context';
import { documentListAnswer, success, uploadAnswer } from '../dialect';
import { placeFile } from '../files';
import { countPagesOfFile, PdfSignError } from '../pdf/sign-pdf';
import { json, type Reply, type Router } from '../router';
import type { DocumentRow } from '../store';
import { findRequest, parsePk, requireIdle } from './common';

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
      requireIdle(ctx, request);
      const existing = ctx.store.listDocuments(pk).length;
      if (existing + files.length > ctx.settings.maxDocumentsPerRequest) {
        throw new ApiError(
          400,
          `Maximum number of document reached (at most ${ctx.settings.maxDocumentsPerRequest} documents per request)`,
        );
      }
      const refused = ctx.settings.refuseNamesContaining;
      const named = refused ? files.find((f) => f.filename.includes(refused)) : undefined;
      if (named)
        throw new ApiError(415, `Unsupported file: ${named.filename} is not accepted by this Optimizer`);
      const pages = await Promise.all(files.map(checkPdf));
      const now = new Date(ctx.clock.now()).toISOString();
      const rows: DocumentRow[] = files.map((file, i) => ({
        uid: randomUUID(),
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
      try {
        for (const [i, row] of rows.entries())
          await placeFile((files[i] as UploadedFile).path, ctx.files.original(pk, row.uid));
        ctx.store.transaction(() => {
          // A sign call may have started while the files were being written.
          requireIdle(ctx, findRequest(ctx, pk));
          for (const row of rows) {
            if (ctx.store.everUploaded(pk, row.sha256)) ctx.store.count(pk, 'duplicate_documents');
            ctx.store.logUpload(pk, row.sha256, row.uid);
            ctx.store.insertDocument(row);
          }
          ctx.store.count(pk, 'uploads');
          ctx.store.count(pk, 'documents', rows.length);
        });
      } catch (error) {
        // Nothing of a refused call stays behind, not even its files.
        await Promise.all(rows.map((row) => ctx.files.removeDocument(pk, row.uid)));
        throw error;
      }
      return json(uploadAnswer(ctx.dialect, pk, rows));
    } finally {
      await form.discard();
    }
  });

  router.on('GET', '/documents/{pk}', ({ params }) => {
    const pk = parsePk(params);
    findRequest(ctx, pk);
    const listed = Object.fromEntries(ctx.store.listDocuments(pk).map((d) => [d.uid, documentView(d)]));
    return json(documentListAnswer(ctx.dialect, listed));
  });

  router.on('DELETE', '/document/{pk}', async ({ params }) => {
    const pk = parsePk(params);
    findRequest(ctx, pk);
    if (ctx.signing.has(pk)) throw invalidStatus();
    const documents = ctx.store.listDocuments(pk);
    ctx.store.transaction(() => {
      for (const d of documents) ctx.store.deleteDocument(d.uid);
      if (documents.length > 0) ctx.store.count(pk, 'deletes', documents.length);
    });
    for (const d of documents) await ctx.files.removeDocument(pk, d.uid);
    return json(success(ctx.dialect, { message: `Documents deleted for Request ${pk}` }));
  });

  router.on('GET', '/document/{pk}/{uid}', async ({ params, query }): Promise<Reply> => {
    const pk = parsePk(params);
    const type = query.get('document_type') ?? 'original';
    if (!(DOCUMENT_TYPES as readonly string[]).includes(type))
      throw new ValidationError([badEnum('query', 'document_type', DOCUMENT_TYPES, type)]);
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
    if (ctx.signing.has(pk)) throw invalidStatus();
    ctx.store.transaction(() => {
      ctx.store.deleteDocument(doc.uid);
      ctx.store.count(pk, 'deletes');
    });
    await ctx.files.removeDocument(pk, doc.uid);
    return json(success(ctx.dialect, { message: `Document ${doc.uid} deleted` }));
  });
}

function findDocument(ctx: SandboxContext, pk: number, uid: string): DocumentRow {
  const doc = ctx.store.getDocument(pk, uid);
  if (!doc) throw new ApiError(404, `Document ${uid} not found`);
  return doc;
}

/** The old API's published list entry; whether a document is signed is not part of it. */
function documentView(d: DocumentRow): Record<string, unknown> {
  return {
    upload_date: d.uploaded_at,
    ext: extname(d.filename).toLowerCase() || '.pdf',
    size: d.size,
    mime: 'application/pdf',
    filename: d.filename,
  };
}

/** The page count of an uploaded PDF; anything the signer could not sign is refused now, not at sign time. */
async function checkPdf(file: UploadedFile): Promise<number> {
  if (!isPdfHead(file.head)) throw new ApiError(415, `Unsupported file type: ${file.filename} is not a PDF`);
  try {
    return await countPagesOfFile(file.path);
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

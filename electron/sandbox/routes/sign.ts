// POST /sign/{pk}: checks the OTP (or the external authentication), issues a single-use certificate
// from the sandbox CA and signs every document of the request by incremental update. Everything is
// checked before the code is consumed; the outcome is committed in one transaction.
import { readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../api-error';
import { readJsonObject } from '../body';
import type { SandboxContext } from '../context';
import { writeFileDurably } from '../files';
import { signPdfIncrementally, PdfSignError } from '../pdf/sign-pdf';
import { createDetachedCms } from '../pki/cms';
import { json, type Router } from '../router';
import { findRequest, parsePk, requireOpen } from './common';
import { checkOtp } from './otp';
import { parseSignBody, planDocuments, type DocumentPlan } from './sign-body';
import type { SignerData } from './signer-fields';
import type { SignerCredential } from '../pki/ca';

export function registerSignRoutes(router: Router, ctx: SandboxContext): void {
  router.on('POST', '/sign/{pk}', async ({ req, params }) => {
    const pk = parsePk(params);
    const body = parseSignBody(await readJsonObject(req, true));
    const request = findRequest(ctx, pk);
    ctx.store.count(pk, 'sign_calls');
    requireOpen(request);
    if (ctx.signing.has(pk)) throw new ApiError(412, `Signature process already running for request ${pk}`);
    const documents = ctx.store.listDocuments(pk);
    if (documents.length === 0) throw new ApiError(412, 'Invalid request status: no documents to sign');
    const plans = planDocuments(body, documents, pk);
    if (body.extUnlockType !== undefined) {
      if (!ctx.settings.extAuthTypes.includes(body.extUnlockType)) {
        throw new ApiError(
          403,
          `External authentication method "${body.extUnlockType}" is not accepted by this Optimizer`,
        );
      }
    } else {
      checkOtp(ctx, pk, body.secret);
    }

    ctx.signing.add(pk);
    try {
      const signer = JSON.parse(request.signer) as SignerData;
      const credential = await ctx.ca.issueSignerCertificate({
        givenName: signer.given_name,
        surname1: signer.surname_1,
        surname2: signer.surname_2 ?? undefined,
        idDocumentType: signer.id_document_type,
        idDocumentCountry: signer.id_document_country,
        serialNumber: signer.serial_number,
        email: signer.email,
        requestPk: String(pk),
      });
      if (ctx.settings.signMs > 0) await sleep(ctx.settings.signMs);
      const signingTime = new Date(ctx.clock.now());
      const results: { plan: DocumentPlan; size: number; sha256: string }[] = [];
      for (const plan of plans)
        results.push({ plan, ...(await signDocument(ctx, pk, plan, credential, signingTime)) });

      const issuedAt = signingTime.toISOString();
      ctx.store.transaction(() => {
        requireOpen(findRequest(ctx, pk));
        for (const r of results) ctx.store.markSigned(r.plan.doc.uid, r.size, r.sha256, issuedAt);
        ctx.store.updateRequest(pk, {
          status: 'ISSUED',
          issued_at: issuedAt,
          certificate_pem: credential.certificatePem,
          certificate_serial: credential.serialHex,
          sign_params: JSON.stringify({
            auth: body.extUnlockType ? { ext_unlock_type: body.extUnlockType } : { otp: true },
            documents: Object.fromEntries(
              results.map((r) => [r.plan.doc.uid, { subfilter: r.plan.subFilter, ...r.plan.recorded }]),
            ),
            countersignature: body.countersignature !== undefined,
          }),
        });
        const otp = ctx.store.getOtp(pk);
        if (otp) ctx.store.updateOtp(pk, { wrong_attempts: otp.wrong_attempts, state: 'used' });
        ctx.store.count(pk, 'sign_successes');
        ctx.store.count(pk, 'certificates');
      });
      const documentsAnswer: Record<string, unknown> = {};
      for (const r of results) {
        documentsAnswer[r.plan.doc.uid] = {
          status: 'SIGNED',
          filename: r.plan.doc.filename,
          size: r.size,
          sha256: r.sha256,
        };
      }
      return json({
        status: 'success',
        message: `Signature process for Request ${pk} completed`,
        detail: {
          request: pk,
          documents: documentsAnswer,
          certificate: { subject: credential.subjectCommonName, serial: credential.serialHex },
        },
      });
    } catch (error) {
      // Signed files of an attempt that did not commit must not be served as signed.
      await Promise.all(plans.map((p) => rm(ctx.files.signed(pk, p.doc.uid), { force: true })));
      throw error;
    } finally {
      ctx.signing.delete(pk);
    }
  });
}

async function signDocument(
  ctx: SandboxContext,
  pk: number,
  plan: DocumentPlan,
  credential: SignerCredential,
  signingTime: Date,
): Promise<{ size: number; sha256: string }> {
  const original = await readFile(ctx.files.original(pk, plan.doc.uid));
  let signed: Buffer;
  try {
    signed = await signPdfIncrementally(original, {
      appearance: plan.appearance,
      signerName: credential.subjectCommonName,
      reason: plan.appearance?.reason,
      location: plan.appearance?.location,
      signingTime,
      subFilter: plan.subFilter,
      createCms: ({ digest }) =>
        createDetachedCms({ digest, signer: credential, subFilter: plan.subFilter, signingTime }),
    });
  } catch (error) {
    if (error instanceof PdfSignError) {
      throw new ApiError(
        error.reason === 'bad_image'
          ? 415
          : error.reason === 'page_out_of_range' || error.reason === 'bad_position'
            ? 400
            : 500,
        `Error signing document ${plan.doc.uid}: ${error.message}`,
      );
    }
    throw error;
  }
  await writeFileDurably(ctx.files.signed(pk, plan.doc.uid), signed);
  return { size: signed.length, sha256: createHash('sha256').update(signed).digest('hex') };
}

// The work of a sign call once its body and authentication were accepted: a single-use certificate
// from the sandbox CA, every document signed by incremental update, and one transaction that makes
// the request ISSUED. Nothing is served as signed unless that transaction committed.
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileSource, streamRange } from '../../core/pdf/byte-source';
import { ApiError } from '../api-error';
import type { SandboxContext } from '../context';
import { placeFile } from '../files';
import { signPdfFile, PdfSignError } from '../pdf/sign-pdf';
import type { SignerCredential } from '../pki/ca';
import { createDetachedCms } from '../pki/cms';
import type { RequestRow } from '../store';
import { findRequest, requireOpen } from './common';
import { consumeOtp } from './otp';
import type { DocumentPlan, SignBody } from './sign-body';
import type { SignerData } from './signer-fields';

export async function signAndCommit(
  ctx: SandboxContext,
  request: RequestRow,
  body: SignBody,
  plans: DocumentPlan[],
  delayMs: number,
): Promise<void> {
  const pk = request.pk;
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
    if (delayMs > 0) await sleep(delayMs);
    const signingTime = new Date(ctx.clock.now());
    const results: { plan: DocumentPlan; size: number; sha256: string }[] = [];
    for (const plan of plans)
      results.push({
        plan,
        ...(await signDocument(ctx, pk, plan, credential, signingTime, signer.communication_language)),
      });

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
      consumeOtp(ctx, pk);
      ctx.store.count(pk, 'sign_successes');
      ctx.store.count(pk, 'certificates');
    });
  } catch (error) {
    // Signed files of an attempt that did not commit must not be served as signed.
    await Promise.all(plans.map((p) => rm(ctx.files.signed(pk, p.doc.uid), { force: true })));
    throw error;
  }
}

async function signDocument(
  ctx: SandboxContext,
  pk: number,
  plan: DocumentPlan,
  credential: SignerCredential,
  signingTime: Date,
  language: SignerData['communication_language'],
): Promise<{ size: number; sha256: string }> {
  const target = ctx.files.signed(pk, plan.doc.uid);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    await signPdfFile(ctx.files.original(pk, plan.doc.uid), tmp, {
      appearance: plan.appearance,
      signerName: credential.subjectCommonName,
      // The sandbox's own stamp words speak the language the request chose for the signer.
      language,
      reason: plan.appearance?.reason,
      location: plan.appearance?.location,
      signingTime,
      subFilter: plan.subFilter,
      createCms: ({ digest }) =>
        createDetachedCms({ digest, signer: credential, subFilter: plan.subFilter, signingTime }),
    });
  } catch (error) {
    await rm(tmp, { force: true });
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
  const sha256 = await sha256Of(tmp);
  const { size } = await stat(tmp);
  await placeFile(tmp, target);
  return { size, sha256 };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  const source = await FileSource.open(path);
  try {
    await streamRange(source, 0, source.size, (chunk) => hash.update(chunk));
  } finally {
    await source.close();
  }
  return hash.digest('hex');
}

// Signature requests: POST /create, GET/PUT/DELETE /request/{pk}.
import { randomInt } from 'node:crypto';
import { ApiError, ValidationError, invalidStatus, missingField } from '../api-error';
import type { FieldProblem } from '../api-error';
import { isImageHead, isPdfHead, readForm, readJsonObject, type UploadedFile } from '../body';
import type { SandboxContext } from '../context';
import { success } from '../dialect';
import { json, type Router } from '../router';
import type { RequestRow } from '../store';
import { findRequest, parsePk } from './common';
import { parseSignerForm, type RaoCredentials, type SignerData } from './signer-fields';
import { checkRaoCredentials, raoIdFor } from './tokens';

const IMAGE_FIELDS = ['document_front', 'document_rear', 'document_owner'];

export function registerRequestRoutes(router: Router, ctx: SandboxContext): void {
  router.on('POST', '/create', async ({ req }) => {
    const form = await readForm(req, ctx.files.tmpDir);
    try {
      const { signer, credentials } = parseSignerForm(form.fields);
      checkImages(form.files);
      const raoId = resolveRao(ctx, credentials);
      const now = new Date(ctx.clock.now()).toISOString();
      const pk = ctx.store.transaction(() => {
        const created = ctx.store.insertRequest({
          token_uid: credentials.token ?? null,
          rao_id: raoId,
          status: 'ENROLLREADY',
          signer: JSON.stringify(signer),
          secrets: JSON.stringify(newSecrets()),
          scratchcard: String(randomInt(1_000_000, 9_999_999)),
          created_at: now,
          issued_at: null,
          certificate_pem: null,
          certificate_serial: null,
          sign_params: null,
        });
        ctx.store.count(created, 'creates');
        return created;
      });
      return json(
        success(ctx.dialect, {
          message: `Request created with pk ${pk}`,
          details: { status: 'CREATED', asyncmode: signer.useasync ? 'true' : 'false', pk: String(pk) },
        }),
      );
    } finally {
      // ID images are personal data: the simulator checks them and keeps nothing.
      await form.discard();
    }
  });

  // The seed's shape in every dialect: it is the one answer published without an envelope.
  router.on('GET', '/request/{pk}', ({ params }) => {
    const request = findRequest(ctx, parsePk(params));
    return json({ secrets: JSON.parse(request.secrets) as unknown, request: requestView(request) });
  });

  router.on('DELETE', '/request/{pk}', ({ params }) => {
    const pk = parsePk(params);
    const request = findRequest(ctx, pk);
    if (request.status !== 'ENROLLREADY')
      throw new ApiError(412, `Request already in ${request.status} status`);
    if (ctx.signing.has(pk)) throw invalidStatus();
    ctx.store.transaction(() => {
      ctx.store.updateRequest(pk, { status: 'CANCELLED' });
      const otp = ctx.store.getOtp(pk);
      if (otp) ctx.store.updateOtp(pk, { wrong_attempts: otp.wrong_attempts, state: 'void' });
    });
    return json(success(ctx.dialect, { message: `Request ${pk} deleted` }));
  });

  router.on('PUT', '/request/{pk}', async ({ req, params }) => {
    const pk = parsePk(params);
    const body = await readJsonObject(req, true);
    const problems: FieldProblem[] = [];
    for (const name of ['scratchcard', 'email', 'registration_authority', 'profile', 'country_name']) {
      if (typeof body[name] !== 'string' || body[name] === '') problems.push(missingField('body', name));
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const request = findRequest(ctx, pk);
    if (body.scratchcard !== request.scratchcard) throw new ApiError(403, 'Invalid scratchcard');
    if (request.status !== 'ENROLLREADY') throw invalidStatus();
    const signer = JSON.parse(request.signer) as SignerData;
    const text = (name: string): string | undefined =>
      typeof body[name] === 'string' ? body[name] : undefined;
    signer.email = text('email') ?? signer.email;
    signer.registration_authority = text('registration_authority') ?? signer.registration_authority;
    signer.profile = text('profile') ?? signer.profile;
    signer.id_document_country = (text('country_name') ?? signer.id_document_country).toUpperCase();
    signer.given_name = text('given_name') ?? signer.given_name;
    signer.surname_1 = text('surname_1') ?? signer.surname_1;
    signer.surname_2 = text('surname_2') ?? signer.surname_2;
    signer.mobile_phone_number = text('mobile_phone_number') ?? signer.mobile_phone_number;
    signer.serial_number = text('serial_number') ?? signer.serial_number;
    ctx.store.updateRequest(pk, { signer: JSON.stringify(signer) });
    return json(requestView(findRequest(ctx, pk)));
  });
}

function checkImages(files: UploadedFile[]): void {
  for (const file of files) {
    if (IMAGE_FIELDS.includes(file.field)) {
      if (!isImageHead(file.head))
        throw new ApiError(415, `Unsupported image type for ${file.field}: use JPEG or PNG`);
    } else if (file.field === 'extra_document') {
      if (!isImageHead(file.head) && !isPdfHead(file.head)) {
        throw new ApiError(415, 'Unsupported file type for extra_document: use PDF, JPEG or PNG');
      }
    } else {
      throw new ApiError(400, `Unexpected file field ${file.field}`);
    }
  }
}

function resolveRao(ctx: SandboxContext, credentials: RaoCredentials): string {
  if (credentials.token !== undefined) {
    const token = ctx.store.getToken(credentials.token);
    if (!token) throw new ApiError(404, `Error getting RAO's id: token ${credentials.token} not found`);
    // A token created without password or PIN needs them in every call that uses the credentials.
    if (!token.has_password && credentials.password === undefined)
      throw new ApiError(400, 'Missing parameter: password');
    if (!token.has_pin && credentials.pin === undefined) throw new ApiError(400, 'Missing parameter: pin');
    checkRaoCredentials(credentials.password, credentials.pin);
    return token.rao_id;
  }
  checkRaoCredentials(credentials.password, credentials.pin);
  return raoIdFor(credentials.username as string);
}

function newSecrets(): Record<string, string> {
  const digits = (n: number): string => Array.from({ length: n }, () => randomInt(0, 10)).join('');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const code = Array.from({ length: 8 }, () => alphabet[randomInt(0, alphabet.length)]).join('');
  return { puk: digits(8), enrollment_code: code, pin: digits(8), erc: digits(10) };
}

/**
 * The request object in the shape of the seeds' GET /request answer. It names no documents: the
 * seed does not, and a client learns what was signed from `status` (ISSUED) and the signed downloads.
 */
export function requestView(request: RequestRow): Record<string, unknown> {
  const signer = JSON.parse(request.signer) as SignerData;
  const ra = /^\d+$/.test(signer.registration_authority)
    ? Number(signer.registration_authority)
    : signer.registration_authority;
  return {
    pk: request.pk,
    given_name: signer.given_name,
    second_name: null,
    surname_1: signer.surname_1,
    surname_2: signer.surname_2,
    sex: null,
    id_document_type: signer.id_document_type,
    id_document_country: signer.id_document_country,
    serial_number: signer.serial_number,
    country_name: signer.id_document_country,
    citizenship: null,
    residence: signer.residence,
    residence_address: signer.residence_address,
    residence_city: signer.residence_city,
    residence_postal_code: signer.residence_postal_code,
    special_conditions: signer.special_conditions,
    email: signer.email,
    mobile_phone_number: signer.mobile_phone_number,
    certificate_set: request.certificate_serial ? [request.certificate_serial] : [],
    profile: signer.profile,
    scratchcard: request.scratchcard,
    status: request.status,
    registering_user: { rao_id: request.rao_id },
    approving_user: {},
    producing_user: null,
    registration_authority: ra,
    secure_element: 2,
    validity_time: '24h',
    communication_language: signer.communication_language,
    paperless_mode: true,
    videoid_mode: false,
    created_at: request.created_at,
    issued_at: request.issued_at,
  };
}

// P1's two yardsticks, written against the One-Shot API alone (ONE-SHOT-API.md), no desk code:
// - naive: the documented workflow one call after another, job after job (create, each upload,
//   the contract, sign, each download saved, each delete);
// - floor: every call as parallel as the API allows (all jobs at once; a job's uploads and its
//   contract together, its downloads together, one delete-all), nothing checked, nothing fsynced.
// Both sign with external authentication and the same visible appearance as the desk's manifest.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PRESET_TOKEN_UID, SIGNER } from '../test/helpers/sandbox';

export interface BenchJob {
  signer: number;
  documents: string[];
}

export const APPEARANCE = { appearance: { position: '40,40,240,100', page: 0 } };
export const EXT_AUTH_TYPE = 'biometric';

export function signerOf(index: number): typeof SIGNER {
  return { ...SIGNER, given_name: `Signer${index + 1}`, serial_number: `${String(index).padStart(8, '0')}T` };
}

async function call(base: string, method: string, path: string, body?: FormData | object): Promise<Response> {
  const init: RequestInit = { method };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const res = await fetch(`${base}${path}`, init);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function create(base: string, signer: number): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...signerOf(signer), token: PRESET_TOKEN_UID }))
    if (typeof v === 'string') form.append(k, v);
  const answer = (await (await call(base, 'POST', '/create', form)).json()) as { details: { pk: string } };
  return answer.details.pk;
}

async function upload(base: string, pk: string, path: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([await readFile(path)], { type: 'application/pdf' }), basename(path));
  const answer = (await (await call(base, 'POST', `/document/${pk}`, form)).json()) as {
    detail: { uid: string };
  };
  return answer.detail.uid;
}

async function sign(base: string, pk: string, signer: number): Promise<void> {
  const value = `bench-${signer}`;
  await call(base, 'POST', `/sign/${pk}`, {
    secret: value,
    ext_unlock_type: EXT_AUTH_TYPE,
    ext_unlock_value: value,
    signature: APPEARANCE,
  });
}

async function download(base: string, pk: string, uid: string, to: string): Promise<void> {
  const res = await call(base, 'GET', `/document/${pk}/${uid}?document_type=signed`);
  await writeFile(to, new Uint8Array(await res.arrayBuffer()));
}

const signedName = (out: string, path: string): string =>
  join(out, basename(path).replace(/\.pdf$/, '.signed.pdf'));

export async function naiveClient(base: string, jobs: BenchJob[], out: string): Promise<void> {
  for (const job of jobs) {
    const pk = await create(base, job.signer);
    const uids: string[] = [];
    for (const path of job.documents) uids.push(await upload(base, pk, path));
    await (await call(base, 'GET', `/contract/${pk}`)).arrayBuffer();
    await sign(base, pk, job.signer);
    for (const [i, uid] of uids.entries()) await download(base, pk, uid, signedName(out, job.documents[i]!));
    for (const uid of uids) await call(base, 'DELETE', `/document/${pk}/${uid}`);
  }
}

export async function floorClient(base: string, jobs: BenchJob[], out: string): Promise<void> {
  await Promise.all(
    jobs.map(async (job) => {
      const pk = await create(base, job.signer);
      const [uids] = await Promise.all([
        Promise.all(job.documents.map((path) => upload(base, pk, path))),
        call(base, 'GET', `/contract/${pk}`).then((r) => r.arrayBuffer()),
      ]);
      await sign(base, pk, job.signer);
      await Promise.all(uids.map((uid, i) => download(base, pk, uid, signedName(out, job.documents[i]!))));
      await call(base, 'DELETE', `/document/${pk}`);
    }),
  );
}

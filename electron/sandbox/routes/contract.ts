// GET /contract/{pk}: the service contract PDF, generated once per request and kept. The seed's step
// text writes `/contract/{pk}/`; that form gets the router's 307 like FastAPI's redirect_slashes.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { SandboxContext } from '../context';
import { buildContractPdf } from '../contract';
import { writeFileDurably } from '../files';
import type { Router } from '../router';
import { findRequest, parsePk } from './common';
import type { SignerData } from './signer-fields';

export function registerContractRoutes(router: Router, ctx: SandboxContext): void {
  router.on('GET', '/contract/{pk}', async ({ params }) => {
    const pk = parsePk(params);
    const request = findRequest(ctx, pk);
    const path = ctx.files.contract(pk);
    if (!existsSync(path)) {
      const signer = JSON.parse(request.signer) as SignerData;
      await writeFileDurably(path, await buildContractPdf({ pk, signer, createdAt: request.created_at }));
    }
    return {
      kind: 'bytes',
      status: 200,
      contentType: 'application/pdf',
      body: await readFile(path),
      filename: `contract_${pk}.pdf`,
    };
  });
}

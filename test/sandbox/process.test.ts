// The sandbox as a command: its first line, its options, HTTPS from its own CA, and state that
// survives kill -9 and a restart on the same --data.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makePdf } from '../fixtures/pdfs';
import {
  call,
  createRequest,
  listDocuments,
  PRESET_TOKEN_UID,
  sendOtpAndRead,
  upload,
} from '../helpers/sandbox';
import { runCli, spawnSandbox } from '../helpers/sandbox-process';

function httpsGet(url: string, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sandbox command', () => {
  it('prints exactly "One-Shot sandbox listening on <baseUrl>" first, also through npm run, and takes --dialect', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sbx-npm-'));
    const proc = await spawnSandbox(['--port', '0', '--data', data, '--dialect', 'otp-reasons'], true);
    try {
      assert.match(
        proc.firstLine,
        /^One-Shot sandbox listening on http:\/\/127\.0\.0\.1:\d+\/oneshot\/api\/v1$/,
      );
      assert.equal((await call(proc.baseUrl, 'GET', '/hello')).status, 200);
      assert.deepEqual((await call(proc.baseUrl, 'GET', '/sandbox/dialect')).body, {
        dialect: 'otp-reasons',
      });
    } finally {
      await proc.kill();
    }
  });

  it('refuses a bad option with exit status 2 and says which', async () => {
    const bad = await runCli(['--fail-rate', '2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-rate must be a number from 0 to 1/);
    const unknown = await runCli(['--bogus']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /bogus/);
    const dialect = await runCli(['--dialect', 'soap']);
    assert.equal(dialect.code, 2);
    assert.match(
      dialect.stderr,
      /--dialect must be one of fastapi, fastapi-v2, legacy, status-message, otp-reasons, got "soap"/,
    );
  });

  it('serves HTTPS with a certificate from the sandbox CA when --tls is given', async () => {
    const proc = await spawnSandbox(['--port', '0', '--tls']);
    try {
      assert.match(proc.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/oneshot\/api\/v1$/);
      await assert.rejects(httpsGet(`${proc.baseUrl}/hello`), /self[- ]signed|unable to verify|certificate/i);
      const ca = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(`${proc.baseUrl}/sandbox/ca.pem`, { rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
      assert.match(ca, /BEGIN CERTIFICATE/);
      assert.equal(await httpsGet(`${proc.baseUrl}/hello`, ca), 200);
      assert.equal(await httpsGet(`${proc.baseUrl.replace('127.0.0.1', 'localhost')}/hello`, ca), 200);
    } finally {
      await proc.kill();
    }
  });

  it('keeps tokens, requests, documents, codes and its CA across kill -9 and a restart on the same --data', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sbx-restart-'));
    const first = await spawnSandbox(['--port', '0', '--data', data]);
    const token = await call<{ details: { token_uid: string } }>(first.baseUrl, 'POST', '/token', {
      username: 'rao-7',
      password: 'p',
      pin: '1234',
    });
    const pk = await createRequest(first.baseUrl);
    const pdf = await makePdf({ pages: 2 });
    const [uid] = await upload(first.baseUrl, pk, [{ name: 'kept.pdf', bytes: pdf }]);
    const otp = await sendOtpAndRead(first.baseUrl, pk);
    const caBefore = readFileSync(join(data, 'ca', 'ca.cert.pem'), 'utf8');
    await first.kill('SIGKILL');

    const second = await spawnSandbox(['--port', '0', '--data', data]);
    try {
      const base = second.baseUrl;
      const tokens = await call<{ detail: Record<string, unknown> }>(base, 'GET', '/tokens');
      assert.ok(token.body.details.token_uid in tokens.body.detail);
      assert.ok(PRESET_TOKEN_UID in tokens.body.detail);
      assert.equal(
        (await call<{ request: { status: string } }>(base, 'GET', `/request/${pk}`)).body.request.status,
        'ENROLLREADY',
      );
      const docs = await listDocuments(base, pk);
      assert.deepEqual(
        Object.entries(docs).map(([id, d]) => [id, d.size]),
        [[uid, pdf.length]],
      );
      assert.equal(readFileSync(join(data, 'ca', 'ca.cert.pem'), 'utf8'), caBefore);
      const signed = await call(base, 'POST', `/sign/${pk}`, { secret: otp });
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      const next = await createRequest(base);
      assert.ok(next > pk, 'request numbers keep increasing after a restart');
    } finally {
      await second.kill();
    }
  });
});

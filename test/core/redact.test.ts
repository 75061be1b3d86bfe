// The one redact() of core: every kind of secret the desk handles is taken out of text bound for a
// log or a message, and ordinary words are left as they were.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { redact } from '../../electron/core/redact';
import { redact as redactFromOptimizer } from '../../electron/core/optimizer/index';

describe('redact', () => {
  it('hides token uids, with or without dashes, even glued to other characters', () => {
    const uid = randomUUID();
    assert.equal(
      redact(`Error getting RAO's id: token ${uid} not found`),
      "Error getting RAO's id: token [id] not found",
    );
    assert.equal(redact(`token_${uid.replaceAll('-', '')}.`), 'token_[id].');
    assert.equal(redact(`uid=X${uid}`), 'uid=X[id]');
    assert.equal(redact(uid.toUpperCase()), '[id]');
  });

  it('hides every value given: passwords, PINs, OTPs, billing passwords, external-auth values', () => {
    const password = 'c0rrect horse';
    const pin = '4821';
    const otp = '731904';
    const external = 'bio:AAECAwQ';
    assert.equal(
      redact(`password ${password} with pin ${pin}, OTP ${otp}, biometric ${external}`, [
        password,
        pin,
        otp,
        external,
        undefined,
        '',
      ]),
      'password [hidden] with pin [hidden], OTP [hidden], biometric [hidden]',
    );
    // Longest first: a PIN inside a password does not leave the rest of the password behind.
    assert.equal(redact('secret 48211234', ['4821', '48211234']), 'secret [hidden]');
  });

  it('hides bearer and basic credentials', () => {
    assert.equal(redact('Authorization: Bearer k3Y-launch_code.x=='), 'Authorization: Bearer [hidden]');
    assert.equal(redact('authorization: basic dXNlcjpwYXNz, then'), 'authorization: basic [hidden], then');
  });

  it('hides secrets named in query strings and form bodies', () => {
    assert.equal(
      redact('GET /sign?pk=822001&pin=4821&otp=123456&password=hunter2#top'),
      'GET /sign?pk=822001&pin=[hidden]&otp=[hidden]&password=[hidden]#top',
    );
    assert.equal(
      redact('POST /create token=abc123 billing_password=pw ext_unlock_value=xyz given_name=Ana'),
      'POST /create token=[hidden] billing_password=[hidden] ext_unlock_value=[hidden] given_name=Ana',
    );
    assert.equal(redact('http://127.0.0.1:5173/?key=Zq9xLm#/'), 'http://127.0.0.1:5173/?key=[hidden]#/');
  });

  it('hides secrets named in JSON bodies', () => {
    assert.equal(
      redact('{"secret":"123456","pin":4821,"password":"a\\"b","page":0,"token":"t"}'),
      '{"secret":"[hidden]","pin":"[hidden]","password":"[hidden]","page":0,"token":"[hidden]"}',
    );
  });

  it('leaves ordinary words, short numbers and document names alone', () => {
    const plain =
      'Request 822001 signed: 3 documents, page 2 of Contrato Núñez.pdf (pinned CA, 2 attempts left)';
    assert.equal(redact(plain), plain);
  });

  it('is the same function wherever core offers it, and defined once in electron/', () => {
    assert.equal(redactFromOptimizer, redact);
    const root = new URL('../../electron', import.meta.url).pathname;
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const defining = files.filter((f) =>
      /\b(?:function\s+redact|(?:const|let)\s+redact\s*=)/.test(readFileSync(join(root, f), 'utf8')),
    );
    assert.deepEqual(defining, ['core/redact.ts']);
  });
});

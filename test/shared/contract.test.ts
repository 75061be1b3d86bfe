// The bridge contract: every operation refuses wrongly typed or missing arguments with a
// validation result (never an exception), and no result can carry a secret back to the renderer.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { EVENT_NAMES, OPERATIONS, OPERATION_NAMES, parseArgs } from '../../shared/contract';
import { PROBLEM_SHAPES } from '../../shared/problems';

const SECRET_NAMES = /^(password|pin|token|tokenUid|token_uid|code|otp|secret|billing_password|value)$/i;

function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null) return out;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, property] of Object.entries(value as Record<string, unknown>)) {
        out.add(name);
        // A problem is {code, values}: its code names the refusal, and its values' names are
        // PROBLEM_SHAPES' (checked below), so it is judged there, not by its `code`.
        if (name !== 'problem') propertyNames(property, out);
      }
      continue;
    }
    propertyNames(value, out);
  }
  return out;
}

describe('bridge contract', () => {
  it('names every operation domain.verb, once', () => {
    assert.ok(OPERATION_NAMES.length >= 20);
    for (const name of OPERATION_NAMES) assert.match(name, /^[a-z]+\.[a-zA-Z]+$/);
    assert.equal(new Set(OPERATION_NAMES).size, OPERATION_NAMES.length);
    assert.ok(OPERATION_NAMES.includes('app.info'));
    assert.deepEqual([...EVENT_NAMES].sort(), ['attention', 'connectivity', 'document', 'job', 'queue']);
  });

  it('answers any argument of the wrong shape with a validation result, never an exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPERATION_NAMES), fc.anything(), (name, args) => {
        const result = parseArgs(name, args);
        if (!result.ok) {
          assert.equal(result.error.code, 'validation');
          assert.ok(result.error.message.length > 0);
          assert.ok(Object.keys(result.error.fields ?? {}).length > 0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a missing required field and names it', () => {
    const result = parseArgs('tokens.create', { profileId: 'p', username: 'rao', pin: '1234' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.fields && 'password' in result.error.fields);
    const typed = parseArgs('jobs.get', { jobId: 42 });
    assert.ok(!typed.ok && typed.error.fields?.jobId);
    const extra = parseArgs('app.info', { sneaky: true });
    assert.equal(extra.ok, false, 'operations without arguments take none');
  });

  it('accepts well-formed arguments', () => {
    assert.equal(parseArgs('app.info', {}).ok, true);
    assert.equal(parseArgs('otp.submit', { jobId: 'j', code: '123456' }).ok, true);
    assert.equal(
      parseArgs('jobs.create', {
        profileId: 'p',
        raoUsername: 'rao',
        signer: {
          given_name: 'Ana',
          surname_1: 'Ruiz',
          id_document_type: 'IDC',
          id_document_country: 'ES',
          serial_number: '1',
          email: 'a@example.com',
          mobile_phone_number: '+34600123456',
          registration_authority: '3',
          profile: 'P',
        },
        auth: { method: 'otp', delivery: 'sms' },
        outputDir: '/tmp/out',
        paths: ['/tmp/a.pdf'],
      }).ok,
      true,
    );
  });

  it('has no result field that could carry a token, password, PIN or code back', () => {
    for (const name of OPERATION_NAMES) {
      // The one exception, on purpose: the training sandbox's SMS inbox shows the code a sandbox
      // with no legal value "sent" (core answers it only for the training profile).
      if (name === 'training.inbox') continue;
      const names = propertyNames(z.toJSONSchema(OPERATIONS[name].result, { unrepresentable: 'any' }));
      const leaks = [...names].filter((n) => SECRET_NAMES.test(n));
      assert.deepEqual(leaks, [], `${name} result has ${leaks.join(', ')}`);
    }
    const problemValues = Object.values(PROBLEM_SHAPES).flatMap((shape) => Object.keys(shape));
    assert.deepEqual(
      problemValues.filter((n) => SECRET_NAMES.test(n)),
      [],
      'a problem names no value after a secret',
    );
  });
});

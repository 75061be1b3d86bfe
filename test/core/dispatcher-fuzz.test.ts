// Generated calls through the dispatcher every transport uses: any operation name and any
// argument value come back as a Result — validation or not_found — never as an exception, and
// an operation's implementation is reached only with arguments its schema accepted.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import fc from 'fast-check';
import { OPERATION_NAMES, OPERATIONS, type OperationName } from '../../shared/contract';
import { createDispatcher } from '../../electron/core/bridge/dispatcher';
import type { OperationImpl } from '../../electron/core/bridge/operations';
import type { QueueRunner } from '../../electron/core/queue/runner';
import type { Store } from '../../electron/core/store/index';

it('answers any generated call with a Result and lets only schema-valid arguments through', async () => {
  const reached: { name: OperationName; args: unknown }[] = [];
  const impl = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      (args: unknown) => {
        reached.push({ name, args });
        return Promise.resolve({});
      },
    ]),
  ) as unknown as OperationImpl;
  const events = { runner: { on: () => () => {} } as unknown as QueueRunner, store: {} as Store };
  const dispatcher = createDispatcher(impl, events);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.constantFrom(...OPERATION_NAMES), fc.string()),
      fc.anything(),
      async (name, args) => {
        const result = await dispatcher.call(name, args);
        assert.equal(typeof result.ok, 'boolean');
        if (!result.ok) assert.ok(['validation', 'not_found'].includes(result.error.code), result.error.code);
      },
    ),
    { numRuns: 2000 },
  );
  for (const { name, args } of reached)
    assert.ok(OPERATIONS[name].args.safeParse(args).success, `${name} got unchecked arguments`);
});

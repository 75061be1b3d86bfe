// Re-pointing a profile: the client follows the profile as saved (no restart), and an address, CA
// or pin that changes while the profile holds RAO tokens needs the RAO's choice — keep them (they
// go to the new address) or forget them (gone from the real keychain).
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OperationResult } from '../../shared/contract';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { listEvents } from '../../electron/core/store/index';
import { OsKeychain, TokenVault } from '../../electron/core/vault/index';
import { PRESET_TOKEN_UID, startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { NO_KEYRING_REASON, KEYRING } from '../helpers/keyring';

// The dispatcher answers `unknown` values: the contract's result types, read back here.
type Status = OperationResult<'profiles.status'>;
type TokenList = OperationResult<'tokens.list'>;

const RAO = 'sandbox-rao'; // the preset token's RAO, known to every sandbox

describe('re-pointing a profile', { skip: KEYRING ? false : NO_KEYRING_REASON }, () => {
  let first: SandboxHandle;
  let second: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'repoint-'));

  const profile = (id: string, baseUrl: string) => ({
    id,
    name: `Office ${id}`,
    baseUrl,
    env: 'sandbox' as const,
    caPem: null,
    pinSha256: null,
    defaultRegistrationAuthority: '3',
    defaultProfile: null,
  });

  before(async () => {
    first = await startSandbox({ log: () => {} });
    second = await startSandbox({ log: () => {} });
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: false, dataDir: join(work, 'data') }),
      desk,
    );
  });
  after(async () => {
    await desk.close();
    await Promise.all([first.stop(), second.stop()]);
  });

  /** A profile on `first` holding the preset token; unique per test so files can run together. */
  async function profileWithToken(baseUrl = first.baseUrl): Promise<string> {
    const id = `repoint-${randomUUID().slice(0, 8)}`;
    assert.ok((await bridge.call('profiles.save', profile(id, baseUrl))).ok);
    await desk.vault.adoptToken(id, RAO, PRESET_TOKEN_UID);
    return id;
  }

  it('sends the next call to the edited address without a restart', async () => {
    const id = `repoint-${randomUUID().slice(0, 8)}`;
    assert.ok((await bridge.call('profiles.save', profile(id, first.baseUrl))).ok);
    const before = desk.clientFor(id);
    assert.equal(desk.clientFor(id), before, 'one client while the profile stays the same');
    // No tokens held: no question.
    assert.ok((await bridge.call('profiles.save', profile(id, second.baseUrl))).ok);
    assert.notEqual(desk.clientFor(id), before);
    const stopped = await startSandbox({ log: () => {} });
    const gone = stopped.baseUrl;
    await stopped.stop();
    assert.ok((await bridge.call('profiles.save', profile(id, gone))).ok);
    const offline = await bridge.call('profiles.status', { profileId: id });
    assert.ok(
      offline.ok && !(offline.value as Status).reachable,
      'the address that answers nothing is the one asked',
    );
    assert.ok((await bridge.call('profiles.save', profile(id, second.baseUrl))).ok);
    const online = await bridge.call('profiles.status', { profileId: id });
    assert.ok(online.ok && (online.value as Status).reachable, JSON.stringify(online));
  });

  it('refuses to change the address, CA or pin of a profile holding tokens without a choice', async () => {
    const id = await profileWithToken();
    for (const change of [
      { baseUrl: second.baseUrl },
      { caPem: first.caPem },
      { pinSha256: 'sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
    ]) {
      const refused = await bridge.call('profiles.save', { ...profile(id, first.baseUrl), ...change });
      assert.ok(!refused.ok, JSON.stringify(change));
      assert.equal(refused.error.code, 'conflict');
      assert.equal(refused.error.problem?.code, 'profileTokensAtNewAddress');
      assert.deepEqual(refused.error.problem?.values, {
        count: 1,
        baseUrl: change.baseUrl ?? first.baseUrl,
      });
      assert.match(refused.error.message, /tokens for 1 RAO/);
      // Nothing changed: the profile and the token are as they were.
      assert.equal(desk.store.profiles.get(id)?.baseUrl, first.baseUrl);
      assert.equal(desk.store.profiles.get(id)?.caPem, null);
      assert.equal(desk.store.profiles.get(id)?.pinSha256, null);
      assert.equal(await desk.vault.tokenUid(id, RAO), PRESET_TOKEN_UID);
    }
    // Renaming it, or saving it unchanged, asks nothing.
    const renamed = await bridge.call('profiles.save', {
      ...profile(id, `${first.baseUrl}/`),
      name: 'Renamed',
    });
    assert.ok(renamed.ok, JSON.stringify(renamed));
  });

  it('keeps the tokens when asked to and sends them to the new address', async () => {
    const old = await startSandbox({ log: () => {} });
    const id = await profileWithToken(old.baseUrl);
    const kept = await bridge.call('profiles.save', { ...profile(id, second.baseUrl), tokens: 'keep' });
    assert.ok(kept.ok, JSON.stringify(kept));
    // With the old sandbox gone, a token that checks out valid was checked by the new one.
    await old.stop();
    const tokens = await bridge.call('tokens.list', { profileId: id, refresh: true });
    assert.ok(tokens.ok, JSON.stringify(tokens));
    assert.deepEqual(
      (tokens.value as TokenList).tokens.map((t) => [t.username, t.status]),
      [[RAO, 'valid']],
    );
    assert.equal(await desk.vault.tokenUid(id, RAO), PRESET_TOKEN_UID);
    const updated = listEvents(desk.store.db).filter((e) => e.kind === 'profile.updated' && e.data.id === id);
    assert.equal(updated.at(-1)?.data.tokens, 'kept');
  });

  it('forgets the tokens when asked to: gone from the real keychain, the old Optimizer not asked', async () => {
    const id = await profileWithToken();
    const forgotten = await bridge.call('profiles.save', {
      ...profile(id, second.baseUrl),
      tokens: 'forget',
    });
    assert.ok(forgotten.ok, JSON.stringify(forgotten));
    assert.equal(desk.store.profiles.get(id)?.baseUrl, second.baseUrl);
    assert.deepEqual(await desk.vault.list(id), []);
    assert.equal(await new OsKeychain().get(TokenVault.serviceFor(id), RAO), null);
    // The preset token still exists on the old sandbox: removing was local only.
    const res = await fetch(`${first.baseUrl}/token/${PRESET_TOKEN_UID}`);
    assert.equal(res.status, 200);
    // Now that it holds nothing, further moves ask nothing.
    assert.ok((await bridge.call('profiles.save', profile(id, first.baseUrl))).ok);
  });
});

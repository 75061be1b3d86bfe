// The window's session rules, checked through the handlers they install (Electron's Session is
// stood in for by a recorder of those handlers; the rules themselves are the real code).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Session } from 'electron';
import { applySessionPolicy, createCameraGate, isDeskExport } from '../../electron/session-policy';

type Listener = (event: { preventDefault: () => void }, item: FakeItem) => void;
interface FakeItem {
  getURL: () => string;
  getFilename: () => string;
  setSaveDialogOptions: (options: { defaultPath?: string }) => void;
}
type PermissionHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; mediaTypes?: string[] },
) => void;

function recordingSession() {
  const recorded: { download?: Listener; permission?: PermissionHandler } = {};
  const session = {
    setPermissionRequestHandler: (handler: PermissionHandler) => (recorded.permission = handler),
    setPermissionCheckHandler: () => undefined,
    webRequest: { onBeforeRequest: () => undefined },
    on: (event: string, listener: Listener) => {
      if (event === 'will-download') recorded.download = listener;
    },
  };
  return { session: session as unknown as Session, recorded };
}

function download(listener: Listener | undefined, url: string, filename: string) {
  let prevented = false;
  let dialog: { defaultPath?: string } | undefined;
  listener?.(
    { preventDefault: () => (prevented = true) },
    { getURL: () => url, getFilename: () => filename, setSaveDialogOptions: (o) => (dialog = o) },
  );
  return { prevented, dialog };
}

describe('session policy', () => {
  it("downloads only the page's own exports, each asking where to save it", () => {
    const { session, recorded } = recordingSession();
    applySessionPolicy(session, createCameraGate());
    assert.ok(recorded.download, 'a will-download handler is installed');
    const own = download(recorded.download, 'blob:app://oneshot/3f2a-…', 'oneshot-audit-2026-11-25.csv');
    assert.deepEqual(own, { prevented: false, dialog: { defaultPath: 'oneshot-audit-2026-11-25.csv' } });
    for (const url of ['https://example.com/setup.exe', 'blob:https://example.com/1', 'file:///etc/passwd'])
      assert.equal(download(recorded.download, url, 'x').prevented, true, url);
    assert.equal(isDeskExport('blob:app://oneshotevil/1'), false, 'the origin must match exactly');
  });

  it('grants the camera once, right after the RAO asked, to the app page only', () => {
    const { session, recorded } = recordingSession();
    const gate = createCameraGate();
    applySessionPolicy(session, gate);
    const ask = (url: string, mediaTypes = ['video']): boolean => {
      let granted = false;
      recorded.permission?.(null, 'media', (g) => (granted = g), { requestingUrl: url, mediaTypes });
      return granted;
    };
    assert.equal(ask('app://oneshot/index.html'), false, 'not without the click');
    gate.allowCameraOnce();
    assert.equal(ask('app://oneshot/index.html', ['video', 'audio']), false, 'no microphone');
    gate.allowCameraOnce();
    assert.equal(ask('https://example.com/'), false, 'not another page');
    gate.allowCameraOnce();
    assert.equal(ask('app://oneshot/index.html'), true);
    assert.equal(ask('app://oneshot/index.html'), false, 'once');
  });
});

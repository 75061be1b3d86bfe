// The Electron app for `_electron` specs, wherever its binary is installed. Where it is not (offline
// build machines, this project's CI) specs are skipped with a reason that says so plainly — a
// skipped spec is never a pass.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { KEYRING, NO_KEYRING_REASON } from './keyring';
import { REPO_ROOT } from './sandbox-process';

/** The binary, found without require('electron') (which would try to download it). */
export function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** false (run), or why the spec cannot run here. */
export function electronSkip(coveredBy: string): string | false {
  if (!electronBinary())
    return `SKIPPED, NOT PASSED: the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); ${coveredBy} covers the same checks in Chromium`;
  return KEYRING ? false : NO_KEYRING_REASON;
}

export function launchElectronApp(): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: electronBinary() ?? undefined,
    args: [REPO_ROOT, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'electron-app-'))}`],
    cwd: REPO_ROOT,
  });
}

// `npm start`: the Electron app when its binary is installed; otherwise one line saying why, then
// browser mode (the same core and contract, served on 127.0.0.1).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/**
 * The installed Electron binary, found the way the electron package does — but without
 * require('electron'), which tries to download a missing binary (and fails offline).
 */
function electronBinary() {
  try {
    const packageDir = dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary && existsSync('dist/main.mjs')) {
  const child = spawn(binary, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = binary
    ? 'the app is not built yet (run `npm run build`)'
    : 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD or no access to its download host)';
  console.error(`Electron is not used: ${why}. Starting browser mode instead.`);
  const child = spawn(process.execPath, ['build/launch.mjs', 'host', ...args], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

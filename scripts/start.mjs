// `npm start [-- <db>]`: builds everything, then runs the desktop app on the built main bundle. When
// Electron's binary is missing (its download fails offline), it says how to use the same UI in a
// browser instead. A relative database path is taken from the folder `npm start` was called in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// PANELDB_SKIP_BUILD=1: use what is built (the tests of this script).
const built =
  process.env.PANELDB_SKIP_BUILD === '1'
    ? { status: 0 }
    : spawnSync(npm, ['run', 'build'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
if (built.status !== 0) console.error(`The build failed (exit ${built.status ?? built.signal}).`);
if (!existsSync(fileURLToPath(new URL('../dist/renderer/index.html', import.meta.url)))) {
  console.error('dist/renderer/index.html is missing after the build: the renderer is not built.');
}

let electron;
try {
  electron = createRequire(import.meta.url)('electron'); // the binary's path, or a throw without it
} catch {
  electron = undefined;
}
if (typeof electron !== 'string' || !existsSync(electron)) {
  // No desktop app here: the same UI in the browser instead, on the demo (or the file given), with
  // its URL printed and opened (issue 14B).
  console.error("Electron's binary is not installed on this machine; starting the same UI in your browser.");
  const given = process.argv.slice(2);
  const args = given.length === 0 ? ['serve', '--demo'] : ['serve', ...given];
  const cli = fileURLToPath(new URL('../bin/paneldb.js', import.meta.url));
  const server = spawn(process.execPath, [cli, ...args], {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let opened = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(String(chunk))?.[0];
    if (url === undefined || opened || process.env.PANELDB_NO_OPEN === '1') return;
    opened = true;
    const opener =
      process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    // Best effort: a machine without a desktop keeps the printed URL.
    spawn(opener, [url], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  });
  server.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
} else {
  if (built.status !== 0) process.exit(built.status ?? 1);

  const main = fileURLToPath(new URL('../dist/electron/main.cjs', import.meta.url));
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary a plain Node
  const child = spawn(electron, [main, ...process.argv.slice(2)], {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

// `npm start [-- <db>]`: builds everything, then runs the desktop app on the built main bundle. When
// Electron's binary is missing (its download fails offline), it says how to use the same UI in a
// browser instead. A relative database path is taken from the folder `npm start` was called in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const built = spawnSync(npm, ['run', 'build'], {
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
  console.error(
    "Electron's binary is not installed on this machine (it could not be downloaded). Run the same UI in your browser: npx paneldb serve --demo",
  );
  process.exit(1);
}

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

// Runs `paneldb serve` exactly as an admin would (the bundled CLI in a child process) and hands back
// the URL with its token.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServedPanel {
  url: string;
  origin: string;
  token: string;
  stop: () => Promise<number | null>;
}

/** `startupMs`: serve opens (and integrity-checks) the file before it listens; big files take a while. */
export async function servePanel(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  startupMs = 20_000,
): Promise<ServedPanel> {
  const child: ChildProcess = spawn('node', ['bin/paneldb.js', 'serve', ...args, '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(output);
      if (match !== null) {
        clearInterval(poll);
        resolve(match[0]);
      } else if (child.exitCode !== null || Date.now() - started > startupMs) {
        clearInterval(poll);
        reject(new Error(`paneldb serve did not start: ${output}`));
      }
    }, 20);
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

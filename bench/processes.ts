// Running what the bench measures: native tools under `/usr/bin/time -v` (wall time measured here,
// peak RSS and CPU time from time), and one engine operation in a fresh Node process (measure.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** One measurement: wall time, CPU time (user + system) and peak resident memory. */
export interface Sample {
  ms: number;
  cpuMs: number;
  rssKB: number;
}

export interface EngineSample extends Sample {
  /** The whole process, Node start-up included. */
  wallMs: number;
  detail: Record<string, unknown>;
}

export type Mode = 'cold' | 'warm';

const field = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);

/** Runs a command under /usr/bin/time -v; rejects with its stderr when it fails. */
export function timed(command: string, args: string[], input?: string): Promise<Sample & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-3000)}`));
        return;
      }
      const cpuS =
        field(stderr, /User time \(seconds\): ([\d.]+)/) + field(stderr, /System time \(seconds\): ([\d.]+)/);
      const rssKB = field(stderr, /Maximum resident set size \(kbytes\): (\d+)/);
      resolve({ ms, cpuMs: cpuS * 1000, rssKB, stdout });
    });
    child.stdin.end(input ?? '');
  });
}

/** The bundled measure.ts; run.ts builds it before anything is measured. */
/** esbuild options of every bench bundle: plain ESM for Node, dependencies from node_modules. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
} as const;

export const MEASURE_BUNDLE = (dataDir: string) => join(dataDir, 'measure.mjs');

/** One engine operation in a fresh Node process (see measure.ts for cold and warm). */
export async function engine(
  bundle: string,
  op: string,
  db: string,
  backupDir: string,
  mode: Mode = 'cold',
  extra = '',
): Promise<EngineSample> {
  const run = await timed(process.execPath, [bundle, op, db, backupDir, mode, extra]);
  const outcome = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    cpuMs: number;
    maxRssKB: number;
    detail: Record<string, unknown>;
  };
  return {
    ms: outcome.ms,
    cpuMs: outcome.cpuMs,
    wallMs: run.ms,
    rssKB: run.rssKB || outcome.maxRssKB,
    detail: outcome.detail,
  };
}

// Before/after figures on a shared machine: two builds of one engine operation, run alternately
// (A, B, A, B, …) on fresh copies of the same file, so load changes hit both sides alike.
//
//   npx tsx bench/paired.ts build <out.mjs>             bundle bench/paired-op.ts from this tree
//   npx tsx bench/paired.ts compare <a.mjs> <b.mjs> <op> <db> [--runs N] [--warm]
//
// op: check | status | backup | restore | migrate. restore: a backup of the copy is written first by
// the same build in its own, unmeasured process, then the measured process restores it. Prints each run and the medians of A, B and B/A.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE } from './processes';

const BENCH = dirname(fileURLToPath(import.meta.url));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

interface Outcome {
  ms: number;
  cpuMs: number;
  maxRssKB: number;
}

function once(bundle: string, op: string, db: string, warm: boolean): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'paneldb-paired-'));
  try {
    const copy = join(dir, 'x-ui.db');
    copyFileSync(db, copy);
    const backups = join(dir, 'backups');
    const args = [bundle, op, copy, backups, warm ? 'warm' : 'cold'];
    if (op === 'restore') {
      const made = spawnSync(process.execPath, [bundle, 'backup', copy, backups, 'cold'], {
        encoding: 'utf8',
      });
      if (made.status !== 0) throw new Error(`${bundle} backup failed:\n${made.stderr}`);
      const file = readdirSync(backups).find((name) => name.endsWith('.db'));
      if (file === undefined) throw new Error('no backup was written');
      args.push(join(backups, file));
    }
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${bundle} ${op} failed:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'build') {
    await build({
      ...NODE_BUNDLE,
      entryPoints: [join(BENCH, 'paired-op.ts')],
      outfile: rest[0] ?? join(BENCH, '.data', 'paired-op.mjs'),
    });
    return;
  }
  const [a = '', b = '', op = '', db = ''] = rest;
  const runsAt = rest.indexOf('--runs');
  const runs = runsAt === -1 ? 5 : Number(rest[runsAt + 1]);
  const warm = rest.includes('--warm');
  const times: Record<'a' | 'b', number[]> = { a: [], b: [] };
  const cpu: Record<'a' | 'b', number[]> = { a: [], b: [] };
  const rss: Record<'a' | 'b', number[]> = { a: [], b: [] };
  const loads: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Alternate which side goes first, so neither always runs right after the other's cache warm-up.
    const order: Array<'a' | 'b'> = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const side of order) {
      const outcome = once(side === 'a' ? a : b, op, db, warm);
      times[side].push(outcome.ms);
      cpu[side].push(outcome.cpuMs);
      rss[side].push(outcome.maxRssKB);
    }
    loads.push(loadavg()[0] ?? 0);
    const last = (side: 'a' | 'b') =>
      `${times[side].at(-1)?.toFixed(0)} ms (cpu ${cpu[side].at(-1)?.toFixed(0)})`;
    console.log(`run ${i + 1}: A ${last('a')}  B ${last('b')}  load ${loads.at(-1)?.toFixed(2)}`);
  }
  const ma = median(times.a);
  const mb = median(times.b);
  const ca = median(cpu.a);
  const cb = median(cpu.b);
  console.log(
    `${op}${warm ? ' warm' : ' cold'}: A ${ma.toFixed(0)} ms, B ${mb.toFixed(0)} ms, B/A ${(mb / ma).toFixed(2)}; ` +
      `CPU A ${ca.toFixed(0)} ms, B ${cb.toFixed(0)} ms, B/A ${(cb / ca).toFixed(2)}; ` +
      `RSS A ${(median(rss.a) / 1024).toFixed(0)} MB, B ${(median(rss.b) / 1024).toFixed(0)} MB; ` +
      `load ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`,
  );
}

main().catch((thrown: unknown) => {
  console.error(thrown);
  process.exit(1);
});

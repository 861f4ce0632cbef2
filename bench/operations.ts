// One dataset's runs: every operation once per run, each on a fresh copy, PanelDB's side and the
// native side right after each other so both see the same machine load; the ratios are taken from
// medians of the same run set. Cold = a fresh Node process around the one operation; warm = the
// second operation of a warmed engine process (measure.ts).
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from './datasets';
import {
  checkCopyAndSync,
  copyAndSync,
  freeListBytes,
  historyBeforeBytes,
  historyPayloadBytes,
  historyTableBytes,
  jsonColumnBytes,
  nativeMigrate,
  nativeStatus,
} from './native';
import type { OpName } from './options';
import { engine, type Mode } from './processes';
import type { GrowthRow, Row, Target } from './rows';

export interface Context {
  benchDir: string;
  workDir: string;
  bundle: string;
}

export interface DatasetResult {
  rows: Row[];
  growth: GrowthRow | null;
  /** Per-step milliseconds of the cold migrate runs. */
  stepMs: Record<string, number[]>;
}

const ratio = (max: number): Target => ({ kind: 'ratio', max });

export async function measureDataset(
  context: Context,
  dataset: Dataset,
  ops: readonly OpName[],
  migrated: string | null,
): Promise<DatasetResult> {
  const { workDir, bundle } = context;
  const rows: Row[] = [];
  const row = (op: OpName, label: string, mode: Mode, nativeLabel: string | null, target: Target | null) => {
    if (!ops.includes(op)) return null;
    const created: Row = {
      dataset,
      op: label,
      mode,
      engine: [],
      native: nativeLabel === null ? null : [],
      nativeLabel: nativeLabel ?? '—',
      target,
    };
    rows.push(created);
    return created;
  };
  const quick = 'sqlite3 quick_check + counts';
  const statusCold = row('status', 'open + status', 'cold', quick, ratio(3));
  const statusWarm = row('status', 'open + status', 'warm', quick, ratio(1.5));
  const statusChecks = row('status', 'status --checks', 'cold', null, null);
  const statusFull = row('status', 'status --full', 'cold', 'sqlite3 integrity_check + counts', null);
  // Issue 16's target is for the 100 MB file; other sizes are shown for the trend.
  const checkTarget: Target | null = dataset.key === '100' ? { kind: 'ms', max: 1000 } : null;
  const checkCold = row('check', 'check', 'cold', null, checkTarget);
  const checkWarm = row('check', 'check', 'warm', null, checkTarget);
  const backup = row('backup', 'backup', 'cold', 'cp + sync', ratio(2));
  // The same runs again beside the same work natively: a manual backup starts from a file that
  // passes the full integrity check (electron/core/index.ts), which a bare copy does not run.
  const backupSameWork = row('backup', 'backup', 'cold', 'sqlite3 integrity_check + cp + sync', null);
  const restore = row('restore', 'restore', 'cold', 'cp + sync', null);
  const nativeSql = 'sqlite3 native-migrate.sql';
  const migrateCold = row('migrate', 'migrate 1→4', 'cold', nativeSql, ratio(2));
  const migrateWarm = row('migrate', 'migrate 1→4', 'warm', nativeSql, ratio(1.5));
  const rollback = migrated === null ? null : row('rollback', 'rollback 4→2', 'cold', null, null);
  const growth: GrowthRow | null =
    migrateCold && !dataset.wal
      ? {
          dataset,
          rssKB: [],
          fileGrowth: [],
          dataGrowth: [],
          freeBytes: [],
          historyBytes: [],
          historyPayload: [],
          beforeValues: [],
        }
      : null;
  const stepMs: Record<string, number[]> = {};

  const copy = join(workDir, 'x-ui.db');
  const backups = join(workDir, 'backups');
  const scratch = join(workDir, 'scratch.db');
  const fresh = async (from = dataset.path, wal = dataset.wal) => {
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    await copyFile(from, copy);
    if (wal) await copyFile(`${from}-wal`, `${copy}-wal`);
  };
  /** PanelDB on a fresh copy, then the native side on a fresh copy: one pair. */
  const pair = async (target: Row | null, op: string, mode: Mode, native?: () => Promise<unknown>) => {
    if (target === null) return null;
    await fresh();
    const sample = await engine(bundle, op, copy, backups, mode);
    target.engine.push(sample);
    if (native && target.native) {
      await fresh();
      target.native.push((await native()) as never);
    }
    process.stdout.write(` ${op}/${mode}`);
    return sample;
  };
  const nativeOnCopy = (full: boolean) => () => nativeStatus(copy, full);

  for (let run = 0; run < dataset.runs; run += 1) {
    process.stdout.write(`  ${dataset.label} run ${run + 1}/${dataset.runs}:`);
    await pair(statusCold, 'status', 'cold', nativeOnCopy(false));
    await pair(statusWarm, 'status', 'warm', nativeOnCopy(false));
    await pair(statusChecks, 'status-checks', 'cold');
    await pair(statusFull, 'status-full', 'cold', nativeOnCopy(true));
    await pair(checkCold, 'check', 'cold');
    await pair(checkWarm, 'check', 'warm');
    const backedUp = await pair(backup, 'backup', 'cold', () => copyAndSync(copy, scratch, dataset.wal));
    if (backupSameWork && backedUp) {
      backupSameWork.engine.push(backedUp);
      await fresh();
      backupSameWork.native?.push(await checkCopyAndSync(copy, scratch, dataset.wal));
    }
    if (restore) {
      await fresh();
      await engine(bundle, 'backup', copy, backups);
      const file = (await readdir(backups)).find((name) => name.endsWith('.db'));
      if (file === undefined) throw new Error('no backup was written');
      restore.engine.push(await engine(bundle, 'restore', copy, backups, 'cold', join(backups, file)));
      restore.native?.push(await copyAndSync(join(backups, file), scratch, false));
      process.stdout.write(' restore/cold');
    }
    const migrateNative = () => nativeMigrate(context.benchDir, copy);
    if (migrateCold) {
      await fresh();
      const sample = await engine(bundle, 'migrate', copy, backups, 'cold');
      migrateCold.engine.push(sample);
      for (const step of (sample.detail.steps ?? []) as Array<{ version: number; ms: number }>)
        (stepMs[`step ${step.version}`] ??= []).push(step.ms);
      if (growth) {
        growth.rssKB.push(sample.rssKB);
        growth.fileGrowth.push((await stat(copy)).size - dataset.bytes);
        growth.dataGrowth.push((await jsonColumnBytes(copy)) - (await jsonColumnBytes(dataset.path)));
        growth.freeBytes.push(await freeListBytes(copy));
        growth.historyBytes.push(await historyTableBytes(copy));
        growth.historyPayload.push(await historyPayloadBytes(copy));
        growth.beforeValues.push(await historyBeforeBytes(copy));
      }
      await fresh();
      migrateCold.native?.push(await migrateNative());
      process.stdout.write(' migrate/cold');
    }
    await pair(migrateWarm, 'migrate', 'warm', migrateNative);
    if (rollback && migrated !== null) {
      await fresh(migrated, false);
      rollback.engine.push(await engine(bundle, 'rollback', copy, backups, 'cold'));
      process.stdout.write(' rollback/cold');
    }
    process.stdout.write('\n');
  }
  await rm(workDir, { recursive: true, force: true });
  return { rows, growth, stepMs };
}

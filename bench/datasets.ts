// The databases the bench measures, generated once into bench/.data and reused (named with the
// generator's version, so a changed generator never reuses old files): 10, 100 and 300 MB panel
// files, the 100 MB file with a ~20 MB un-checkpointed WAL, a migrated copy of each (where every
// rollback starts), and a tiny file whose users still have plaintext passwords (step 5's bcrypt cost).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PANEL_DDL } from '../electron/panel/panel-schema';
import { generatePanelDb, generateWalPair, pipeIntoSqlite, sizeOf } from './generate';
import { engine } from './processes';

/** Bump when generate.ts changes what it writes, so old data is not reused. */
const GENERATOR_VERSION = 3;

export interface Dataset {
  key: string;
  label: string;
  path: string;
  wal: boolean;
  runs: number;
  /** The file (and its -wal) in bytes. */
  bytes: number;
}

const exists = async (path: string) => (await sizeOf(path).catch(() => 0)) > 0;

async function ensureDb(dataDir: string, mb: number): Promise<string> {
  const path = join(dataDir, `panel-${mb}mb.v${GENERATOR_VERSION}.db`);
  if (await exists(path)) return path;
  process.stdout.write(`generating ${path} … `);
  const started = Date.now();
  await generatePanelDb(path, mb);
  process.stdout.write(`${((await sizeOf(path)) / 1e6).toFixed(1)} MB in ${Date.now() - started} ms\n`);
  return path;
}

async function ensureWalPair(dataDir: string): Promise<string> {
  const path = join(dataDir, `panel-100mb-wal20.v${GENERATOR_VERSION}.db`);
  if ((await exists(path)) && (await exists(`${path}-wal`))) return path;
  process.stdout.write(`generating ${path} (+ -wal) … `);
  // The WAL also carries b-tree interior pages; ~1.25 frames per dirtied leaf page.
  await generateWalPair(await ensureDb(dataDir, 100), path, 20 / 1.25);
  process.stdout.write(`${((await sizeOf(`${path}-wal`)) / 1e6).toFixed(1)} MB WAL\n`);
  return path;
}

export async function prepareDatasets(
  dataDir: string,
  keys: readonly string[],
  runs: number | undefined,
): Promise<Dataset[]> {
  await mkdir(dataDir, { recursive: true });
  const datasets: Dataset[] = [];
  for (const key of keys) {
    const wal = key === 'wal';
    const mb = wal ? 100 : Number(key);
    const path = wal ? await ensureWalPair(dataDir) : await ensureDb(dataDir, mb);
    const bytes = (await sizeOf(path)) + (wal ? await sizeOf(`${path}-wal`) : 0);
    const label = wal ? '100 MB + WAL' : `${mb} MB`;
    datasets.push({ key, label, path, wal, bytes, runs: runs ?? 3 });
  }
  return datasets;
}

/**
 * A migrated copy of a (non-WAL) dataset: the starting point of every rollback run. Kept per build
 * of the engine (the bundle's hash in its name): a copy an older engine migrated holds an older log.
 */
export async function migratedCopy(bundle: string, dataset: Dataset, workDir: string): Promise<string> {
  const build = createHash('sha256')
    .update(await readFile(bundle))
    .digest('hex')
    .slice(0, 12);
  const path = `${dataset.path}.migrated-${build}`;
  if (await exists(path)) return path;
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const copy = join(workDir, 'x-ui.db');
  await copyFile(dataset.path, copy);
  await engine(bundle, 'migrate', copy, join(workDir, 'backups'));
  await copyFile(copy, path);
  await rm(workDir, { recursive: true, force: true });
  return path;
}

/** 5 users with plaintext passwords: step 5's bcrypt cost on its own. */
export async function passwordDb(dataDir: string): Promise<string> {
  const path = join(dataDir, `passwords.v${GENERATOR_VERSION}.db`);
  if (await exists(path)) return path;
  const users = Array.from(
    { length: 5 },
    (_, i) => `INSERT INTO users (username,password) VALUES ('admin${i}','plain-Passw0rd-${i}');`,
  );
  await pipeIntoSqlite(path, [
    `${Object.values(PANEL_DDL).join(';\n')};\n`,
    users.join('\n'),
    "\nINSERT INTO settings (key,value) VALUES ('webPort','2053');\n",
  ]);
  return path;
}

// `npm run bench`: generates panel databases of about 10, 100 and 300 MB (plus 100 MB with a ~20 MB
// un-checkpointed WAL), measures each engine operation cold and warm against a native reference
// doing the same work in the same run, and writes bench/RESULTS.md (tables and the text describing
// them). Options (bench/options.ts): --sizes 10,100,300,wal  --runs N  --ops status,check,…
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { format, resolveConfig } from 'prettier';
import { migratedCopy, passwordDb, prepareDatasets } from './datasets';
import { measureDataset, type Context } from './operations';
import { parseOptions } from './options';
import { engine, MEASURE_BUNDLE, NODE_BUNDLE, timed } from './processes';
import { GROWTH_NOTES, HOW_MEASURED, NATIVE_GAP, NATIVE_GAP_INTRO, WHAT_EACH_DOES } from './prose';
import { backupFloor, growthTable, header, mainTable, stepTable } from './report';
import type { GrowthRow, Row } from './rows';
import { fmtMs, median, spread } from './stats';

const BENCH = dirname(fileURLToPath(import.meta.url));
const DATA = join(BENCH, '.data');
const WORK = join(DATA, 'work');

/** Step 5 (bcrypt, cost 10) on 5 plaintext users: the generated files already hold bcrypt hashes. */
async function passwordHashing(bundle: string): Promise<number[]> {
  const source = await passwordDb(DATA);
  const samples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    await rm(WORK, { recursive: true, force: true });
    await mkdir(WORK, { recursive: true });
    await copyFile(source, join(WORK, 'x-ui.db'));
    const result = await engine(bundle, 'migrate', join(WORK, 'x-ui.db'), join(WORK, 'backups'));
    const steps = (result.detail.steps ?? []) as Array<{ version: number; ms: number }>;
    const step5 = steps.find((step) => step.version === 5);
    if (step5) samples.push(step5.ms);
  }
  await rm(WORK, { recursive: true, force: true });
  return samples;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const bundle = MEASURE_BUNDLE(DATA);
  await mkdir(DATA, { recursive: true });
  await build({ ...NODE_BUNDLE, entryPoints: [join(BENCH, 'measure.ts')], outfile: bundle });
  // The health checks' worker beside the bundle, where the engine looks for it (electron/app/panel-engine.ts).
  await build({
    ...NODE_BUNDLE,
    entryPoints: [join(BENCH, '..', 'electron', 'core', 'inbound-check-worker.ts')],
    outfile: join(DATA, 'inbound-check-worker.js'),
  });
  const datasets = await prepareDatasets(DATA, options.sizes, options.runs);
  const sqliteVersion = (await timed('sqlite3', ['--version'])).stdout.trim().split(' ')[0] ?? '?';
  const idle = [];
  for (let i = 0; i < 3; i += 1)
    idle.push(await engine(bundle, 'noop', join(DATA, 'none.db'), join(WORK, 'b')));

  const context: Context = { benchDir: BENCH, workDir: WORK, bundle };
  const rows: Row[] = [];
  const growth: GrowthRow[] = [];
  const steps: Array<{ label: string; stepMs: Record<string, number[]> }> = [];
  for (const dataset of datasets) {
    console.log(`${dataset.label}: ${dataset.path}`);
    const migrated =
      options.ops.includes('rollback') && !dataset.wal ? await migratedCopy(bundle, dataset, WORK) : null;
    const result = await measureDataset(context, dataset, options.ops, migrated);
    rows.push(...result.rows);
    if (result.growth) growth.push(result.growth);
    if (Object.keys(result.stepMs).length > 0) steps.push({ label: dataset.label, stepMs: result.stepMs });
  }
  const hashing = options.ops.includes('migrate') ? await passwordHashing(bundle) : [];

  const tables = [
    mainTable(rows),
    ...(growth.length > 0 ? ['', '## Migrate: peak memory and file growth', '', growthTable(growth)] : []),
    ...(steps.length > 0 ? ['', '## Migrate: time per step (cold, median)', '', stepTable(steps)] : []),
  ];
  const text = [
    ...header({
      options,
      sqliteVersion,
      idleRssKB: median(idle.map((s) => s.rssKB)),
      idleWallMs: median(idle.map((s) => s.wallMs)),
      runs: datasets.map((d) => `${d.label}: ${d.runs}`).join(', '),
    }),
    ...HOW_MEASURED,
    '',
    ...tables,
    '',
    ...(growth.length > 0 ? [...GROWTH_NOTES, ''] : []),
    hashing.length > 0
      ? `Password hashing (step 5) measured separately on 5 plaintext users, bcrypt cost 10: median ${fmtMs(median(hashing))} (±${spread(hashing).toFixed(0)}%), ${fmtMs(median(hashing) / 5)} per user. The benchmark databases hold bcrypt hashes already, so their migrate runs steps 1–4.\n`
      : '',
    '## What each figure does',
    '',
    ...WHAT_EACH_DOES,
    '',
    '## Where the targets are missed',
    '',
    NATIVE_GAP_INTRO,
    '',
    ...backupFloor(rows),
    ...NATIVE_GAP,
    '',
  ].join('\n');
  // Formatted as `prettier --check .` (part of `npm test`) expects the committed file.
  const target = join(BENCH, 'RESULTS.md');
  await writeFile(target, await format(text, { ...(await resolveConfig(target)), filepath: target }));
  console.log(`\n${tables.join('\n')}\n\nwritten ${target}`);
}

main().catch((thrown: unknown) => {
  console.error(thrown);
  process.exit(1);
});

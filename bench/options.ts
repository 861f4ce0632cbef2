// `npm run bench -- [--sizes 10,100,300,wal] [--runs N] [--ops status,check,…]`. The default is the
// full run the results are published from; `--sizes 10 --runs 1` is a quick check that it all works.
export const ALL_OPS = ['status', 'check', 'backup', 'restore', 'migrate', 'rollback'] as const;
export type OpName = (typeof ALL_OPS)[number];
export const ALL_SIZES = ['10', '100', '300', 'wal'] as const;

export interface BenchOptions {
  sizes: string[];
  /** Runs per figure; undefined: 3 (medians of three interleaved PanelDB/native pairs); more is still a full run. */
  runs: number | undefined;
  ops: OpName[];
  /** Not the default full run: RESULTS.md says so at the top. */
  partial: boolean;
}

function value(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const given = argv[index + 1];
  if (given === undefined || given.startsWith('--')) throw new Error(`--${name} needs a value`);
  return given;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const sizes = value(argv, 'sizes')?.split(',') ?? [...ALL_SIZES];
  for (const size of sizes)
    if (!(ALL_SIZES as readonly string[]).includes(size))
      throw new Error(`--sizes: ${size} is not one of ${ALL_SIZES.join(', ')}`);
  const runsText = value(argv, 'runs');
  const runs = runsText === undefined ? undefined : Number(runsText);
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1))
    throw new Error('--runs: a whole number ≥ 1');
  const ops = (value(argv, 'ops')?.split(',') ?? [...ALL_OPS]) as OpName[];
  for (const op of ops)
    if (!(ALL_OPS as readonly string[]).includes(op))
      throw new Error(`--ops: ${op} is not one of ${ALL_OPS.join(', ')}`);
  // More runs per figure than the default is still the full run, with steadier medians.
  const partial = sizes.length !== ALL_SIZES.length || (runs ?? 3) < 3 || ops.length !== ALL_OPS.length;
  return { sizes, runs, ops, partial };
}

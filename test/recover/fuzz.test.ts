// Random damage to generated panel files: recovery never crashes (only coded errors), never hangs
// (page cycles in b-trees, overflow chains and the freelist are bounded), never writes the input,
// and whatever whole-page damage leaves, every row it puts into a panel table is one that was written.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from '../../electron/core/engine-error';
import { recoverDatabase } from '../../electron/core/recover/recover';
import { tempDir } from '../support/temp-dir';
import { sqlite3 } from '../support/sqlite-cli';
import { allRows, buildPanel, expectFaithful, pagesOf, sha256, tableRows, type Row } from './support';

let base = '';
let originals: Record<string, Row[]> = {};
let overflow: number[] = [];
let interior: number[] = [];
/** client_traffics rows recovered from the undamaged file (live + the deleted rows still carvable). */
let baseline = 0;

let baseDir = '';

afterAll(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

beforeAll(async () => {
  // Not tempDir(): that folder is removed after each test, and the base serves them all.
  baseDir = await mkdtemp(join(tmpdir(), 'paneldb-fuzz-base-'));
  const dir = baseDir;
  base = join(dir, 'base.db');
  buildPanel(base, 40, 300);
  // Rows as written, before some are deleted and a table dropped (recovery may put those back).
  originals = allRows(base);
  sqlite3(
    base,
    'PRAGMA secure_delete=OFF; DELETE FROM client_traffics WHERE id % 17 = 0; DROP TABLE link_histories;',
  );
  overflow = pagesOf(base, 'inbounds', 'overflow');
  const undamaged = join(dir, 'undamaged.db');
  await recoverDatabase({ input: base, out: undamaged });
  baseline = tableRows(undamaged, 'client_traffics').length;
  interior = [...pagesOf(base, 'inbounds', 'internal'), ...pagesOf(base, 'client_traffics', 'internal')];
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_103_515_245 + 12_345) >>> 0;
    return s / 2 ** 32;
  };
}

type Damage = 'pages' | 'bytes' | 'cycles';

function damage(bytes: Buffer, kind: Damage, random: () => number): void {
  const pageSize = 4096;
  const pages = bytes.length / pageSize;
  const pick = () => 1 + Math.floor(random() * pages);
  if (kind === 'pages') {
    for (let n = 0; n < 1 + Math.floor(random() * 3); n++) {
      const at = (pick() - 1) * pageSize;
      const zero = random() < 0.5;
      for (let i = 0; i < pageSize; i++) bytes[at + i] = zero ? 0 : Math.floor(random() * 256);
    }
  } else if (kind === 'bytes') {
    for (let n = 0; n < 40; n++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  } else {
    // Page cycles: an interior page whose right child is itself, an overflow page pointing at itself,
    // and a freelist trunk list that loops.
    for (const page of interior) bytes.writeUInt32BE(page, (page - 1) * pageSize + 8);
    for (const page of overflow) bytes.writeUInt32BE(page, (page - 1) * pageSize);
    const trunk = bytes.readUInt32BE(32);
    if (trunk > 0) bytes.writeUInt32BE(trunk, (trunk - 1) * pageSize);
  }
}

describe('recovery under random damage', () => {
  const cases: Array<[Damage, number]> = [
    ...Array.from({ length: 8 }, (_, i): [Damage, number] => ['pages', i + 1]),
    ...Array.from({ length: 6 }, (_, i): [Damage, number] => ['bytes', i + 101]),
    ['cycles', 1],
  ];
  it.each(cases)('%s damage, seed %i: no crash, no hang, input untouched', async (kind, seed) => {
    const dir = await tempDir('paneldb-fuzz-');
    const input = join(dir, 'x-ui.db');
    await copyFile(base, input);
    const bytes = await readFile(input);
    damage(bytes, kind, rng(seed));
    await writeFile(input, bytes);
    const before = await sha256(input);
    const started = Date.now();
    const out = join(dir, 'out.db');
    const result = await capture(() => recoverDatabase({ input, out }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await sha256(input)).toBe(before);
    if (!result.ok) {
      expect(result.error.code).not.toBe('INTERNAL');
      return;
    }
    if (kind !== 'bytes') {
      // Whole pages destroyed or relinked: what is left is genuine, value for value.
      expectFaithful(tableRows(out, 'inbounds'), originals.inbounds!);
      expectFaithful(
        tableRows(out, 'client_traffics'),
        originals.client_traffics!,
        originals.client_traffics,
      );
    }
    // Relinked pages lose no row: the cut-off leaves are found as orphans, deleted rows carved.
    if (kind === 'cycles') expect(tableRows(out, 'client_traffics')).toHaveLength(baseline);
  });
});

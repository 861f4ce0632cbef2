// What `status` says about each fixture of docs/panel-database.md §5: which product and generation wrote
// it (Appendix A), which versioned steps its markers vouch for (holes included), the dirty flag's
// ambiguity (§3.3), and the fingerprints that deserve a warning. Status only ever reads.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import type { StatusReport } from '../../electron/shared/reports';
import { buildAllFixtures, FIXTURE_IDS } from '../fixtures/build';
import { sqlite3 } from '../support/sqlite-cli';
import { snapshotTree, tempDir } from '../support/temp-dir';

const ALL_VERSIONS = [1, 2, 3, 4, 5];

/** Warnings that must only appear where a row expects them: each one sends the admin somewhere. */
const ALARM_CODES = [
  'DIRTY',
  'NEWER_VERSION',
  'TABLES_DROPPED',
  'SQL_FIRST_SCHEMA',
  'UPSTREAM_V3',
  'POSSIBLY_RECREATED_AFTER_DROP',
  'DUPLICATE_SEEDER_MARKERS',
  'SCHEMA_MIGRATIONS_MULTIPLE_ROWS',
  'SCHEMA_MIGRATIONS_UNREADABLE',
];

interface Expected {
  id: string;
  kind: StatusReport['panel']['kind'];
  generation: StatusReport['panel']['generation'];
  applied: readonly number[];
  current: number;
  dirtyVersion?: number;
  warnings?: readonly string[];
  traits?: readonly string[];
}

const HEAD_FILE = { kind: 'x-panel', generation: 'v7.5.9-or-later', applied: [2, 3, 5], current: 0 } as const;
const DIRTY_AT_3 = {
  kind: 'x-panel',
  generation: 'golang-migrate-branch',
  // A dirty row at 3 vouches for 1 and 2 only; 3 and 5 come from history_of_seeders.
  applied: [1, 2, 3, 5],
  current: 3,
  dirtyVersion: 3,
  warnings: ['DIRTY'],
} as const;

const EXPECTED: Expected[] = [
  { id: 'f0-fresh-first-start', kind: 'x-panel', generation: 'v2.6.0-to-v7.5.8', applied: [5], current: 0 },
  {
    id: 'f0-second-start-pending',
    kind: 'x-panel',
    generation: 'v2.6.0-to-v7.5.8',
    applied: [5],
    current: 0,
  },
  {
    id: 'f1-legacy-nothing-recorded',
    kind: '3x-ui',
    generation: 'pre-v2.6.0',
    applied: [],
    current: 0,
    traits: ['login-secret-column', 'allocate-column'],
  },
  { id: 'f2-tls-variants', kind: 'x-panel', generation: 'v2.6.0-to-v7.5.8', applied: [5], current: 0 },
  {
    id: 'f3-xhttp-without-flow',
    kind: 'x-panel',
    generation: 'v7.5.9-or-later',
    applied: [2, 5],
    current: 0,
  },
  { id: 'f3-xhttp-without-flow-recorded', ...HEAD_FILE },
  { id: 'f4-reality-targets', ...HEAD_FILE },
  { id: 'f4-reality-invalid-json', ...HEAD_FILE },
  { id: 'f5-passwords-a', kind: 'x-panel', generation: 'no-seeders-recorded', applied: [], current: 0 },
  { id: 'f5-passwords-b', kind: 'x-panel', generation: 'no-seeders-recorded', applied: [], current: 0 },
  {
    id: 'f5-passwords-c',
    kind: 'x-panel',
    generation: 'golang-migrate-branch',
    applied: ALL_VERSIONS,
    current: 5,
  },
  {
    id: 'f5-passwords-d',
    kind: 'x-panel',
    generation: 'golang-migrate-branch',
    applied: ALL_VERSIONS,
    current: 5,
  },
  { id: 'f5-passwords-e', kind: 'x-panel', generation: 'no-seeders-recorded', applied: [], current: 0 },
  { id: 'f5-passwords-f', kind: 'x-panel', generation: 'v7.5.9-or-later', applied: [2], current: 0 },
  { id: 'f6-dirty-3-up-failed', ...DIRTY_AT_3 },
  { id: 'f6-dirty-3-crashed-after-commit', ...DIRTY_AT_3 },
  { id: 'f6-dirty-3-down-4-failed', ...DIRTY_AT_3 },
  { id: 'f7-wal-uncheckpointed', kind: 'x-panel', generation: 'v2.6.0-to-v7.5.8', applied: [5], current: 0 },
  {
    id: 'f8-branch-version-5',
    kind: 'x-panel',
    generation: 'golang-migrate-branch',
    applied: ALL_VERSIONS,
    current: 5,
  },
  {
    id: 'f8-branch-empty-schema-migrations',
    kind: 'x-panel',
    generation: 'golang-migrate-branch',
    applied: [2, 3, 5],
    current: 0,
    traits: ['schema-migrations-empty'],
  },
  {
    id: 'f9-tables-dropped',
    kind: 'x-panel',
    generation: 'tables-dropped',
    applied: [],
    current: 0,
    warnings: ['TABLES_DROPPED'],
  },
  {
    id: 'f9-recreated-after-drop',
    kind: 'x-panel',
    generation: 'golang-migrate-branch',
    applied: [5],
    current: 0,
    warnings: ['POSSIBLY_RECREATED_AFTER_DROP'],
    traits: ['possibly-recreated-after-drop'],
  },
  {
    id: 'f10-sql-first-schema',
    kind: 'x-panel',
    generation: 'sql-first-schema',
    applied: ALL_VERSIONS,
    current: 5,
    // Empty tables here come from the wrong schema, not from a drop: no recreated-after-drop hint.
    warnings: ['SQL_FIRST_SCHEMA'],
  },
  { id: 'f10-upstream-v251-indexes', ...HEAD_FILE, traits: ['upstream-v2.5.1-indexes'] },
  { id: 'f10-lottery-era', ...HEAD_FILE, traits: ['lottery-era'] },
  { id: 'f10-hand-modified-inbounds', ...HEAD_FILE, traits: ['hand-made-tag-triggers'] },
  { id: 'f10-mixed-last-online', ...HEAD_FILE },
  { id: 'f10-orphans', ...HEAD_FILE },
  { id: 'f10-duplicates', ...HEAD_FILE, warnings: ['DUPLICATE_SEEDER_MARKERS'] },
  { id: 'f10-inline-port-unique', ...HEAD_FILE, traits: ['legacy-port-unique'] },
  { id: 'f10-tgid-string-and-null-client', ...HEAD_FILE },
  {
    id: 'upstream-v3',
    kind: 'upstream-3x-ui-v3',
    generation: 'upstream-v3',
    applied: [5],
    current: 0,
    warnings: ['UPSTREAM_V3'],
  },
  { id: 'empty-sqlite', kind: 'empty', generation: 'empty', applied: [], current: 0 },
];

const REFUSED: Array<{ id: string; code: string }> = [
  { id: 'f7-wal-stale', code: 'WAL_MISMATCH' },
  { id: 'not-panel', code: 'NOT_A_PANEL_DATABASE' },
];

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

let root = '';
let paths: Record<string, string> = {};
const dbPathOf = (id: string): string => {
  const path = paths[id];
  if (path === undefined) throw new Error(`fixture ${id} was not built`);
  return path;
};

beforeAll(async () => {
  // Not tempDir(): its afterEach cleanup would delete the shared fixtures after the first test.
  root = await mkdtemp(join(tmpdir(), 'paneldb-detect-'));
  paths = await buildAllFixtures(root);
});

afterAll(async () => {
  if (root !== '') await rm(root, { recursive: true, force: true });
});

describe('status tells which panel and generation wrote each fixture', () => {
  it('covers every fixture exactly once', () => {
    const covered = [...EXPECTED.map((row) => row.id), ...REFUSED.map((row) => row.id)].sort();
    expect(covered).toEqual([...FIXTURE_IDS].sort());
  });

  it.each(EXPECTED)(
    '$id is $kind, generation $generation, applied $applied, current version $current',
    async (row) => {
      const status = unwrap(await createPanelEngine({ dbPath: dbPathOf(row.id) }).getStatus());
      const pending = ALL_VERSIONS.filter((version) => !row.applied.includes(version));
      const codes = status.warnings.map((warning) => warning.code);

      expect(status.panel.kind).toBe(row.kind);
      expect(status.panel.generation).toBe(row.generation);
      expect(status.applied.map((entry) => entry.version)).toEqual(row.applied);
      expect(status.current_version).toBe(row.current);
      expect(status.pending.map((entry) => entry.version)).toEqual(pending);
      expect(status.pending_count).toBe(pending.length);
      expect(status.latest_version).toBe(5);
      expect(status.dirty).toBe(row.dirtyVersion !== undefined);
      expect(status.dirty_version).toBe(row.dirtyVersion ?? null);
      expect(status.newer_version).toBeNull();
      expect(codes).toEqual(expect.arrayContaining([...(row.warnings ?? [])]));
      for (const alarm of ALARM_CODES.filter((code) => !(row.warnings ?? []).includes(code))) {
        expect(codes, `unexpected ${alarm}`).not.toContain(alarm);
      }
      expect(status.panel.traits).toEqual(expect.arrayContaining([...(row.traits ?? [])]));
      expect(status.integrity).toBe('ok');
    },
  );

  it.each(REFUSED)('$id is refused with $code', async ({ id, code }) => {
    const result = await createPanelEngine({ dbPath: dbPathOf(id) }).getStatus();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('status reads the markers the way the panel does', () => {
  it('names the source of each applied version, with holes where a marker is missing', async () => {
    const status = unwrap(
      await createPanelEngine({ dbPath: dbPathOf('f3-xhttp-without-flow-recorded') }).getStatus(),
    );
    expect(status.applied.map((entry) => [entry.version, entry.source])).toEqual([
      [2, 'history_of_seeders'],
      [3, 'history_of_seeders'],
      [5, 'history_of_seeders'],
    ]);
    expect(status.pending.map((entry) => entry.version)).toEqual([1, 4]);
    expect(status.schema_migrations).toBeNull();
  });

  it('reports a dirty row as dirty at its version and vouches only for the versions below it', async () => {
    const status = unwrap(await createPanelEngine({ dbPath: dbPathOf('f6-dirty-3-up-failed') }).getStatus());
    expect(status.schema_migrations).toEqual([{ version: 3, dirty: true }]);
    expect(status.dirty).toBe(true);
    expect(status.dirty_version).toBe(3);
    const sources = Object.fromEntries(status.applied.map((entry) => [entry.version, entry.source]));
    expect(sources[2]).toContain('schema_migrations');
    expect(sources[1]).toBe('schema_migrations');
    expect(sources[3]).not.toContain('schema_migrations');
  });

  it('merges the -wal: f7-wal-uncheckpointed shows the two transactions only the -wal holds', async () => {
    const status = unwrap(await createPanelEngine({ dbPath: dbPathOf('f7-wal-uncheckpointed') }).getStatus());
    expect(status.journal.mode).toBe('wal');
    expect(status.journal.wal_present).toBe(true);
    expect(status.journal.wal_transactions_applied).toBe(2);
    expect(status.tables.inbounds).toBe(1);
    expect(status.tables.client_traffics).toBe(1);
  });

  it('opens f7-wal-stale with ignoreWal, reading the main file alone and saying so', async () => {
    const status = unwrap(
      await createPanelEngine({ dbPath: dbPathOf('f7-wal-stale'), ignoreWal: true }).getStatus(),
    );
    expect(status.panel.kind).toBe('x-panel');
    expect(status.journal.wal_transactions_applied).toBe(0);
    expect(status.warnings.map((warning) => warning.code)).toContain('WAL');
    expect(status.integrity).toBe('ok');
  });

  it('reports an empty schema_migrations table as nil version', async () => {
    const status = unwrap(
      await createPanelEngine({ dbPath: dbPathOf('f8-branch-empty-schema-migrations') }).getStatus(),
    );
    expect(status.schema_migrations).toEqual([]);
    expect(status.current_version).toBe(0);
    expect(status.dirty).toBe(false);
  });

  it('lists the panel x-ui.db.backup.<unix> siblings among the backups', async () => {
    const status = unwrap(await createPanelEngine({ dbPath: dbPathOf('f8-branch-version-5') }).getStatus());
    expect(status.backups_count).toBe(2);
    expect(status.last_backup).toBe(join(root, 'f8-branch-version-5', 'x-ui.db.backup.1770180197'));
  });
});

describe('status on hand-edited schema_migrations', () => {
  async function copyOfF8(): Promise<string> {
    const dir = await tempDir();
    const path = join(dir, 'x-ui.db');
    await copyFile(dbPathOf('f8-branch-version-5'), path);
    return path;
  }

  it('a schema_migrations version above 5 is reported as newer than the tool', async () => {
    const path = await copyOfF8();
    sqlite3(path, 'UPDATE schema_migrations SET version=7;');
    const engine = createPanelEngine({ dbPath: path });
    const status = unwrap(await engine.getStatus());
    expect(status.newer_version).toBe(7);
    expect(status.latest_version).toBe(5);
    expect(status.schema_migrations).toEqual([{ version: 7, dirty: false }]);
    expect(status.warnings.map((warning) => warning.code)).toContain('NEWER_VERSION');
    const preview = await engine.previewMigrate();
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.error.code).toBe('VERSION_NEWER_THAN_TOOL');
  });

  it('several schema_migrations rows are reported', async () => {
    const path = await copyOfF8();
    // version_unique forbids a second row at 5; what hand-run SQL files leave is one row per version (S9).
    sqlite3(path, 'INSERT INTO schema_migrations (version, dirty) VALUES (3, 0);');
    const status = unwrap(await createPanelEngine({ dbPath: path }).getStatus());
    expect(status.schema_migrations).toHaveLength(2);
    expect(status.schema_migrations).toEqual(
      expect.arrayContaining([
        { version: 5, dirty: false },
        { version: 3, dirty: false },
      ]),
    );
    expect(status.warnings.map((warning) => warning.code)).toContain('SCHEMA_MIGRATIONS_MULTIPLE_ROWS');
  });
});

describe('status never writes', () => {
  it.each([...FIXTURE_IDS])('the fixture folder snapshot is identical after status on %s', async (id) => {
    const folder = join(root, id);
    const before = await snapshotTree(folder);
    await createPanelEngine({ dbPath: dbPathOf(id) }).getStatus();
    await createPanelEngine({ dbPath: dbPathOf(id), ignoreWal: true }).getStatus();
    expect(await snapshotTree(folder)).toEqual(before);
  });

  it('creates no backup folder', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'f2'));
    const path = join(dir, 'f2', 'x-ui.db');
    await copyFile(dbPathOf('f2-tls-variants'), path);
    unwrap(await createPanelEngine({ dbPath: path }).getStatus());
    expect(Object.keys(await snapshotTree(dir))).toEqual(['/f2/x-ui.db']);
  });
});

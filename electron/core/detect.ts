// What is this file? Reads only: which product wrote it, which generation of that product (panel
// doc, Appendix A), and which versioned steps are applied according to the two kinds of marker the
// panel itself uses — golang-migrate's schema_migrations row and history_of_seeders names.
import type { Database } from 'sql.js';
import type { MigrationDescriptor } from '../panel/catalog';
import { CORE_PANEL_TABLES, UPSTREAM_V3_TABLES } from '../panel/panel-schema';
import { columnNames, queryRows } from './sql';
import { message, ref, type MessageKey } from '../shared/i18n';
import type {
  PanelKind,
  GenerationId,
  MarkerSource,
  VersionState,
  SchemaMigrationsRow,
  DetectionWarning,
} from '../shared/reports';

export interface Detection {
  kind: PanelKind;
  generation: GenerationId;
  traits: string[];
  tables: string[];
  /** null when the table does not exist; rows in SQLite's order (golang-migrate reads the first). */
  schemaMigrations: SchemaMigrationsRow[] | null;
  seederMarkers: string[];
  versions: VersionState[];
  currentVersion: number;
  latestVersion: number;
  dirty: boolean;
  /** The version a dirty row names; its data may be at that version or the one before. */
  dirtyVersion: number | null;
  /** A schema_migrations version above every step this tool knows. */
  newerVersion: number | null;
  warnings: DetectionWarning[];
}

const GOLANG_MIGRATE_ROW = 'schema_migrations';

export function detectDatabase(db: Database, migrations: readonly MigrationDescriptor[]): Detection {
  const tables = queryRows(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  )
    .map((row) => String(row.name))
    .sort();
  const has = (name: string) => tables.includes(name);
  const warnings: DetectionWarning[] = [];

  const schemaMigrations = has(GOLANG_MIGRATE_ROW) ? readSchemaMigrations(db, warnings) : null;
  const seederMarkers = has('history_of_seeders') ? readSeederMarkers(db, migrations, warnings) : [];
  const kind = classifyKind(db, tables);
  const traits = kind === 'not-panel' || kind === 'empty' ? [] : collectTraits(db, tables);
  const generation = classifyGeneration(db, kind, tables, seederMarkers);

  const effective = schemaMigrations?.[0] ?? null;
  const dirty = effective?.dirty ?? false;
  const dirtyVersion = dirty ? (effective?.version ?? null) : null;
  const latestVersion = Math.max(0, ...migrations.map((m) => m.version));
  const recordedVersion = effective?.version ?? null;

  const versions = migrations.map((migration): VersionState => {
    const sources: MarkerSource[] = [];
    if (recordedVersion !== null && recordedVersion >= migration.version) {
      // A dirty row at V vouches only for the steps below V: V itself may or may not have committed.
      if (!(dirty && recordedVersion === migration.version)) sources.push('schema_migrations');
    }
    if (migration.seederMarker !== null && seederMarkers.includes(migration.seederMarker)) {
      sources.push('history_of_seeders');
    }
    return { version: migration.version, name: migration.name, applied: sources.length > 0, sources };
  });

  let currentVersion = 0;
  for (const state of [...versions].sort((a, b) => a.version - b.version)) {
    if (!state.applied || state.version !== currentVersion + 1) break;
    currentVersion = state.version;
  }

  const newerVersion = recordedVersion !== null && recordedVersion > latestVersion ? recordedVersion : null;
  if (newerVersion !== null) {
    warnings.push(
      warning(
        'NEWER_VERSION',
        message('detect.newerVersion', { version: newerVersion, latest: latestVersion }),
      ),
    );
  }
  if (dirty) {
    warnings.push(warning('DIRTY', message('detect.dirty', { version: dirtyVersion ?? 'nil' })));
  }
  addGenerationWarnings(generation, traits, warnings);

  return {
    kind,
    generation,
    traits,
    tables,
    schemaMigrations,
    seederMarkers,
    versions,
    currentVersion,
    latestVersion,
    dirty,
    dirtyVersion,
    newerVersion,
    warnings,
  };
}

function readSchemaMigrations(db: Database, warnings: DetectionWarning[]): SchemaMigrationsRow[] {
  const rows = queryRows(db, `SELECT version, dirty FROM ${GOLANG_MIGRATE_ROW}`).map((row) => {
    const version = typeof row.version === 'number' && Number.isInteger(row.version) ? row.version : null;
    if (version === null) {
      warnings.push(
        warning(
          'SCHEMA_MIGRATIONS_UNREADABLE',
          message('detect.schemaMigrationsUnreadable', { value: String(row.version) }),
        ),
      );
    }
    return { version, dirty: isTruthy(row.dirty) };
  });
  if (rows.length > 1) {
    const versions = rows.map((r) => r.version).join(', ');
    warnings.push(
      warning(
        'SCHEMA_MIGRATIONS_MULTIPLE_ROWS',
        message('detect.schemaMigrationsMultipleRows', { count: rows.length, versions }),
      ),
    );
  }
  return rows;
}

function isTruthy(value: unknown): boolean {
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['1', 'true', 't'].includes(value.trim().toLowerCase());
  return false;
}

function readSeederMarkers(
  db: Database,
  migrations: readonly MigrationDescriptor[],
  warnings: DetectionWarning[],
): string[] {
  const names = queryRows(db, 'SELECT seeder_name FROM history_of_seeders ORDER BY id').map((row) =>
    String(row.seeder_name),
  );
  const known = new Set(migrations.flatMap((m) => (m.seederMarker === null ? [] : [m.seederMarker])));
  const duplicates = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (duplicates.length > 0) {
    warnings.push(
      warning(
        'DUPLICATE_SEEDER_MARKERS',
        message('detect.duplicateSeederMarkers', { names: duplicates.join(', ') }),
      ),
    );
  }
  const unknown = [...new Set(names.filter((name) => !known.has(name)))];
  if (unknown.length > 0) {
    warnings.push(
      warning(
        'UNKNOWN_SEEDER_MARKERS',
        message('detect.unknownSeederMarkers', { names: unknown.join(', ') }),
      ),
    );
  }
  return [...new Set(names)];
}

function classifyKind(db: Database, tables: string[]): PanelKind {
  if (tables.length === 0) return 'empty';
  if (UPSTREAM_V3_TABLES.some((name) => tables.includes(name))) return 'upstream-3x-ui-v3';
  const corePresent = CORE_PANEL_TABLES.filter((name) => tables.includes(name)).length;
  // A file whose panel tables golang-migrate's Down() dropped keeps only schema_migrations.
  const onlyMigrationsLeft = tables.every((name) => name === GOLANG_MIGRATE_ROW);
  if (corePresent < 2 && !onlyMigrationsLeft) return 'not-panel';
  return isXPanelLineage(db, tables) || onlyMigrationsLeft ? 'x-panel' : '3x-ui';
}

function isXPanelLineage(db: Database, tables: string[]): boolean {
  if (tables.includes('link_histories') || tables.includes('lottery_wins')) return true;
  return tables.includes('inbounds') && columnNames(db, 'inbounds').includes('device_limit');
}

function classifyGeneration(
  db: Database,
  kind: PanelKind,
  tables: string[],
  markers: string[],
): GenerationId {
  if (kind === 'empty' || kind === 'not-panel') return kind;
  if (kind === 'upstream-3x-ui-v3') return 'upstream-v3';
  if (!CORE_PANEL_TABLES.some((name) => tables.includes(name))) return 'tables-dropped';
  if (isSqlFirstSchema(db, tables)) return 'sql-first-schema';
  // PanelDB writes schema_migrations too; only without its log does the table mean a branch build.
  if (tables.includes(GOLANG_MIGRATE_ROW) && !tables.includes('paneldb_history'))
    return 'golang-migrate-branch';
  if (!tables.includes('history_of_seeders')) return 'pre-v2.6.0';
  if (markers.includes('TlsConfigMigration') || markers.includes('XhttpFlowMigration'))
    return 'v7.5.9-or-later';
  if (markers.length === 0) return 'no-seeders-recorded';
  return 'v2.6.0-to-v7.5.8';
}

/** The branch's 000001_init_schema.up.sql makes tables GORM cannot migrate (doc §3.6 S1). */
function isSqlFirstSchema(db: Database, tables: string[]): boolean {
  if (tables.includes('settings') && !columnNames(db, 'settings').includes('id')) return true;
  return tables.includes('users') && columnNames(db, 'users').includes('created_at');
}

function collectTraits(db: Database, tables: string[]): string[] {
  const traits: string[] = [];
  const ddl = new Map(
    queryRows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL").map(
      (row) => [String(row.name), String(row.sql)],
    ),
  );
  const indexes = queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'index'").map((r) =>
    String(r.name),
  );
  const triggers = queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) =>
    String(r.name),
  );
  const columnsOf = (table: string) => (tables.includes(table) ? columnNames(db, table) : []);

  if (isXPanelLineage(db, tables)) traits.push('x-panel-lineage');
  if (tables.includes('paneldb_history')) traits.push('paneldb-managed');
  if (tables.includes('lottery_wins')) traits.push('lottery-era');
  if (columnsOf('users').includes('login_secret')) traits.push('login-secret-column');
  if (columnsOf('inbounds').includes('allocate')) traits.push('allocate-column');
  if ([...ddl.values()].some((sql) => sql.includes('PRIMARY KEY (`id`)')))
    traits.push('legacy-table-primary-key');
  if (/`port` integer UNIQUE/i.test(ddl.get('inbounds') ?? '')) traits.push('legacy-port-unique');
  for (const [name, sql] of ddl) {
    if (sql.startsWith(`CREATE TABLE "${name}"  (`)) traits.push(`gorm-rebuilt:${name}`);
  }
  if (
    ['idx_inbounds_user_id', 'idx_client_traffics_inbound_id', 'idx_client_traffics_email'].some((i) =>
      indexes.includes(i),
    )
  ) {
    traits.push('upstream-v2.5.1-indexes');
  }
  if (triggers.some((name) => name.startsWith('enforce_nonempty_tag'))) traits.push('hand-made-tag-triggers');
  if (tables.includes(GOLANG_MIGRATE_ROW) && !tables.includes('paneldb_history')) {
    const rows = queryRows(db, `SELECT count(*) AS n FROM ${GOLANG_MIGRATE_ROW}`)[0]?.n ?? 0;
    if (rows === 0) traits.push('schema-migrations-empty');
    if (
      tables.includes('inbounds') &&
      !isSqlFirstSchema(db, tables) &&
      (queryRows(db, 'SELECT count(*) AS n FROM inbounds')[0]?.n ?? 0) === 0
    ) {
      traits.push('possibly-recreated-after-drop');
    }
  }
  return traits;
}

function addGenerationWarnings(
  generation: GenerationId,
  traits: string[],
  warnings: DetectionWarning[],
): void {
  const byGeneration: Partial<Record<GenerationId, MessageKey>> = {
    'tables-dropped': 'detect.tablesDropped',
    'sql-first-schema': 'detect.sqlFirstSchema',
    'upstream-v3': 'detect.upstreamV3',
  };
  const key = byGeneration[generation];
  if (key !== undefined) warnings.push(warning(generation.toUpperCase().replaceAll('-', '_'), message(key)));
  if (traits.includes('possibly-recreated-after-drop'))
    warnings.push(warning('POSSIBLY_RECREATED_AFTER_DROP', message('detect.possiblyRecreated')));
}

/** A warning: its English text and, beside it, the catalog key the CLI and UI render from. */
function warning(code: string, text: ReturnType<typeof message>): DetectionWarning {
  return { code, message: text.text, msg: ref(text) };
}

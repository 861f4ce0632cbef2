// The panel's versioned steps, numbered as its golang-migrate files (000001_init_schema = 1 …).
// `seederMarker` is the history_of_seeders name the panel's Go code writes for the same change: a
// file counts a step as applied if either schema_migrations or this marker says so.

export interface MigrationDescriptor {
  version: number;
  name: string;
  seederMarker: string | null;
  irreversible: boolean;
}

export const PANEL_MIGRATIONS: readonly MigrationDescriptor[] = [
  { version: 1, name: 'init_schema', seederMarker: null, irreversible: true },
  { version: 2, name: 'tls_config', seederMarker: 'TlsConfigMigration', irreversible: false },
  { version: 3, name: 'xhttp_flow', seederMarker: 'XhttpFlowMigration', irreversible: false },
  { version: 4, name: 'reality_target', seederMarker: 'RealityTargetMigration', irreversible: false },
  { version: 5, name: 'user_password_hash', seederMarker: 'UserPasswordHash', irreversible: true },
];

/** A step's descriptor by version; a missing one is a programming error caught at load time. */
export function descriptorOf(version: number): MigrationDescriptor {
  const descriptor = PANEL_MIGRATIONS.find((migration) => migration.version === version);
  if (descriptor === undefined) throw new Error(`the catalog has no migration ${version}`);
  return descriptor;
}

// The panel's migrations in order. An explicit list survives bundling (no file globbing at run
// time); a test checks it against the catalog's versions and names.
import { initSchema } from './000001_init_schema';
import { tlsConfig } from './000002_tls_config';
import { xhttpFlow } from './000003_xhttp_flow';
import { realityTarget } from './000004_reality_target';
import { userPasswordHash } from './000005_user_password_hash';
import type { PanelMigration } from '../electron/core/step-types';

export const MIGRATIONS: readonly PanelMigration[] = [
  initSchema,
  tlsConfig,
  xhttpFlow,
  realityTarget,
  userPasswordHash,
];

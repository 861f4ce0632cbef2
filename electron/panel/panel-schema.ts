// The panel's schema exactly as GORM v1.31.1 + sqlite driver v1.6.0 create it (docs/panel-database.md
// §1.2), byte for byte as sqlite_master stores it. Migration 1 creates it on an empty file; detection
// and fixtures compare against it.

export const PANEL_TABLES = [
  'users',
  'inbounds',
  'outbound_traffics',
  'settings',
  'inbound_client_ips',
  'client_traffics',
  'history_of_seeders',
  'link_histories',
] as const;

export type PanelTable = (typeof PANEL_TABLES)[number];

/** CREATE TABLE statements in the order GORM's initModels migrates them. */
export const PANEL_DDL: Readonly<Record<PanelTable, string>> = {
  users: 'CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT,`username` text,`password` text)',
  inbounds:
    'CREATE TABLE `inbounds` (`id` integer PRIMARY KEY AUTOINCREMENT,`user_id` integer,`up` integer,`down` integer,`total` integer,`all_time` integer DEFAULT 0,`remark` text,`enable` numeric,`expiry_time` integer,`device_limit` integer DEFAULT 0,`listen` text,`port` integer,`protocol` text,`settings` text,`stream_settings` text,`tag` text,`sniffing` text,CONSTRAINT `uni_inbounds_tag` UNIQUE (`tag`))',
  outbound_traffics:
    'CREATE TABLE `outbound_traffics` (`id` integer PRIMARY KEY AUTOINCREMENT,`tag` text,`up` integer DEFAULT 0,`down` integer DEFAULT 0,`total` integer DEFAULT 0,CONSTRAINT `uni_outbound_traffics_tag` UNIQUE (`tag`))',
  settings: 'CREATE TABLE `settings` (`id` integer PRIMARY KEY AUTOINCREMENT,`key` text,`value` text)',
  inbound_client_ips:
    'CREATE TABLE `inbound_client_ips` (`id` integer PRIMARY KEY AUTOINCREMENT,`client_email` text,`ips` text,CONSTRAINT `uni_inbound_client_ips_client_email` UNIQUE (`client_email`))',
  client_traffics:
    'CREATE TABLE `client_traffics` (`id` integer PRIMARY KEY AUTOINCREMENT,`inbound_id` integer,`enable` numeric,`email` text,`up` integer,`down` integer,`all_time` integer,`expiry_time` integer,`total` integer,`reset` integer DEFAULT 0,`last_online` integer DEFAULT 0,CONSTRAINT `fk_inbounds_client_stats` FOREIGN KEY (`inbound_id`) REFERENCES `inbounds`(`id`),CONSTRAINT `uni_client_traffics_email` UNIQUE (`email`))',
  history_of_seeders:
    'CREATE TABLE `history_of_seeders` (`id` integer PRIMARY KEY AUTOINCREMENT,`seeder_name` text)',
  link_histories:
    'CREATE TABLE `link_histories` (`id` integer PRIMARY KEY AUTOINCREMENT,`type` varchar(255) NOT NULL,`link` text NOT NULL,`created_at` datetime NOT NULL)',
};

/** golang-migrate v4.19.1's sqlite3 driver creates this on every open (§3.2). */
export const SCHEMA_MIGRATIONS_DDL = [
  'CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)',
  'CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)',
] as const;

/** Tables created by a 3x-ui/X-Panel build of any era; enough of them marks a file as a panel's. */
export const CORE_PANEL_TABLES: readonly PanelTable[] = ['users', 'inbounds', 'settings', 'client_traffics'];

/** Tables only upstream 3x-ui ≥ v3.1.0 has (Appendix B): a different product. */
export const UPSTREAM_V3_TABLES = ['clients', 'client_inbounds', 'nodes', 'api_tokens'] as const;

// English titles and reasons of the health checks, keyed by their stable ids. Must equal the rules'
// own texts in electron/core/health-check-rules.ts (a test compares them).
export const checksEn = {
  'check.xray.vision-xhttp-without-encryption.title': 'Vision on XHTTP without VLESS Encryption',
  'check.xray.vision-xhttp-without-encryption.reason':
    'Xray rejects these clients ("XTLS only supports TLS and REALITY directly for now"); the panel\'s XhttpFlowMigration sets them.',
  'check.xray.vision-transport.title': 'Vision on a transport or security that cannot carry it',
  'check.xray.vision-transport.reason':
    'XTLS Vision needs TCP (raw) or XHTTP, with TLS or REALITY (or VLESS Encryption); on ws, grpc, kcp, httpupgrade or without security Xray refuses it.',
  'check.reality.target-invalid.title': 'REALITY target without a port or not parseable',
  'check.reality.target-invalid.reason':
    'Xray refuses to start the inbound: please fill in a valid value for "target" (host:port, a port, or a socket path).',
  'check.reality.legacy-dest.title': 'REALITY inbound with the legacy "dest" key only',
  'check.reality.legacy-dest.reason':
    'Xray accepts it, but the panel UI reads only "target" and shows and saves its default instead.',
  'check.json.invalid.title': 'JSON column that does not parse',
  'check.json.invalid.reason':
    'The panel and Xray cannot read this value (SQL files 000002/000003 leave such rows).',
  'check.json.too-deep.title': 'JSON column nested too deep to read',
  'check.json.too-deep.reason':
    "Go's JSON decoder (the panel, Xray) refuses more than 10,000 levels, so the panel cannot load this value; PanelDB reports the row and checks the rest.",
  'check.json.duplicate-keys.title': 'Duplicate keys in a JSON column',
  'check.json.duplicate-keys.reason':
    'SQLite json_extract reads the first value, Go, JavaScript and Xray the last: tools disagree about the row.',
  'check.inbounds.duplicate-flow-keys.title': 'Clients with two "flow" keys (SQL file 000003)',
  'check.inbounds.duplicate-flow-keys.reason':
    'The panel and Xray read the last flow, SQLite the first; the fix keeps the value the panel already reads.',
  'check.clients.not-object.title': 'Client entries that are not JSON objects',
  'check.clients.not-object.reason':
    'The panel skips them and Xray refuses the inbound; settings.clients must be an array of objects.',
  'check.clients.duplicate-email.title': 'Client email used more than once',
  'check.clients.duplicate-email.reason':
    'Emails key traffic statistics and must be unique across all inbounds; Xray refuses duplicate emails.',
  'check.traffic.missing-row.title': 'Clients without a client_traffics row',
  'check.traffic.missing-row.reason':
    'The panel shows no traffic for them and cannot enforce their quota or expiry.',
  'check.traffic.orphan-row.title': 'client_traffics rows that belong to no client',
  'check.traffic.orphan-row.reason':
    'Left behind when a client was removed or renamed; harmless, but counted in totals.',
  'check.inbounds.tag-empty.title': 'Inbound without a tag',
  'check.inbounds.tag-empty.reason':
    'Xray routes and counts traffic by tag; the panel writes inbound-<port>.',
  'check.inbounds.tag-duplicate.title': 'Inbound tag used more than once',
  'check.inbounds.tag-duplicate.reason': 'Xray refuses a configuration with two inbounds of the same tag.',
  'check.users.password-hashed-prefix.title': 'Password stored as "HASHED:…" (SQL file 000005)',
  'check.users.password-hashed-prefix.reason':
    'Login compares bcrypt hashes and fails: the admin is locked out.',
  'check.users.password-not-bcrypt.title': 'Password that is not a bcrypt hash',
  'check.users.password-not-bcrypt.reason':
    "Stored in plain text (or empty): the panel's login compares bcrypt hashes. Migration 5 hashes it while it is pending; the fix hashes it the same way (bcrypt, cost 10) whatever the markers say.",
  'check.schema-migrations.multiple-rows.title': 'schema_migrations with more than one row',
  'check.schema-migrations.multiple-rows.reason':
    'golang-migrate reads one row and picks one of several arbitrarily (SQL files run by hand leave them).',
  'check.markers.disagree.title': 'Panel markers that disagree with the data',
  'check.markers.disagree.reason':
    'A seeder is recorded as done but rows it would have changed are still in the old form.',
  // Built by marker-claims.ts per step (its reason names the step); the catalog holds the general text.
  'check.markers.claim-exceeds-data.title': 'schema_migrations claims a step the data does not show',
  'check.markers.claim-exceeds-data.reason':
    'schema_migrations records a version that counts this step as applied, so it will never run, but these rows are still as before it (a forced version?).',
  // References that are words rather than names (the others are commit ids, file paths, issue numbers).
  'checkRef.readme': 'README: health checks',
  'checkRef.addClientStat': "the panel's x-ui migrate (AddClientStat)",
  'checkRef.vlessFlow': 'Xray-core VLESS inbound (flow)',
};

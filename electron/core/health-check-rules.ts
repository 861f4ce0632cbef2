// The health checks' rules: stable ids (scripts and fixes name them), severity, title, a one-line
// reason and, where one exists, a reference. health-checks.ts runs them.
import type { CheckSeverity } from '../shared/reports';

export interface CheckRule {
  id: string;
  severity: CheckSeverity;
  title: string;
  reason: string;
  reference: string | null;
  fixable: boolean;
}

const rule = (
  id: string,
  severity: CheckSeverity,
  title: string,
  reason: string,
  reference: string | null,
  fixable = false,
): CheckRule => ({ id, severity, title, reason, reference, fixable });

/** Every rule, in report order. Ids are stable: scripts and fixes name them. */
export const CHECK_RULES: readonly CheckRule[] = [
  rule(
    'xray.vision-xhttp-without-encryption',
    'error',
    'Vision on XHTTP without VLESS Encryption',
    'Xray rejects these clients ("XTLS only supports TLS and REALITY directly for now"); the panel\'s XhttpFlowMigration sets them.',
    'XTLS/Xray-core issue 5576; 3x-ui pull request 5185; Xray-core pull request 6629 (closed unmerged)',
    true,
  ),
  rule(
    'xray.vision-transport',
    'error',
    'Vision on a transport or security that cannot carry it',
    'XTLS Vision needs TCP (raw) or XHTTP, with TLS or REALITY (or VLESS Encryption); on ws, grpc, kcp, httpupgrade or without security Xray refuses it.',
    'Xray-core VLESS inbound (flow)',
  ),
  rule(
    'reality.target-invalid',
    'error',
    'REALITY target without a port or not parseable',
    'Xray refuses to start the inbound: please fill in a valid value for "target" (host:port, a port, or a socket path).',
    'Xray-core infra/conf/transport_internet.go REALITYConfig.Build',
  ),
  rule(
    'reality.legacy-dest',
    'warning',
    'REALITY inbound with the legacy "dest" key only',
    'Xray accepts it, but the panel UI reads only "target" and shows and saves its default instead.',
    'X-Panel commit 510642f3 (2025-09-10)',
  ),
  rule(
    'json.invalid',
    'error',
    'JSON column that does not parse',
    'The panel and Xray cannot read this value (SQL files 000002/000003 leave such rows).',
    'README: health checks',
  ),
  rule(
    'json.too-deep',
    'error',
    'JSON column nested too deep to read',
    "Go's JSON decoder (the panel, Xray) refuses more than 10,000 levels, so the panel cannot load this value; PanelDB reports the row and checks the rest.",
    null,
  ),
  rule(
    'json.duplicate-keys',
    'warning',
    'Duplicate keys in a JSON column',
    'SQLite json_extract reads the first value, Go, JavaScript and Xray the last: tools disagree about the row.',
    'README: health checks',
  ),
  rule(
    'inbounds.duplicate-flow-keys',
    'warning',
    'Clients with two "flow" keys (SQL file 000003)',
    'The panel and Xray read the last flow, SQLite the first; the fix keeps the value the panel already reads.',
    'README: health checks',
    true,
  ),
  rule(
    'clients.not-object',
    'error',
    'Client entries that are not JSON objects',
    'The panel skips them and Xray refuses the inbound; settings.clients must be an array of objects.',
    'README: health checks',
  ),
  rule(
    'clients.duplicate-email',
    'error',
    'Client email used more than once',
    'Emails key traffic statistics and must be unique across all inbounds; Xray refuses duplicate emails.',
    'README: health checks',
  ),
  rule(
    'traffic.missing-row',
    'warning',
    'Clients without a client_traffics row',
    'The panel shows no traffic for them and cannot enforce their quota or expiry.',
    "the panel's x-ui migrate (AddClientStat)",
    true,
  ),
  rule(
    'traffic.orphan-row',
    'info',
    'client_traffics rows that belong to no client',
    'Left behind when a client was removed or renamed; harmless, but counted in totals.',
    'README: health checks',
  ),
  rule(
    'inbounds.tag-empty',
    'error',
    'Inbound without a tag',
    'Xray routes and counts traffic by tag; the panel writes inbound-<port>.',
    'README: health checks',
  ),
  rule(
    'inbounds.tag-duplicate',
    'error',
    'Inbound tag used more than once',
    'Xray refuses a configuration with two inbounds of the same tag.',
    'README: health checks',
  ),
  rule(
    'users.password-hashed-prefix',
    'error',
    'Password stored as "HASHED:…" (SQL file 000005)',
    'Login compares bcrypt hashes and fails: the admin is locked out.',
    'README: health checks',
    true,
  ),
  rule(
    'users.password-not-bcrypt',
    'warning',
    'Password that is not a bcrypt hash',
    "Stored in plain text (or empty): the panel's login compares bcrypt hashes. Migration 5 hashes it while it is pending; the fix hashes it the same way (bcrypt, cost 10) whatever the markers say.",
    'README: health checks',
    true,
  ),
  rule(
    'schema-migrations.multiple-rows',
    'error',
    'schema_migrations with more than one row',
    'golang-migrate reads one row and picks one of several arbitrarily (SQL files run by hand leave them).',
    'README: health checks',
  ),
  rule(
    'markers.disagree',
    'warning',
    'Panel markers that disagree with the data',
    'A seeder is recorded as done but rows it would have changed are still in the old form.',
    'README: health checks',
  ),
];

const RULES = new Map(CHECK_RULES.map((entry) => [entry.id, entry]));

export function checkRule(id: string): CheckRule | undefined {
  return RULES.get(id);
}

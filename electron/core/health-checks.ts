// Health checks for a panel database: not only well-formed, but a configuration Xray and the panel
// will accept (docs/panel-database.md Appendix A "Checks a repair tool can run", §2.5a). Each rule has a
// stable id, a severity, the rows it concerns, a one-line reason and, where one exists, a reference.
// Only rules that found something are reported; `fixable` says whether `paneldb fix` has a fix.
import type { Database } from 'sql.js';
import { isPlainObject } from '../panel/go-json';
import { findJsonProblems, markerDisagreements, passwordStates } from './panel-invariants';
import {
  clientName,
  clientsWithEmail,
  encryptionOn,
  hasDuplicateFlowKeys,
  isXhttpWithoutEncryption,
  networkOf,
  realityTargetProblem,
  scanInbounds,
  securityOf,
  tableExists,
  visionClientIndexes,
  type ScannedInbound,
} from './inbound-scan';
import { describeJson, isTooDeep } from './json-depth';
import { queryRows, forEachRow } from './sql';
import { CHECK_RULES, checkRule, type CheckRule } from './health-check-rules';
import { claimFindings, escalateLockout } from './marker-claims';
import type { CheckFinding, CheckSeverity, ChecksSection } from '../shared/reports';
import { message, type MessageKey } from '../shared/i18n';

export { CHECK_RULES, checkRule };

type Found = Map<string, string[]>;

const JSON_PROBLEM_RULE = {
  'invalid-json': 'json.invalid',
  'duplicate-keys': 'json.duplicate-keys',
  'too-deep': 'json.too-deep',
} as const;

function add(found: Found, id: string, row: string): void {
  const rows = found.get(id) ?? [];
  rows.push(row);
  found.set(id, rows);
}

function checkInbound(found: Found, inbound: ScannedInbound): void {
  const { stream, settings, label } = inbound;
  if (settings !== undefined && 'clients' in settings && inbound.clients === undefined)
    add(found, 'clients.not-object', message('checkRow.clientsNotArray', { label }).text);
  inbound.clients?.forEach((client, index) => {
    if (!isPlainObject(client))
      add(
        found,
        'clients.not-object',
        message('checkRow.clientNotObject', { label, index, value: describeJson(client) }).text,
      );
  });
  if (inbound.tag === null || inbound.tag.trim() === '') add(found, 'inbounds.tag-empty', label);
  if (stream === undefined) return;

  if (inbound.protocol === 'vless') {
    const clients = visionClientIndexes(inbound).map((index) =>
      clientName(inbound.clients?.[index] as Record<string, unknown>, index),
    );
    if (clients.length > 0) {
      const network = networkOf(stream);
      const security = securityOf(stream);
      const where = `${label}: ${network}+${security}`;
      if (isXhttpWithoutEncryption(inbound)) {
        add(found, 'xray.vision-xhttp-without-encryption', `${label}: ${clients.join(', ')}`);
      } else if (!['tcp', 'raw', 'xhttp'].includes(network)) {
        add(found, 'xray.vision-transport', `${where}: ${clients.join(', ')}`);
      } else if (security !== 'tls' && security !== 'reality' && !encryptionOn(inbound)) {
        add(found, 'xray.vision-transport', `${where}: ${clients.join(', ')}`);
      }
    }
  }
  if (hasDuplicateFlowKeys(inbound)) add(found, 'inbounds.duplicate-flow-keys', label);

  const reality = stream.realitySettings;
  if (securityOf(stream) !== 'reality' || !isPlainObject(reality)) return;
  const hasTarget = 'target' in reality;
  const target = hasTarget ? reality.target : reality.dest;
  if (!hasTarget && 'dest' in reality)
    add(found, 'reality.legacy-dest', `${label}: dest ${JSON.stringify(reality.dest)}`);
  const problem = !hasTarget && !('dest' in reality) ? 'missing' : realityTargetProblem(target);
  if (problem !== null)
    add(
      found,
      'reality.target-invalid',
      message(hasTarget ? 'checkRow.targetInvalid' : 'checkRow.destInvalid', {
        label,
        value: JSON.stringify(target ?? null),
        problem,
      }).text,
    );
}

function checkAcrossInbounds(db: Database, found: Found, inbounds: ScannedInbound[]): void {
  // Hundreds of thousands of clients: one map entry per email (the index of its first client), a
  // list only for the repeated ones, and per client the index of the first client with its email —
  // so the traffic rows below need one lookup each and the missing rows none.
  const clients = clientsWithEmail(inbounds);
  const firstIndex = new Map<string, number>();
  const firstOf = new Int32Array(clients.length);
  const repeated = new Map<string, string[]>();
  clients.forEach(({ inbound, email }, index) => {
    const first = firstIndex.get(email);
    if (first === undefined) {
      firstIndex.set(email, index);
      firstOf[index] = index;
      return;
    }
    firstOf[index] = first;
    const where = repeated.get(email);
    if (where === undefined) repeated.set(email, [`#${clients[first]?.inbound.id}`, `#${inbound.id}`]);
    else where.push(`#${inbound.id}`);
  });
  // In the order of each email's first client, as one map of all emails would list them.
  const duplicates = [...repeated].sort(([a], [b]) => (firstIndex.get(a) ?? 0) - (firstIndex.get(b) ?? 0));
  for (const [email, where] of duplicates)
    add(found, 'clients.duplicate-email', `email ${JSON.stringify(email)}: inbounds ${where.join(', ')}`);

  const byTag = new Map<string, number[]>();
  for (const inbound of inbounds)
    if (inbound.tag !== null && inbound.tag.trim() !== '')
      byTag.set(inbound.tag, [...(byTag.get(inbound.tag) ?? []), inbound.id]);
  for (const [tag, ids] of byTag)
    if (ids.length > 1)
      add(found, 'inbounds.tag-duplicate', `tag ${JSON.stringify(tag)}: inbounds #${ids.join(', #')}`);

  if (!tableExists(db, 'client_traffics')) return;
  // An inbound whose clients cannot be read says nothing about which of its traffic rows are orphans.
  const unreadable = new Set(
    inbounds.filter((inbound) => inbound.clients === undefined).map((inbound) => inbound.id),
  );
  const tracked = new Uint8Array(clients.length);
  forEachRow(
    db,
    'SELECT id, inbound_id, email FROM client_traffics ORDER BY id',
    ([id, inboundId, email]) => {
      // A NULL email tracks a client called "null": the text of the value is what is compared.
      const first = firstIndex.get(String(email ?? null));
      if (first !== undefined) tracked[first] = 1;
      if (email === null || email === undefined || first !== undefined || unreadable.has(Number(inboundId)))
        return;
      add(
        found,
        'traffic.orphan-row',
        `client_traffics #${String(id ?? null)} (${String(email)}, inbound ${String(inboundId ?? null)})`,
      );
    },
  );
  clients.forEach(({ inbound, client }, index) => {
    if (tracked[firstOf[index] ?? index] === 0)
      add(found, 'traffic.missing-row', `${inbound.label}: ${clientName(client, 0)}`);
  });
}

function checkUsersAndMarkers(db: Database, found: Found, inbounds: ScannedInbound[]): CheckFinding[] {
  for (const { user, state } of passwordStates(db)) {
    if (state === 'hashed-prefix') add(found, 'users.password-hashed-prefix', user);
    else if (state !== 'bcrypt') add(found, 'users.password-not-bcrypt', `${user}: ${state}`);
  }
  if (tableExists(db, 'schema_migrations')) {
    const rows = queryRows(db, 'SELECT version, dirty FROM schema_migrations');
    if (rows.length > 1)
      add(
        found,
        'schema-migrations.multiple-rows',
        rows.map((row) => `version ${String(row.version)} dirty ${String(row.dirty)}`).join('; '),
      );
  }
  const markers = tableExists(db, 'history_of_seeders')
    ? queryRows(db, 'SELECT seeder_name FROM history_of_seeders').map((row) => String(row.seeder_name))
    : [];
  const base = checkRule('markers.disagree') as CheckRule;
  // One finding per disagreeing marker, each with the severity the evidence gives it.
  return markerDisagreements(db, markers, inbounds).map((evidence) => ({
    ...base,
    id: `markers.disagree.${evidence.id.replace(/^marker-disagrees:/, '')}`,
    severity: evidence.severity,
    reason: evidence.message,
    ...ruleMessages(base.id),
    ...(evidence.msg === undefined ? {} : { reason_msg: evidence.msg }),
    rows: evidence.rows,
  }));
}

/** A rule's title and reason as catalog keys (electron/shared/i18n/checks-en.ts), by its stable id. */
function ruleMessages(id: string): Pick<CheckFinding, 'title_msg' | 'reason_msg' | 'reference_msg'> {
  const reference = REFERENCE_KEYS[checkRule(id)?.reference ?? ''];
  return {
    title_msg: { key: `check.${id}.title` },
    reason_msg: { key: `check.${id}.reason` },
    ...(reference === undefined ? {} : { reference_msg: { key: reference } }),
  };
}

/** References worded in English (not a commit, path or issue number) by their catalog key. */
const REFERENCE_KEYS: Record<string, MessageKey> = {
  'README: health checks': 'checkRef.readme',
  "the panel's x-ui migrate (AddClientStat)": 'checkRef.addClientStat',
  'Xray-core VLESS inbound (flow)': 'checkRef.vlessFlow',
};

/** Runs every rule. Safe on any SQLite file: rules whose tables are missing find nothing. */
export function runChecks(db: Database): ChecksSection {
  const found: Found = new Map();
  const inbounds = scanInbounds(db);
  for (const inbound of inbounds) {
    try {
      checkInbound(found, inbound);
    } catch (thrown) {
      // One inbound nested too deep to walk is a finding on its row; the other rows are checked.
      if (!isTooDeep(thrown)) throw thrown;
      add(found, 'json.too-deep', message('checkRow.tooDeep', { label: inbound.label }).text);
    }
  }
  checkAcrossInbounds(db, found, inbounds);
  for (const { where, problem } of findJsonProblems(db, inbounds))
    add(found, JSON_PROBLEM_RULE[problem], where);
  const markerFindings = checkUsersAndMarkers(db, found, inbounds);

  let checks: CheckFinding[] = [];
  for (const entry of CHECK_RULES) {
    const rows = found.get(entry.id);
    if (rows !== undefined && rows.length > 0) checks.push({ ...entry, rows, ...ruleMessages(entry.id) });
  }
  checks.push(...markerFindings, ...claimFindings(db));
  checks = escalateLockout(db, checks);
  const count = (severity: CheckSeverity) => checks.filter((check) => check.severity === severity).length;
  return {
    checks,
    summary: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      rules: CHECK_RULES.length,
    },
  };
}

// Health checks for a panel database: not only well-formed, but a configuration Xray and the panel
// will accept (docs/panel-database.md Appendix A "Checks a repair tool can run", §2.5a). Each rule has a
// stable id, a severity, the rows it concerns, a one-line reason and, where one exists, a reference.
// Only rules that found something are reported; `fixable` says whether `paneldb fix` has a fix.
import type { Database, SqlValue } from 'sql.js';
import {
  inboundJsonProblems,
  jsonProblemsOutsideInbounds,
  markerDisagreements,
  passwordStates,
  type JsonProblemFinding,
} from './panel-invariants';
import type { InboundFacts, KeptInbound } from './inbound-facts';
import { inboundFactsHere, inboundFactsOf, type StartedHelper } from './inbound-check-pool';
import { queryRows, forEachRow, tableExists } from './sql';
import { eachRawRow } from './sqljs-direct';
import { indexEmails } from './email-index';
import { CHECK_RULES, checkRule, type CheckRule } from './health-check-rules';
import { claimFindings, escalateLockout } from './marker-claims';
import type { CheckFinding, CheckSeverity, ChecksSection } from '../shared/reports';
import type { MessageKey } from '../shared/i18n';

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

/** Every client with a non-empty string email, in order: its email and its inbound (an index into the kept). */
interface ClientEmails {
  emails: string[];
  owners: number[];
}

function checkAcrossInbounds(
  db: Database,
  found: Found,
  inbounds: KeptInbound[],
  { emails, owners }: ClientEmails,
  unreadable: Set<number>,
): void {
  // Hundreds of thousands of clients: per client the index of the first client with its email
  // (email-index.ts); only when some email repeats, the inbounds of each repeated one.
  const count = emails.length;
  const inboundOf = (index: number) => inbounds[owners[index] ?? 0] as KeptInbound;
  const byEmail = indexEmails(emails);
  const { firstOf } = byEmail;
  if (byEmail.repeats) {
    const clientsWith = new Int32Array(count);
    for (let client = 0; client < count; client += 1) {
      const first = firstOf[client] ?? client;
      clientsWith[first] = (clientsWith[first] ?? 0) + 1;
    }
    // In the order of each email's first client.
    const where = new Map<number, string[]>();
    for (let client = 0; client < count; client += 1) {
      const first = firstOf[client] ?? client;
      if ((clientsWith[first] ?? 0) < 2) continue;
      const list = where.get(first) ?? [];
      if (list.length === 0) where.set(first, list);
      list.push(`#${inboundOf(client).id}`);
    }
    for (const [first, list] of where)
      add(
        found,
        'clients.duplicate-email',
        `email ${JSON.stringify(emails[first] ?? '')}: inbounds ${list.join(', ')}`,
      );
  }

  const byTag = new Map<string, number[]>();
  for (const inbound of inbounds)
    if (inbound.tag !== null && inbound.tag.trim() !== '')
      byTag.set(inbound.tag, [...(byTag.get(inbound.tag) ?? []), inbound.id]);
  for (const [tag, ids] of byTag)
    if (ids.length > 1)
      add(found, 'inbounds.tag-duplicate', `tag ${JSON.stringify(tag)}: inbounds #${ids.join(', #')}`);

  if (!tableExists(db, 'client_traffics')) return;
  const tracked = new Uint8Array(count);
  // The panel adds a client's traffic row when it adds the client, so the rows mostly come in the
  // clients' order: each is first compared with the client after the last one found, and only looked
  // up in the index where that is not its email.
  let next = 0;
  const firstClientWith = (email: string): number | undefined => {
    if (next < count && emails[next] === email) {
      next += 1;
      return firstOf[next - 1];
    }
    const first = byEmail.first(email);
    if (first !== undefined) next = first + 1;
    return first;
  };
  const visitRow = (id: SqlValue, inboundId: SqlValue, email: SqlValue, first: number | undefined) => {
    if (first !== undefined) tracked[first] = 1;
    if (email === null || first !== undefined || unreadable.has(Number(inboundId))) return;
    add(
      found,
      'traffic.orphan-row',
      `client_traffics #${String(id ?? null)} (${String(email)}, inbound ${String(inboundId ?? null)})`,
    );
  };
  // A NULL email tracks a client called "null": the text of the value is what is compared.
  const sql = 'SELECT id, inbound_id, email FROM client_traffics ORDER BY id';
  const direct = eachRawRow(db, sql, (row) => {
    // The row that tracks the next client (the common case) is told by its bytes, no string made.
    if (next < count && row.textIs(2, emails[next] ?? '')) {
      next += 1;
      tracked[firstOf[next - 1] ?? 0] = 1;
      return;
    }
    const email = row.value(2);
    visitRow(row.value(0), row.value(1), email, firstClientWith(String(email ?? null)));
  });
  if (!direct)
    forEachRow(db, sql, ([id, inboundId, email]) =>
      visitRow(id ?? null, inboundId ?? null, email ?? null, firstClientWith(String(email ?? null))),
    );
  for (let index = 0; index < count; index += 1) {
    // clientName of a client with an email.
    if (tracked[firstOf[index] ?? index] === 0)
      add(found, 'traffic.missing-row', `${inboundOf(index).label}: client ${emails[index] ?? ''}`);
  }
}

function checkUsersAndMarkers(db: Database, found: Found, inbounds: KeptInbound[]): CheckFinding[] {
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

/** Runs every rule on this thread. Safe on any SQLite file: rules whose tables are missing find nothing. */
export function runChecks(db: Database): ChecksSection {
  const inbounds = inboundFactsHere(db);
  return checksOf(db, inbounds, jsonProblemsOutsideInbounds(db));
}

/**
 * Runs every rule, the inbounds' own rules with the help of a started worker thread when one is
 * given (inbound-check-pool.ts): the same findings as runChecks, in the same order.
 */
export async function runChecksWithWorker(
  db: Database,
  helper: StartedHelper | undefined,
): Promise<ChecksSection> {
  let outside: JsonProblemFinding[] = [];
  const inbounds = await inboundFactsOf(db, helper, () => {
    outside = jsonProblemsOutsideInbounds(db);
  });
  return checksOf(db, inbounds, outside);
}

function checksOf(db: Database, facts: InboundFacts[], outside: JsonProblemFinding[]): ChecksSection {
  const found: Found = new Map();
  // Only what the rules across inbounds need is kept of each inbound (inbound-facts.ts).
  const inbounds: KeptInbound[] = [];
  const clients: ClientEmails = { emails: [], owners: [] };
  // An inbound whose clients cannot be read says nothing about which of its traffic rows are orphans.
  const unreadable = new Set<number>();
  for (const inbound of facts) {
    for (const [rule, row] of inbound.found) add(found, rule, row);
    const owner = inbounds.push(inbound.kept) - 1;
    if (inbound.unreadable) unreadable.add(inbound.kept.id);
    for (const email of inbound.emails) {
      clients.emails.push(email);
      clients.owners.push(owner);
    }
  }
  checkAcrossInbounds(db, found, inbounds, clients, unreadable);
  for (const { where, problem } of [...inboundJsonProblems(inbounds), ...outside])
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

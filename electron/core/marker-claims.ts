// After a force (or SQL files run by hand) schema_migrations may claim steps whose changes are not
// in the data. The seeder markers already have their check (markers.disagree.*); this one holds the
// golang-migrate row to the same test: each step the row counts as applied, and that no seeder marker
// already answers for, is checked against the rows it would have changed. And a password that is
// not a bcrypt hash is an error, not a warning, once step 5 counts as applied: it will never run, so
// nobody can log in.
import type { Database } from 'sql.js';
import { PANEL_MIGRATIONS } from '../panel/catalog';
import { markerDisagreements } from './panel-invariants';
import { queryRows, tableExists } from './sql';
import type { CheckFinding } from '../shared/reports';
import { message, ref } from '../shared/i18n';

export const CLAIM_RULE_ID = 'markers.claim-exceeds-data';

function recordedVersion(db: Database): number | null {
  if (!tableExists(db, 'schema_migrations')) return null;
  const row = queryRows(db, 'SELECT version, dirty FROM schema_migrations')[0];
  return typeof row?.version === 'number' ? row.version : null;
}

function seederNames(db: Database): string[] {
  return tableExists(db, 'history_of_seeders')
    ? queryRows(db, 'SELECT seeder_name FROM history_of_seeders').map((row) => String(row.seeder_name))
    : [];
}

/** One finding per step schema_migrations claims but the data contradicts (error: the step will never run). */
export function claimFindings(db: Database): CheckFinding[] {
  const recorded = recordedVersion(db);
  if (recorded === null) return [];
  const seeders = new Set(seederNames(db));
  const claimed = PANEL_MIGRATIONS.filter(
    (step) => step.version <= recorded && step.seederMarker !== null && !seeders.has(step.seederMarker),
  ).map((step) => step.seederMarker as string);
  return markerDisagreements(db, claimed).map((evidence) => {
    const marker = evidence.id.replace(/^marker-disagrees:/, '');
    const step = PANEL_MIGRATIONS.find((candidate) => candidate.seederMarker === marker);
    const title = message('check.markers.claim-exceeds-data.title');
    const reason = message('claim.reason', {
      recorded,
      version: step?.version ?? '?',
      name: step?.name ?? marker,
    });
    return {
      id: `${CLAIM_RULE_ID}.${step?.name ?? marker}`,
      severity: 'error',
      title: title.text,
      reason: reason.text,
      title_msg: ref(title),
      reason_msg: ref(reason),
      reference: 'docs/panel-database.md §3.3',
      rows: evidence.rows,
      fixable: false,
    };
  });
}

/** Whether step 5 counts as applied (its seeder marker, or a clean schema_migrations row at 5 or above). */
export function passwordStepCounted(db: Database): boolean {
  const recorded = recordedVersion(db);
  return seederNames(db).includes('UserPasswordHash') || (recorded !== null && recorded >= 5);
}

/** Raises the not-bcrypt finding to an error when step 5 will not run again: that is a lockout. */
export function escalateLockout(db: Database, checks: CheckFinding[]): CheckFinding[] {
  if (!passwordStepCounted(db)) return checks;
  const reason = message('claim.lockoutReason');
  return checks.map((check) =>
    check.id === 'users.password-not-bcrypt'
      ? { ...check, severity: 'error', reason: reason.text, reason_msg: ref(reason) }
      : check,
  );
}

// Fixes for the checks that have a safe one. A fix is a step like a migration — one transaction,
// before-images through updateText, inserts through insertRow, a preview, a verified backup and an
// atomic save (runAndSave) — but it is logged in paneldb_history as version 0 with direction `fix`
// and the check id as its name, and it never touches the panel markers or schema_migrations.
// Undoing one is `revertFix(id)`: the latest `fix` entry of that id not yet reverted is undone from
// its before-images (direction `fix-revert`), refused if a row changed since.
import { isPlainObject, parseJson } from '../panel/go-json';
import { writeGoJson } from './json-column';
import type { PanelMigration, StepContext } from './step-types';
import { EngineError } from './engine-error';
import { readHistory } from './history-log';
import type { HistoryEntry, RunReport } from '../shared/reports';
import {
  clientName,
  clientsWithEmail,
  hasDuplicateFlowKeys,
  isXhttpWithoutEncryption,
  scanInbounds,
  visionClientIndexes,
} from './inbound-scan';
import { runAndSave } from './migrate';
import { applyStep } from './migrator';
import { revertStep } from './migrator-down';
import { assertIntact, assertMigratable, type OpenedPanel } from './open-panel';
import type { OperationContext } from './operation-context';
import { columnNames, queryRows, tableExists } from './sql';
import { checkRule, runChecks } from './health-checks';
import { PASSWORD_FIXES, SET_PASSWORD_ID, setPasswordStep } from './password-fix';
import { planFingerprint } from './plan-fingerprint';
import { message } from '../shared/i18n';

export interface FixStep extends PanelMigration {
  /** The check id this fix answers. */
  checkId: string;
}

function fixStep(checkId: string, touches: string[], up: (context: StepContext) => void): FixStep {
  return { checkId, version: 0, name: checkId, seederMarker: null, irreversible: false, touches, up };
}

/** (a) Vision off again on XHTTP clients without VLESS Encryption (where the panel's seeder ran). */
const visionOff = fixStep('xray.vision-xhttp-without-encryption', ['inbounds'], (context) => {
  let clients = 0;
  for (const inbound of scanInbounds(context.db)) {
    if (!isXhttpWithoutEncryption(inbound) || inbound.settings === undefined) continue;
    const indexes = visionClientIndexes(inbound);
    if (indexes.length === 0) continue;
    const names: string[] = [];
    for (const index of indexes) {
      const client = inbound.clients?.[index] as Record<string, unknown>;
      // "" is what the panel UI and its bot write for "no flow".
      client.flow = '';
      names.push(clientName(client, index));
    }
    if (writeGoJson(context, 'inbounds', inbound.rowid, 'settings', inbound.settings)) {
      clients += indexes.length;
      context.note(message('note.fixVisionRemoved', { label: inbound.label, names: names.join(', ') }));
    }
  }
  context.note(message('note.fixFlowCleared', { count: clients }));
});

/** (b) A client_traffics row for each client that has none, as the panel's AddClientStat writes it. */
const trafficRows = fixStep('traffic.missing-row', ['client_traffics'], (context) => {
  const { db } = context;
  if (!tableExists(db, 'client_traffics')) return;
  const columns = new Set(columnNames(db, 'client_traffics'));
  const tracked = new Set(queryRows(db, 'SELECT email FROM client_traffics').map((row) => String(row.email)));
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  for (const { inbound, client, email } of clientsWithEmail(scanInbounds(db))) {
    if (tracked.has(email)) continue; // also the second inbound of a duplicate email: emails are unique
    tracked.add(email);
    const row: Record<string, string | number | null> = {
      inbound_id: inbound.id,
      enable: 1,
      email,
      up: 0,
      down: 0,
      all_time: 0,
      expiry_time: number(client.expiryTime),
      total: number(client.totalGB),
      reset: number(client.reset),
      last_online: 0,
    };
    // Older files lack some columns (all_time, reset, last_online): write the ones the table has.
    for (const column of Object.keys(row)) if (!columns.has(column)) delete row[column];
    context.insertRow('client_traffics', row);
    context.note(message('note.fixTrafficRowAdded', { label: inbound.label, email }));
  }
});

/** (c) One `flow` per client where SQL file 000003 left two, keeping the last (what Go and Xray read). */
const duplicateFlows = fixStep('inbounds.duplicate-flow-keys', ['inbounds'], (context) => {
  for (const inbound of scanInbounds(context.db)) {
    if (!hasDuplicateFlowKeys(inbound) || inbound.settings === undefined) continue;
    const parsed = parseJson(inbound.settingsText);
    if (!isPlainObject(parsed)) continue;
    if (writeGoJson(context, 'inbounds', inbound.rowid, 'settings', parsed))
      context.note(message('note.fixDuplicatesRemoved', { label: inbound.label }));
  }
});

export const FIXES: readonly FixStep[] = [visionOff, trafficRows, duplicateFlows, ...PASSWORD_FIXES];

export function fixFor(checkId: string): FixStep {
  const fix = FIXES.find((candidate) => candidate.checkId === checkId);
  if (fix !== undefined) return fix;
  const known = checkRule(checkId) !== undefined || checkId.startsWith('markers.disagree');
  throw new EngineError(
    'INVALID_ARGUMENT',
    message(known ? 'err.fix.noFix' : 'err.fix.unknownCheck', {
      checkId,
      fixable: FIXES.map((f) => f.checkId).join(', '),
    }),
  );
}

/** The latest `fix` of this check with no later `fix-revert` of it. */
export function lastFixOf(history: HistoryEntry[], checkId: string): HistoryEntry | undefined {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const entry = history[index];
    if (entry === undefined || entry.version !== 0 || entry.name !== checkId) continue;
    if (entry.direction === 'fix-revert') return undefined;
    if (entry.direction === 'fix') return entry;
  }
  return undefined;
}

/** A fix request as the engine takes it: the check id alone, or with the fingerprint confirmed. */
export type FixArgument = string | { checkId: string; expect?: string };
export const fixRequestOf = (argument: FixArgument) =>
  typeof argument === 'string' ? { checkId: argument, expect: undefined } : argument;

export const fixFingerprint = (opened: OpenedPanel, operation: 'fix' | 'revert-fix', name: string) =>
  planFingerprint({ file: opened.image.stateKey, operation, steps: [{ version: 0, name }] });

export async function fixOpened(
  opened: OpenedPanel,
  argument: FixArgument,
  dryRun: boolean,
  context: OperationContext,
): Promise<RunReport> {
  const { checkId, expect } = fixRequestOf(argument);
  const fix = fixFor(checkId);
  assertMigratable(opened.detection, opened.image.path);
  assertIntact(opened.db, opened.image.path, opened.integrityForWrite(fix.touches));
  // The check decides whether there is anything to do: no finding, no backup and no write.
  const pending = runChecks(opened.db).checks.some((check) => check.id === checkId);
  return runAndSave(opened, context, {
    operation: 'fix',
    fingerprint: fixFingerprint(opened, 'fix', checkId),
    expect,
    dryRun,
    backupReason: 'before-fix',
    nothingToDo: !pending,
    run: async (deps) => [await applyStep(opened.db, fix, deps, new Map(), 'fix')],
  });
}

export async function revertFixOpened(
  opened: OpenedPanel,
  argument: FixArgument,
  context: OperationContext,
): Promise<RunReport> {
  const { checkId, expect } = fixRequestOf(argument);
  // A password set by hand is reverted like a fix; its step's descriptor is all revertStep needs.
  const fix = checkId === SET_PASSWORD_ID ? setPasswordStep('', '') : fixFor(checkId);
  assertIntact(opened.db, opened.image.path, opened.integrityForWrite(fix.touches));
  const entry = lastFixOf(readHistory(opened.db), checkId);
  if (entry === undefined) {
    throw new EngineError('ROLLBACK_REFUSED', message('err.fix.notApplied', { checkId }));
  }
  return runAndSave(opened, context, {
    operation: 'revert-fix',
    fingerprint: fixFingerprint(opened, 'revert-fix', `${checkId}#${entry.id}`),
    expect,
    dryRun: false,
    backupReason: 'before-fix',
    nothingToDo: false,
    run: async (deps) => [await revertStep(opened.db, fix, entry, deps, new Map(), 'fix')],
  });
}

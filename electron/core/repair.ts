// `repair`: for a dirty or half-applied file, show the evidence (the fingerprints the panel's SQL
// files leave, panel doc §3.6), say which state the data is really in and what to do; with
// --force-version, take a backup and mark the file clean at the chosen version.
import type { Database } from 'sql.js';
import { createBackup, listBackups, verifyBackupFile } from './backups';
import type { BackupEntry, Recommendation, RepairReport, Evidence } from '../shared/reports';
import { findJsonProblems, markerDisagreements, passwordStates } from './panel-invariants';
import { openImage, readDatabaseImage } from './database';
import { sha256Hex } from './fingerprint';
import { replaceDatabaseFile } from './save';
import { bytesToSave } from './sqljs-memory';
import { detectDatabase, type Detection } from './detect';
import { sqlFirstReason } from './backup-inspect';
import { EngineError } from './engine-error';
import { appendHistory } from './history-log';
import { setSchemaVersion } from './markers';
import { versionSnapshot } from './migrate';
import { assertIntact, type OpenedPanel } from './open-panel';
import type { OperationContext } from './operation-context';
import { queryRows } from './sql';
import { scanInbounds } from './inbound-scan';
import { TOOL_VERSION } from './tool-version';
import { assertForceAllowed, forceOptions } from './force-guard';
import { claimFindings } from './marker-claims';
import { refineRecommendation } from './next-action';
import { assertExpectedPlan } from './plan-fingerprint';
import { runChecks } from './health-checks';
import { message, ref, type MessageKey } from '../shared/i18n';

/** An evidence text: English as always, and the catalog key beside it. */
const said = (text: ReturnType<typeof message>) => ({ message: text.text, msg: ref(text) });
/** A recommendation's reason: English as always, and the catalog key beside it. */
const reasoned = (text: ReturnType<typeof message>) => ({ reason: text.text, msg: ref(text) });

/** What `repair` is asked: read only, or a force (guarded, see force-guard.ts). */
export interface RepairRequest {
  forceVersion?: number;
  /** The explicit "steps will be marked applied without running" confirmation a clean file needs. */
  acknowledgeSkipped?: boolean;
  /** The force option's fingerprint the admin confirmed. */
  expect?: string;
}

/** Fingerprints of the panel's SQL files 000002/000003/000005 (000004 leaves none that can be told apart). */
function sqlFileFingerprints(
  db: Database,
  jsonProblems: ReturnType<typeof findJsonProblems>,
): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const add = (version: number, row: string) => found.set(version, [...(found.get(version) ?? []), row]);
  for (const problem of jsonProblems) {
    if (problem.problem === 'invalid-json' && problem.where.includes('stream_settings'))
      add(2, problem.where);
    if (problem.problem === 'duplicate-keys' && problem.where.endsWith(' settings')) add(3, problem.where);
  }
  const compactVision = queryRows(
    db,
    `SELECT id FROM inbounds WHERE settings LIKE '%"flow":"xtls-rprx-vision","email":"%' AND protocol = 'vless'`,
  );
  for (const row of compactVision) {
    const where = `inbounds #${row.id} settings`;
    if (!(found.get(3) ?? []).includes(where) && jsonProblems.some((p) => p.where === where)) add(3, where);
  }
  for (const entry of passwordStates(db)) if (entry.state === 'hashed-prefix') add(5, entry.user);
  return found;
}

export function gatherEvidence(
  db: Database,
  detection: Detection,
): { evidence: Evidence[]; fingerprints: Map<number, string[]> } {
  const evidence: Evidence[] = [];
  /** One evidence row, only when there is something to show (`always` for a fact with no rows). */
  const found = (
    id: string,
    severity: Evidence['severity'],
    text: ReturnType<typeof message>,
    rows: string[],
    always = false,
  ) => {
    if (always || rows.length > 0) evidence.push({ id, severity, ...said(text), rows });
  };
  if (detection.dirty)
    found(
      'dirty',
      'error',
      message('evidence.dirty', { version: detection.dirtyVersion ?? 'nil' }),
      [],
      true,
    );
  const hasInbounds = detection.tables.includes('inbounds');
  // One scan of the inbounds serves the JSON evidence and the marker evidence below.
  const scanned = hasInbounds ? scanInbounds(db) : undefined;
  const jsonProblems = hasInbounds ? findJsonProblems(db, scanned) : [];
  const where = (problem: string) => jsonProblems.filter((p) => p.problem === problem).map((p) => p.where);
  found('invalid-json', 'error', message('evidence.invalidJson'), where('invalid-json'));
  found('duplicate-keys', 'error', message('evidence.duplicateKeys'), where('duplicate-keys'));
  const passwords = passwordStates(db);
  const users = (state: string) => passwords.filter((p) => p.state === state).map((p) => p.user);
  found('hashed-prefix-password', 'error', message('evidence.hashedPrefix'), users('hashed-prefix'));
  // Say what is true: step 5 hashes them only while it is pending (a marker may count it as applied).
  const step5Applied = detection.versions.some((state) => state.version === 5 && state.applied);
  found(
    'plaintext-password',
    'warning',
    message(step5Applied ? 'evidence.plaintextStep5Applied' : 'evidence.plaintext'),
    users('plaintext'),
  );
  if ((detection.schemaMigrations?.length ?? 0) > 1)
    found(
      'schema-migrations-rows',
      'warning',
      message('evidence.schemaMigrationsRows'),
      (detection.schemaMigrations ?? []).map((r) => `version ${r.version} dirty ${r.dirty}`),
    );
  evidence.push(...markerDisagreements(db, detection.seederMarkers, scanned));
  return { evidence, fingerprints: hasInbounds ? sqlFileFingerprints(db, jsonProblems) : new Map() };
}

const DAMAGE = new Set(['invalid-json', 'duplicate-keys', 'hashed-prefix-password']);

/**
 * The newest backup worth restoring: not a copy of the file as it is now (the panel backs up on
 * every start, so its newest copy often holds the same damage), sound, with the panel tables, and
 * preferably free of the SQL files' damage.
 */
async function soundBackupToRestore(
  image: OpenedPanel['image'],
  backups: BackupEntry[],
  context: OperationContext,
): Promise<BackupEntry | undefined> {
  let soundButDamaged: BackupEntry | undefined;
  for (const entry of backups) {
    const bytes = await context.fs.readFile(entry.path).catch(() => null);
    if (bytes === null || sha256Hex(bytes) === image.original.sha256) continue;
    const verified = await verifyBackupFile(entry.path, context.fs).catch(() => null);
    // The panel's own backups carry no metadata: unverified, still worth recommending (restoring
    // one asks for the explicit confirmation); only an invalid one is passed over.
    if (verified === null || verified.status === 'invalid') continue;
    const candidate = await readDatabaseImage(entry.path, { fs: context.fs, ignoreWal: true }).catch(
      () => null,
    );
    const db = candidate === null ? null : await openImage(candidate).catch(() => null);
    if (db === null) continue;
    try {
      const { evidence } = gatherEvidence(db, detectDatabase(db, context.migrations));
      if (!evidence.some((item) => DAMAGE.has(item.id))) return entry;
      soundButDamaged ??= entry;
    } finally {
      db.close();
    }
  }
  // Better a backup that still has its rows, damaged by the SQL files, than none at all.
  return soundButDamaged;
}

function recommend(
  detection: Detection,
  fingerprints: Map<number, string[]>,
  restorable: BackupEntry | undefined,
  evidence: Evidence[],
  sqlFirst: ReturnType<typeof message> | null = null,
): { data: number | null; recommendation: Recommendation } {
  const panelBackup = restorable;
  const recreated = detection.traits.includes('possibly-recreated-after-drop');
  if (
    detection.generation === 'tables-dropped' ||
    detection.generation === 'sql-first-schema' ||
    (recreated && restorable !== undefined)
  ) {
    return {
      data: null,
      recommendation: {
        action: 'restore-backup',
        version: null,
        backup: panelBackup?.path ?? null,
        ...(recreated
          ? reasoned(message('recommend.restoreRecreated'))
          : detection.generation === 'sql-first-schema' && sqlFirst !== null
            ? reasoned(sqlFirst)
            : reasoned(message('recommend.restoreGone'))),
      },
    };
  }
  if (detection.dirty && detection.dirtyVersion !== null && detection.dirtyVersion >= 1) {
    const v = detection.dirtyVersion;
    const data = fingerprints.has(v + 1) ? v + 1 : fingerprints.has(v) ? v : v - 1;
    const why: MessageKey =
      data === v + 1
        ? 'recommend.forceDownFailed'
        : data === v
          ? 'recommend.forceCommitted'
          : 'recommend.forceRolledBack';
    // SQL file 000004 leaves nothing that tells its result from rows made correctly (doc §3.6).
    const caveat = data !== v + 1 && v + 1 === 4;
    const because = message(
      caveat
        ? why === 'recommend.forceCommitted'
          ? 'recommend.forceCommittedStep4'
          : 'recommend.forceRolledBackStep4'
        : why,
      { data, step: v },
    );
    return {
      data,
      recommendation: {
        action: 'force-version',
        version: data,
        backup: null,
        ...reasoned(because),
      },
    };
  }
  const damaged = evidence.some((e) => e.id === 'invalid-json' || e.id === 'duplicate-keys');
  if (damaged) {
    return {
      data: null,
      recommendation: {
        action: 'restore-backup',
        version: null,
        backup: panelBackup?.path ?? null,
        ...reasoned(message('recommend.restoreDamaged')),
      },
    };
  }
  if (detection.versions.some((state) => !state.applied)) {
    return {
      data: null,
      recommendation: {
        action: 'migrate',
        version: null,
        backup: null,
        ...reasoned(message('recommend.migrate')),
      },
    };
  }
  return {
    data: null,
    recommendation: { action: 'none', version: null, backup: null, ...reasoned(message('recommend.none')) },
  };
}

export async function repairOpened(
  opened: OpenedPanel,
  request: RepairRequest,
  context: OperationContext,
): Promise<RepairReport> {
  const { forceVersion } = request;
  const { image, db, detection } = opened;
  const { evidence, fingerprints } = gatherEvidence(db, detection);
  for (const claim of claimFindings(db))
    evidence.push({
      id: claim.id,
      severity: claim.severity,
      message: claim.reason,
      ...(claim.reason_msg === undefined ? {} : { msg: claim.reason_msg }),
      rows: claim.rows,
    });
  const backups = await listBackups(image.path, context.backupDir, context.fs);
  const restorable = await soundBackupToRestore(image, backups, context);
  const sqlFirst = detection.generation === 'sql-first-schema' ? sqlFirstReason(db) : null;
  const { data, recommendation: base } = recommend(detection, fingerprints, restorable, evidence, sqlFirst);
  const recommendation = refineRecommendation(base, runChecks(db));
  const options = forceOptions(opened, evidence);
  const report: RepairReport = {
    database: image.path,
    current_version: detection.currentVersion,
    dirty: detection.dirty,
    dirty_version: detection.dirtyVersion,
    evidence,
    data_version: data,
    recommendation,
    forced: null,
    force_options: options,
  };
  if (forceVersion === undefined) return report;
  if (!Number.isInteger(forceVersion) || forceVersion < 0 || forceVersion > detection.latestVersion) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      message('err.repair.forceRange', { latest: detection.latestVersion, got: forceVersion }),
    );
  }
  const option = options[forceVersion];
  if (option !== undefined) {
    assertExpectedPlan(request.expect, option.fingerprint);
    assertForceAllowed(option, request.acknowledgeSkipped === true, detection.newerVersion);
  }
  // A forced version writes only the markers and PanelDB's log.
  assertIntact(db, image.path, opened.integrityForWrite([]));
  const backup = await createBackup(image, {
    fs: context.fs,
    backupDir: context.backupDir,
    reason: 'before-repair',
    now: context.now,
    fileHashes: context.fileHashes,
    versionState: versionSnapshot(detection),
  });
  const at = context.now().toISOString();
  db.exec('BEGIN');
  setSchemaVersion(db, forceVersion);
  appendHistory(db, {
    version: forceVersion,
    name: 'force_version',
    direction: 'force',
    started_at: at,
    finished_at: at,
    duration_ms: 0,
    checksum: '',
    rows_changed: 0,
    changes: [],
    skipped: [],
    notes: [
      message('note.forced', {
        version: forceVersion,
        was: detection.dirty
          ? message('note.forcedWasDirty', { version: String(detection.dirtyVersion) }).text
          : message('note.forcedWasVersion', { version: detection.currentVersion }).text,
      }).text,
    ],
    hash_before: {},
    hash_after: {},
    tool_version: TOOL_VERSION,
    outcome: 'forced',
  });
  db.exec('COMMIT');
  await replaceDatabaseFile(image, bytesToSave(db), {
    fs: context.fs,
    asideDir: context.backupDir,
    now: context.now,
    fileHashes: context.fileHashes,
    lock: context.lock,
    notes: context.notes,
    backupPath: backup.path,
  });
  report.forced = { version: forceVersion, backup };
  return report;
}

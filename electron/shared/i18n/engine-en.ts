// English texts the engine produces for a person: detection warnings, repair evidence and
// recommendations, migration step notes and skip reasons, refusals. The engine renders its English
// report text from these same entries (keeping the text it always had), and puts the key and the
// parameters beside it, so the CLI and the UI can render any language and scripts can rely on keys.
// Placeholders are {name}; values from the database only ever travel as parameters.

export const engineEn = {
  // detect.ts: warnings on the status report
  'detect.newerVersion':
    'schema_migrations says version {version}; this PanelDB knows versions up to {latest}.',
  'detect.dirty':
    'schema_migrations is dirty at version {version}: a step failed or was interrupted; the data may be at that version or the one before.',
  'detect.schemaMigrationsUnreadable':
    'schema_migrations holds a version golang-migrate cannot read ({value}); it treats the file as having no version.',
  'detect.schemaMigrationsMultipleRows':
    'schema_migrations has {count} rows (versions {versions}); golang-migrate reads whichever SQLite returns first.',
  'detect.duplicateSeederMarkers': 'history_of_seeders lists {names} more than once.',
  'detect.unknownSeederMarkers': 'history_of_seeders lists seeders this PanelDB does not know: {names}.',
  'detect.tablesDropped':
    "The panel's tables are gone (golang-migrate Down() dropped them). Restore one of the panel's x-ui.db.backup.<unix> files.",
  'detect.sqlFirstSchema':
    "The tables were created by the branch's 000001_init_schema.up.sql, not by the panel; the panel cannot start on this file.",
  'detect.upstreamV3':
    'This is an upstream 3x-ui v3 database (normalized client tables), a different product from X-Panel.',
  'detect.possiblyRecreated':
    'schema_migrations is present and there are no inbounds: the panel may have recreated empty tables after a Down() dropped them. Check the backups.',

  // repair.ts / checks.ts: evidence
  'evidence.dirty':
    'schema_migrations is dirty at {version}: the data may be at that version, the one before (a failed up) or the one after (a failed down).',
  'evidence.invalidJson':
    'JSON columns that do not parse (the panel skips or fails on them; SQL file 000002 leaves these).',
  'evidence.duplicateKeys':
    'JSON objects with duplicate keys (SQL file 000003 adds a second "flow"; Go and Xray read the last one).',
  'evidence.hashedPrefix':
    "Passwords stored as 'HASHED:<password>' by SQL file 000005: login fails until step 5 hashes them properly.",
  'evidence.plaintext': 'Plaintext passwords (step 5 hashes them).',
  'evidence.plaintextStep5Applied':
    'Plaintext passwords, and migration 5 counts as applied, so it will not hash them: nobody can log in. The password fix hashes them.',
  'evidence.schemaMigrationsRows':
    'schema_migrations holds several rows (SQL files run by hand); golang-migrate reads an arbitrary one.',
  'evidence.markerTlsConfig':
    'TlsConfigMigration is recorded, but these rows still hold verifyPeerCertInNames or tlsSettings.allowInsecure.',
  'evidence.markerUserPassword':
    'UserPasswordHash is recorded, but these passwords are not bcrypt hashes: nobody can log in with them.',
  'evidence.markerRealityTarget':
    'RealityTargetMigration is recorded, but these REALITY targets have no port.',

  // repair.ts: the recommended next action
  'recommend.restoreRecreated':
    'The panel tables look recreated empty after a Down() dropped them: only a backup brings the data back.',
  'recommend.restoreGone':
    'The panel tables are gone or were created by the wrong schema: only a backup brings the data back.',
  'recommend.forceDownFailed':
    "Force version {data}: step {data}'s changes are present, so a down of {data} failed and the data is still at {data}.",
  'recommend.forceCommitted':
    "Force version {data}: step {data}'s changes are present, so it committed and only the clean flag is missing.",
  'recommend.forceRolledBack':
    "Force version {data}: no trace of step {step}'s changes, so its up failed and was rolled back.",
  'recommend.forceCommittedStep4':
    "Force version {data}: step {data}'s changes are present, so it committed and only the clean flag is missing. Step 4 leaves no trace PanelDB can tell apart: if a down of 4 failed, the data may be at 4.",
  'recommend.forceRolledBackStep4':
    "Force version {data}: no trace of step {step}'s changes, so its up failed and was rolled back. Step 4 leaves no trace PanelDB can tell apart: if a down of 4 failed, the data may be at 4.",
  'recommend.restoreDamaged':
    "Rows were damaged by the panel's SQL files; restore a backup taken before them, or keep the file and fix those rows by hand.",
  'recommend.migrate': 'The file is clean; migrate to apply the pending steps.',
  'recommend.none': 'Nothing to repair.',

  // migrations/*.ts: step notes
  'note.baseline': "Baseline: the panel's tables already exist ({count} of 8); nothing changed.",
  'note.createdTables': "Created the panel's 8 tables with GORM's exact DDL.",
  'note.tlsAdapted': 'TLS settings adapted for newer Xray in {count} inbound(s)',
  'note.xhttpModeSafe':
    'mode: safe (Vision set only where VLESS Encryption is on; XTLS/Xray-core issue 5576)',
  'note.xhttpModePanel': "mode: panel (the panel's XhttpFlowMigration seeder, exactly)",
  'note.duplicatesRemoved':
    '{label}: duplicate JSON keys removed from settings, keeping the value the panel reads',
  'note.visionPanelMode':
    '{label}: Vision flow set on XHTTP without VLESS Encryption (mode panel); Xray may reject this inbound ("XTLS only supports TLS and REALITY directly")',
  'note.flowSet': 'flow "{flow}" set on {clients} client(s) in {inbounds} inbound(s)',
  'note.leftWithoutVision': '{count} inbound(s) left without Vision: no VLESS Encryption on XHTTP',
  'note.targetPortAdded': '":443" added to the REALITY target of {count} inbound(s)',
  'note.hashedPrefixUnwrapped':
    "{label}: password was stored as 'HASHED:…' by the panel's broken SQL file 000005 (S18); hashed the password after the prefix, the one the admin set",
  'note.passwordsHashed': '{count} panel password(s) hashed with bcrypt (cost {cost})',

  // migrations/*.ts: why a row was left alone
  'skip.invalidJsonIn': "invalid JSON in {column}; left as it is, as the panel's seeder leaves it",
  'skip.invalidJsonInGo':
    "invalid JSON in {column} (Go's decoder: {reason}); left as it is, as the panel's seeder leaves it",
  'skip.notValidObject':
    "{column} is not a valid JSON object; left as it is, as the panel's seeder leaves it",
  'skip.notValidObjectGo':
    "{column} is not a valid JSON object (Go's decoder: {reason}); left as it is, as the panel's seeder leaves it",
  'skip.streamInvalidJson': 'invalid JSON in stream_settings; left as it is',
  'skip.streamNotObject': 'stream_settings is not a JSON object; left as it is',
  'skip.streamNotValidObject': 'stream_settings is not a valid JSON object; left as it is',
  'skip.settingsNotValidObject': 'settings is not a valid JSON object; left as it is',
  'skip.noClients': 'settings has no clients array; nothing to set',
  'skip.visionSafe':
    'Vision not set: XHTTP without VLESS Encryption (decryption is "none" or missing); Xray rejects Vision here ("XTLS only supports TLS and REALITY directly", XTLS/Xray-core issue 5576). Left as it is; choose the panel mode of step 3 to reproduce the panel seeder',
  'skip.legacyDest': 'only the legacy "dest" key; Xray reads it, left as it is',
  'skip.noTarget': 'realitySettings has no target',
  'skip.targetNumeric': 'numeric target is a port Xray accepts',
  'skip.targetNotString': 'target is not a string',
  'skip.targetEmpty': 'empty target; not guessing a host',
  'skip.targetSocket': 'target is a unix socket, which Xray accepts without a port',
  'skip.targetDigits': 'digit-only target is a port (Xray reads 127.0.0.1:{target})',
  'skip.targetHasPort': 'target already has a port',
  'skip.targetColon': 'target contains ":" but is not host:port (IPv6 literal?); not guessing',
  'skip.targetNotHost': 'target is not a host name or IPv4 address; not guessing',
  'skip.passwordNull': 'password is NULL; nothing to hash',
  'skip.passwordNotText': 'password is not text',
  'skip.alreadyBcrypt': 'already a bcrypt hash; hashing it again would lock the user out',

  // refusals and errors (AppError.msg)
  'refuse.irreversibleRestore':
    'Step {version} {name} is irreversible and has no down. Restore the backup taken before it instead ({backup}).',
  'refuse.irreversibleNoBackup':
    "Step {version} {name} is irreversible and has no down. It was applied before any PanelDB backup of this file was taken, so only a backup made before it (for example one of the panel's own) can take the file back.",
  'refuse.panelAppliedRestore':
    'Step {version} {name} was applied by the panel itself, so PanelDB holds no before-images to undo it exactly. Restore the backup taken before it instead ({backup}).',
  'refuse.panelAppliedNoBackup':
    "Step {version} {name} was applied by the panel itself, so PanelDB holds no before-images to undo it exactly. It was applied before any PanelDB backup of this file was taken, so only a backup made before it (for example one of the panel's own) can take the file back.",
  'refuse.tablesChanged':
    'Cannot roll back step {version} {name}: {tables} changed since it ran, so its down file could lose those edits. Restore a backup instead.',
  'refuse.rowsChanged':
    'Cannot roll back step {version} {name}: {count} row(s) changed since it ran ({rows}). Restore a backup instead.',
  'refuse.downNotExact':
    'Cannot roll back step {version} {name}: its down file does not return {tables} to the exact content they had before the step (the round-trip check names the rows). Nothing was changed; restore the backup taken before the step instead.',
  'refuse.rollbackTo': 'The target version must be between 0 and {latest}; got {to}.',
  'refuse.rollbackSteps': 'The number of steps must be a whole number of at least 1; got {steps}.',
  'errorText.corrupt': '{path} cannot be read by SQLite.',
  'errorText.notFound': '{path} does not exist.',
  'errorText.walWithoutDatabase': '{path} does not exist, but {wal} does: copy the main database file too.',
  'errorText.notRegularFile': '{path} is not a regular file (is it a folder?).',
  'errorText.isFolder': '{path} is a folder, not a database file.',
  'errorText.unreadable': '{path} cannot be read.',
  'errorText.permissionDenied': '{path} cannot be read (permission denied).',

  // backups.ts: verify details
  'verify.opens': 'SQLite opens it ({bytes} bytes).',
  'verify.panelStarts': 'the panel can start on it',
  'verify.panelCannotStart': 'the panel cannot start on it: {why}',
  'verify.noMetadata': 'No PanelDB metadata beside this file; nothing to compare.',
  'verify.shaMatches': 'matches the metadata ({actual})',
  'verify.shaDiffers': 'file hashes to {actual}, metadata says {expected}',
  'verify.tablesPresent': 'panel tables present: {tables}',
  'verify.tablesMissing': 'missing panel tables: {tables}',

  // Issue 15: step notes of rollbacks and fixes
  'note.downExact': 'Touched tables are back to their pre-migration content hash.',
  'note.downNotExact':
    'Not an exact return: {tables} {count, plural, one {differs} other {differ}} from the pre-migration content hash (other rows changed since, or a trigger changed them).',
  'note.fixVisionRemoved': '{label}: Vision removed from {names}',
  'note.fixFlowCleared': 'flow "" set on {count} client(s) on XHTTP without VLESS Encryption',
  'note.fixTrafficRowAdded': '{label}: client_traffics row added for {email}',
  'note.fixDuplicatesRemoved': '{label}: duplicate keys removed, keeping the value the panel reads',
  'note.passwordSet': 'password of user {user} set (bcrypt, cost {cost})',
  'note.ranFile': 'Ran {file}.',
  'note.triggersFire': 'Triggers fire on the tables this step writes: {triggers}.',
  'note.triggerOn': '{name} (on {table})',
  'note.triggerChanged': '{table} changed by a trigger ({before} rows before, {after} after).',
  'note.forced': 'Marked clean at version {version} (was {was}).',
  'note.forcedWasDirty': 'dirty at {version}',
  'note.forcedWasVersion': 'version {version}',
  'skip.notUtf8':
    '{column} holds bytes that are not UTF-8: the panel would store them as U+FFFD, but the exact bytes could not be restored by a rollback; left as it is',

  // next-action.ts: the recommendation once the health checks are weighed
  'recommend.lockout':
    'Nobody can log in: {count, plural, one {a password is not a bcrypt hash} other {# passwords are not bcrypt hashes}} and migration 5 will not hash {count, plural, one {it} other {them}}. The password fix hashes them as migration 5 does (bcrypt, cost 10), reversibly; or set the admin password.',
  'recommend.afterwards': '{base} Afterwards: {lockout}',
  'recommend.fixableError':
    '{count, plural, one {One check finds an error} other {# checks find errors}}; {title} has a safe, reversible fix.',
  'recommend.checkErrors':
    '{count, plural, one {One check finds an error} other {# checks find errors}} the panel or Xray will not accept ({ids}); see the checks.',
  'recommend.sqlFirst':
    "The tables were made by the wrong DDL (the golang-migrate branch's 000001_init_schema.up.sql), which the panel cannot start on and PanelDB will not migrate. {rows} Restore a backup from before that schema, or carry the rows into a file the panel made.",
  'recommend.sqlFirstNoRows': 'It holds no inbounds, clients or users.',
  'recommend.sqlFirstRows':
    'Its rows are present: {inbounds} inbound(s), {clients} client(s), {users} user(s).',

  // marker-claims.ts: a step schema_migrations claims but the data does not show
  'claim.reason':
    'schema_migrations records version {recorded}, so step {version} {name} counts as applied and will never run, but these rows are still as before it (a forced version?).',
  'claim.lockoutReason':
    'Not a bcrypt hash, and migration 5 counts as applied so it will not hash it: nobody can log in with it. The fix hashes it (bcrypt, cost 10) as migration 5 does.',

  // status.ts / database.ts / save-intent.ts: warnings on the status report
  'warning.inUse':
    'The file is open in {holders} (a running panel?). PanelDB will not write to it while that program runs; to work on it now, copy the database together with its -wal file and open the copy.',
  'warning.holder': '{name} (pid {pid})',
  'warning.holderUnknown': 'a process (pid {pid})',
  'warning.interruptedSave':
    'A PanelDB save started {started} was interrupted (or is running now).{wal} The next PanelDB write command finishes or undoes it; until then what is shown may lack the transactions in that -wal.',
  'warning.walKeptAt': ' Its -wal is kept at {path}.',
  'wal.notRead': 'The -wal file was not read (asked to ignore it): commits still in it are not shown.',
  'wal.framesIgnored': '{count} WAL frame(s) ignored: {why}.',
  'wal.whyEnd': 'they belong to a transaction that never committed',
  'wal.whyTorn': 'the last frame is incomplete (torn write)',
  'wal.whySalt': 'they are left over from an older WAL generation',
  'wal.whyChecksum':
    'frame {frame} fails its checksum (an unfinished transaction or damage), so SQLite ignores it and everything after',
  'wal.whyZeroPage': 'frame {frame} names page 0, so SQLite ignores it and everything after',
  'wal.rollbackHeader':
    'The database header says rollback-journal mode but a -wal with committed frames sits beside it; SQLite replays it, so PanelDB did too.',
  'wal.rollbackHeaderIgnored':
    'The database header says rollback-journal mode but a -wal with committed frames sits beside it; SQLite replays it, so PanelDB did too. {ignored}',

  // write-lock.ts / save-intent.ts / save.ts: what a write's safety machinery did
  'backupProblem.noMetadata': 'no PanelDB metadata beside it: its content cannot be proven',
  'backupProblem.companions': '{files} beside it: not a standalone backup',
  'backupProblem.metadataUnreadable': 'its metadata {file} is not a readable regular file',
  'backupProblem.metadataInvalid': 'its metadata {file} is not PanelDB backup metadata',
  'warning.drift':
    '{file} changed since version {version} was applied (sha256 {recorded}… then, {current}… now). migrate is blocked until it is resolved.',
  // roundtrip.ts and `paneldb check-roundtrip`
  'roundtrip.sequence':
    "AUTOINCREMENT counters (sqlite_sequence) are put back after each down, so the second up's new rows get the same ids as the first's.",
  'roundtrip.stopped': 'Stopped at step {version}: the steps after it need it applied.',
  'roundtrip.passed': '{database}: round trip passed',
  'roundtrip.failed': '{database}: round trip FAILED',
  'roundtrip.irreversible': '{label}: irreversible (no down), up only',
  'roundtrip.downRestores': 'down restores the touched tables',
  'roundtrip.downDiffers': 'down DOES NOT restore the touched tables',
  'roundtrip.secondSame': 'second up same',
  'roundtrip.secondDiffers': 'second up DIFFERS',
  'roundtrip.changedRows': 'changed rows: {rows}',
  // index.ts: the audit log's one-line summary of a write (the log keeps the English; match-text.ts finds the key)
  'auditSummary.backup': 'backup ({reason})',
  'auditSummary.migrate': 'migrate',
  'auditSummary.migrateTo': 'migrate to v{to}',
  'auditSummary.rollBackTo': 'roll back to v{to}',
  'auditSummary.rollBackSteps': 'roll back {steps} step(s)',
  'auditSummary.setPassword': 'set the password of {user}',
  'auditSummary.restore': 'restore {file}',
  'auditSummary.deleteBackup': 'delete backup {id}',
  'auditSummary.force': 'force version {version}',
  'auditSummary.forceAcknowledged': 'force version {version} (steps acknowledged as not run)',
  'auditSummary.fix': 'fix {check}',
  'auditSummary.revertFix': 'revert fix {check}',
  // health-checks.ts: rows of a finding that are sentences (match-text.ts finds the key for the app and the CLI)
  'checkRow.clientsNotArray': '{label}: settings.clients is not an array',
  'checkRow.clientNotObject': '{label}: clients[{index}] is {value}',
  'checkRow.tooDeep': '{label}: its clients and transport could not be checked',
  'checkRow.targetInvalid': '{label}: target {value} ({problem})',
  'checkRow.destInvalid': '{label}: dest {value} ({problem})',
  // inbound-scan.ts realityTargetProblem, matched inside the rows above
  'targetProblem.notPort': 'not a port',
  'targetProblem.notStringOrPort': 'neither a string nor a port number',
  'targetProblem.empty': 'empty',
  'targetProblem.portRange': 'port out of range',
  'targetProblem.noPort': 'no port',
  'targetProblem.noValidPort': 'no valid port',
  'targetProblem.noHost': 'no host',
  'targetProblem.ipv6': 'IPv6 host not in brackets',
  'targetProblem.missing': 'missing',
  'safety.lockUnreadable':
    'An unreadable write lock {path} was left by an interrupted PanelDB; it was taken over.',
  'safety.lockStale':
    'The write lock of PanelDB {command} (pid {pid}, since {since}) was stale: that process is gone. It was taken over.',
  'safety.recordIgnored':
    'The save record {path} was ignored because {problem}; nothing was moved or deleted.',
  'safety.saveCompleted':
    'A save interrupted at {started} had completed; only its record was left, and it was removed.',
  'safety.saveNotReplaced':
    'A save interrupted at {started} had not replaced the file; nothing needed moving.',
  'safety.saveWalBeside':
    'A save interrupted at {started} had not replaced the file, but a -wal is beside it now (the panel may have started): nothing was moved. The -wal from before is kept at {aside}.{backup}',
  'safety.walPutBack':
    'A save interrupted at {started} had not replaced the file; its -wal was put back, so it reads exactly as before.',
  'safety.walAsideMissing':
    'A save interrupted at {started} had not replaced the file, and the moved-aside -wal {aside} is missing or not a regular file: nothing was moved.{backup}',
  'safety.walAsideOther':
    'A save interrupted at {started} had not replaced the file, and the moved-aside -wal {aside} is not the one moved: nothing was moved.{backup}',
  'safety.saveNeither':
    'A save interrupted at {started} left a file that is neither the original nor the new one (the panel has written to it since): nothing was moved.{wal}{backup}',
  'safety.walKeptAt': ' The -wal from before is kept at {path}.',
  'safety.backupBefore': ' The verified backup taken before it is {backup}.',
  'safety.tempRemoved': 'Removed {count} temp file(s) left by an interrupted PanelDB write.',
  'safety.notPrivate': '{path} could not be made private (0600): {reason}',
  'safety.ownerLost':
    '{target} was owned by uid {uid} gid {gid}; the new file could not be given that owner ({reason}), so it belongs to uid {newUid} gid {newGid}. Give it back to its owner before starting the panel.',
  'saveProblem.notJson': 'it is not valid JSON',
  'saveProblem.notRecord': 'it is not a PanelDB save record of this version',
  'saveProblem.otherDatabase': 'it names another database ({target})',
  'saveProblem.tempName': 'its temp file {name} is not a name PanelDB writes',
  'saveProblem.originalHash': 'its original hash is missing',
  'saveProblem.newHash': 'its new-file hash is missing',
  'saveProblem.walName': 'its moved -wal {name} is not a name PanelDB writes',
  'saveProblem.shmName': 'its moved -shm {name} is not a name PanelDB writes',
  'saveProblem.unreadable': 'it cannot be read ({reason})',
} as const;

export type EngineKey = keyof typeof engineEn;

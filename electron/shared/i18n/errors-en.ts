// Every error text the engine and the app write for a person (AppError.msg, StepFailure): English,
// the reference. Paths, versions, pids and table names are parameters (data, never translated);
// the Chinese renderings are in errors-zh-CN.ts under the same keys. Refusals only the command line prints
// (they may name its flags) are `cli.error.*` in cli-en.ts; every text here can reach the page, so it
// names no command line (test/renderer/no-command-lines.test.ts).
export const errorsEn = {
  'err.internal': 'PanelDB hit an unexpected error; nothing was written.',
  'err.save.writeFailed': 'Could not write {path}; it was left as it was.',
  'err.save.changedSinceLoaded':
    '{path} changed since PanelDB loaded it (is the panel running?). Nothing was written; open it again.',
  'err.save.changedWhileSaving': '{path} changed while PanelDB was saving; nothing was written.',
  'err.read.walKeptVanishing':
    "{path}'s -wal was moved away each time PanelDB read the file: another program is replacing it. Nothing was written; try again once it has finished.",
  'err.save.replaceFailed': 'Could not replace {path}; it was left as it was.',
  'err.backupDir.unusable': 'The backup folder {path} cannot be used: {why}. Nothing was written.',
  'err.backupDir.why.cannotInspect': 'it cannot be inspected',
  'err.backupDir.why.cannotCreate': 'it cannot be created',
  'err.backupDir.why.cannotChmod': 'its permissions cannot be set to 0700',
  'err.backupDir.why.fileInTheWay': 'a file with that name is in the way',
  'err.backupDir.why.notWritable': 'it is not writable',
  'err.backup.writeFailed': 'Could not write the backup {path}; the database was not touched.',
  'err.backup.readBackDiffers':
    'The backup {path} did not read back identical to the loaded database; it was removed and nothing else was touched.',
  'err.backup.metadataWriteFailed':
    'Could not write the metadata of backup {path}; the backup was removed and the database was not touched.',
  'err.backup.untrusted': '{path} cannot be trusted: {problem}. Nothing was restored.',
  'err.backup.notListed': 'No backup with id {id} is listed for {path}.',
  'err.backup.panelsOwn': '{id} was made by the panel; PanelDB deletes only its own backups.',
  'err.backup.deleteFailed': 'Could not delete {path}.',
  'err.backupDir.why.symlink': 'it is a symbolic link (PanelDB does not follow links for backups)',
  'err.backupDir.why.foreignOwner': 'it belongs to user id {owner}, not to you (user id {uid})',
  'err.backupDir.why.permissions':
    'its permissions are {mode}; others could read or plant backups (run chmod 700 on it, or choose another folder)',
  'err.backupDir.cannotInspect': 'The backup folder {path} cannot be inspected.',
  'err.backupDir.notPrivate':
    'The backup folder {path} is not private: {problem}. Nothing was read from it or written to it.',
  'err.backup.symlink':
    '{path} is a symbolic link; a backup must be a regular file of its own. Nothing was read through it.',
  'err.file.notRegular': '{path} is not a regular file.',
  'err.backup.notStandalone':
    "{path} is not standalone: {companions} lies beside it. PanelDB's backups never have one; SQLite would replay it over the backup, so the backup is not used. Remove it only if you know where it came from.",
  'err.file.empty': '{path} is empty (0 bytes): not a panel database.',
  'err.file.tooLarge': '{path} is {size}; PanelDB opens files up to 2 GiB.',
  'err.file.tooLargeToRead': '{path} is too large to open (over 2 GiB).',
  'err.sqlite.isWal': '{path} is a SQLite -wal file, not a database: open the main file beside it.',
  'err.sqlite.notSqlite': '{path} is not a SQLite database (its first bytes are not "SQLite format 3").',
  'err.sqlite.shorterThanHeader': '{path} is truncated: {bytes} bytes, shorter than the 100-byte header.',
  'err.sqlite.badPageSize': '{path} has an invalid page size in its header ({pageSize}).',
  'err.sqlite.partialPage':
    '{path} is truncated or has bytes appended: {bytes} bytes is not a whole number of {pageSize}-byte pages.',
  'err.sqlite.truncated':
    '{path} is truncated: its header says {headerPages} pages but the file holds {filePages}.',
  'err.step.sqlFailed': '{file}: {reason}',
  'err.external.duplicate':
    'Two {direction} files for version {version}: {kept} and {duplicate} (golang-migrate refuses the folder: duplicate migration file).',
  'err.external.builtInVersion':
    '{file}: version {version} is taken by a built-in step (1–{highest}); number external files from {next}.',
  'err.external.downOnly': '{file}: version {version} has a down file but no up file.',
  'err.external.drift':
    'Migration file(s) changed after they were applied: {drifts}. Put the applied file back, or restore a backup and migrate again.',
  'err.external.driftedFile':
    '{file} changed since version {version} was applied (sha256 {recorded}… then, {current}… now)',
  'err.file.kind.symlink': 'a symbolic link (PanelDB does not follow links found beside a database)',
  'err.file.kind.fifo': 'a FIFO (named pipe)',
  'err.file.kind.folder': 'a folder',
  'err.file.kind.notRegular': 'not a regular file',
  'err.file.leftAlone': '{path} is {what}; PanelDB leaves it alone and will not write.',
  'err.fix.noFix': 'Check {checkId} has no automatic fix; fixable checks: {fixable}.',
  'err.fix.unknownCheck': 'Unknown check id {checkId}; fixable checks: {fixable}.',
  'err.fix.notApplied': 'No applied fix for {checkId} is logged in this file (or it was already reverted).',
  'err.force.newerPanel':
    'schema_migrations records version {newerVersion}, written by a newer panel than this PanelDB knows; forcing it to {version} would hide that. Use a newer PanelDB or restore a backup.',
  'err.force.versionMovesOnly': 'no step is marked applied, but the recorded version moves',
  'err.force.stepsSkipped':
    'steps {steps} will count as applied without running (their changes — TLS settings, REALITY targets, password hashes — will never be made)',
  'err.force.notARepair':
    'The file is clean and its markers agree: forcing version {version} is not a repair here; {steps}. To do it anyway, confirm explicitly that these steps will not run.',
  'err.repair.forceRange': 'The version to force must be between 0 and {latest}; got {got}.',
  'err.password.noSuchUser': 'No panel user is named {user}.',
  'err.password.noUser': 'Name the user whose password to set.',
  'err.password.empty': 'The new password is empty.',
  'err.password.tooLong':
    "The new password is {bytes} bytes; bcrypt (and the panel's login) accepts at most {max}.",
  'err.plan.changed':
    'The file changed since you reviewed it — review again (reviewed plan {expected}, plan now {actual}). Nothing was written.',
  'err.password.storedTooLong':
    '{label}: password is {bytes} bytes; bcrypt accepts at most {max}, so it cannot be hashed (the panel fails to start on it too). Set a shorter password for this user and run again.',
  'err.inUse':
    '{path} is open in {holders}. A running panel keeps writing to it, and rows it commits while PanelDB replaces the file would be lost. Stop the panel service, or copy both x-ui.db and x-ui.db-wal and work on the copy. Nothing was written.',
  'err.holder.named': '{name} (pid {pid})',
  'err.holder.unnamed': 'a process (pid {pid})',
  'err.history.invalid':
    '{what} PanelDB did not use it and wrote nothing; if another tool made it, rename that table (PanelDB keeps its own log under this name).',
  'err.history.notATable': "{table} in this file is a {type}, not PanelDB's history table.",
  'err.history.unknownLayout': '{table} in this file has a layout PanelDB does not know.',
  'err.history.badJson': '{table} row {id} has a {column} value that is not the JSON PanelDB writes.',
  'err.history.badChanges': '{table} row {id} holds changes PanelDB cannot read.',
  'err.rollback.beforeImageInexact':
    'Cannot roll back step {version} {name}: the before-image of {table} row {rowid} ({column}) cannot be written back byte for byte, so no row was changed. Restore a backup instead.',
  'err.migration.stepFailed':
    'Step {version} {name} failed: {reason}. Nothing was written; the database is exactly as it was.',
  'err.open.notPanel':
    '{path} is a SQLite database but not an X-Panel/3x-ui panel database (tables: {tables}).',
  'err.open.walDoesNotFit':
    'The -wal beside {path} does not fit it (stale, or from another copy): merged, the database is damaged, while the main file alone is intact. Copy the matching -wal, or read the main file alone (ignoring the -wal).',
  'err.open.damaged': '{path} is damaged: SQLite cannot read all of it.',
  'err.open.integrity':
    "{path} fails SQLite's integrity check; PanelDB will not change it. Restore a backup instead.",
  'err.open.dirty':
    '{path} is dirty at version {version}: a step failed or was interrupted. Repair shows which version the data is at.',
  'err.open.newer':
    '{path} is at version {version}, newer than this PanelDB knows ({latest}). Use a newer PanelDB.',
  'err.open.why.tablesDropped': "its panel tables were dropped; restore one of the panel's backups instead",
  'err.open.why.sqlFirstSchema':
    "its tables come from the branch's SQL schema, which the panel cannot start on; restore a backup",
  'err.open.why.upstreamV3': 'it is an upstream 3x-ui v3 database, a different product',
  'err.open.wontMigrate': 'PanelDB will not migrate {path}: {reason}.',
  'err.restore.noSuchBackup': 'No backup named {reference} (not a file, and not in {dir}).',
  'err.restore.unverified':
    '{path} has no PanelDB metadata, so nothing proves it holds what was backed up; nothing was restored. Restore it only if you trust where it came from, and confirm that explicitly.',
  'err.restore.failedVerification': '{path} did not pass verification; nothing was restored.',
  'err.restore.risk.fewerInbounds': 'it holds {then} inbound(s) where the file now has {now}',
  'err.restore.risk.panelCannotStart': 'the panel cannot start on it ({problems})',
  'err.restore.needsConfirmation':
    'Restoring {name} needs your explicit confirmation: {why}. Nothing was restored.',
  'err.restore.noTarget': '{path} does not exist; copy the backup there yourself if that is what you want.',
  'err.wal.pageSizeDiffers': 'The WAL file does not belong to this database: their page sizes differ.',
  'err.wal.commitTooLarge':
    'The WAL file is damaged: its last commit claims more pages than the database and the WAL hold.',
  'err.wal.invalid': 'The WAL file is damaged or is not an SQLite WAL file.',
  'err.recover.noSuchCommit': 'There is no WAL commit {n}: the -wal holds {count} committed transaction(s).',
  'err.recover.empty': '{path} is empty (0 bytes): nothing to recover.',
  'err.recover.outIsInput': 'The output names the damaged file (or its -wal); recovery writes a new file.',
  'err.recover.outExists': '{path} already exists; recovery never overwrites a file.',
  'err.recover.noWal': '{path} does not exist: there are no WAL commits to choose from.',
  'err.recover.nothing': '{path} holds no SQLite header and no readable table rows.',
  'err.lock.held':
    '{path} is being changed by another PanelDB ({command}, pid {pid} on {host}, since {since}). Nothing was written; try again when it has finished.',
  'err.lock.cannotCreate': 'Could not create the write lock {path}.',
  'err.lock.cannotWrite': 'Could not write the write lock {path}; the database was left as it was.',
  'err.lock.busy': '{path} is being changed by another PanelDB; try again.',
  'err.lock.lost': 'The write lock on {path} was lost; nothing more is written.',
  'err.session.duplicateVersions': 'The migrations folder {folder} has duplicate versions: {findings}',
  'err.session.noDatabase': 'Open a database first.',
  'err.session.noMigrationsFolder': 'No migrations folder: add one first to review its files.',
  'err.session.fileDialogDesktopOnly':
    'Choosing a file needs the desktop app; in the browser, pick one of the files the server lists.',
  'err.session.recentGone': 'That recent file is no longer listed.',
  'err.session.folderDialogDesktopOnly':
    'Choosing a folder needs the desktop app; in the browser, the server is started with its migrations folder.',
  'err.api.unknownMethod': 'Unknown method {method}.',
  'err.api.invalidRequest': 'Invalid request for {method}: {issues}',
  'err.api.methodFailed': '{method} failed unexpectedly; nothing was written.',
  'err.worker.stopped': 'The engine worker stopped: {reason}. Nothing was written.',
  'err.worker.exited': 'The engine worker exited ({code}).',
  'err.serve.token': 'Missing or wrong token: open the address the server printed when it started.',
  'err.serve.noSuchMethod': 'There is no such API method.',
  'err.serve.wrongHttpMethod': 'Use {allow} for this route.',
  'err.serve.bodyTooLarge': 'The request body is larger than {kib} KiB.',
  'err.serve.bodyNotJson': 'The request body is not valid JSON.',
  'err.serve.foreignHost':
    'This server answers only to requests for 127.0.0.1 or localhost (Host header refused).',
  'err.serve.foreignOrigin': 'This server answers only to its own page (Origin header refused).',
  'err.serve.portForbidden': 'Not allowed to listen on {where}: choose a port above 1023.',
  'err.serve.addressUnavailable': 'The address {host} is not available on this machine.',
  'err.serve.cannotListen': 'Could not listen on {where}: {reason}',
  'err.serve.notLoopback':
    'Refusing to listen on {host}: PanelDB serves only to this machine (127.0.0.1, ::1 or localhost).',
  'err.serve.badPort': 'Port {port} is not a port number (0–65535).',
  'err.serve.badToken': 'A token must be 16–256 characters of A–Z, a–z, 0–9, - and _.',
  'err.serve.unexpected': 'PanelDB hit an unexpected error.',
  'err.ipc.foreignSender': "Refused {method}: the message did not come from PanelDB's own window.",
  'err.ipc.foreignDrop': "Refused a dropped file: the message did not come from PanelDB's own window.",
  'err.ipc.badDrop': 'Invalid dropped file: {issues}',
  'err.ipc.dropFailed': 'Opening the dropped file failed unexpectedly.',
  'err.file.notAbsolute': 'Not an absolute file path: {path}.',
  'err.open.failedUnexpectedly': 'Opening the database failed unexpectedly.',
  'err.folder.notFound': 'No such folder: {path}',
  'err.folder.unreadable': 'Cannot read the folder {path}: {reason}',
  'err.folder.isFile': '{path} is a file: give the folder that holds the migration files',
  'err.wal.detail.pageSizes': 'database page size {main} bytes, WAL page size {wal} bytes',
  'err.wal.detail.commitPages':
    "commit frame says {pages} pages; the main file and the WAL's committed frames hold at most {holdable}",
  'err.wal.detail.short': 'the file has {bytes} bytes, fewer than the {header}-byte WAL header',
  'err.wal.detail.magic': 'bad magic number {magic}',
  'err.wal.detail.format': 'unsupported WAL format version {version} (expected {expected})',
  'err.wal.detail.pageSize': 'invalid page size {pageSize}',
  'err.wal.detail.checksum': 'the WAL header checksum does not match its contents',
  'err.history.detail.columns': '{columns}',
  'err.history.detail.missing': 'missing columns: {columns}',
  'err.history.detail.unexpected': 'unexpected columns: {columns}',
  'err.http.unknownCode':
    'The server answered HTTP {status} with an error code this page does not know ({code}).',
  'err.http.noResult': 'The server answered HTTP {status} without a result.',
  'err.http.unreachable': 'Could not reach PanelDB ({method}).',
  'err.transport.threw': 'The call to PanelDB failed: {reason}',
  'err.restore.failedCheck': '{id}: {detail}',
  'err.restore.failedChecks': '{checks}',
} as const;

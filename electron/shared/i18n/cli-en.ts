// English texts of the `paneldb` command line: its labels, reports, hints and --help. Words the UI
// also shows (the glossary's terms, generation labels, table columns, severities) are not repeated
// here: the CLI takes those keys from the other files, so both say the same word.
export const cliEn = {
  // `status`
  'cli.database': 'Database',
  'cli.panel': 'Panel',
  'cli.version': 'Version',
  'cli.versionValue': 'v{current} of {latest}',
  'cli.dirty': 'DIRTY',
  'cli.dirtyAt': 'dirty at version {version}: a step failed or was interrupted',
  'cli.newer': 'schema_migrations says version {version}, newer than this PanelDB knows',
  'cli.applied': 'Applied',
  'cli.pending': 'Pending',
  'cli.none': 'none',
  'cli.source': 'marker',
  'cli.walMerged': 'WAL merged: {transactions} transaction(s), {frames} frame(s)',
  'cli.walNone': 'no -wal file',
  'cli.walEmpty': '-wal present, nothing committed in it',
  'cli.integrityQuick': 'PRAGMA quick_check; `status --full` runs the full integrity_check',
  'cli.integrityFull': 'PRAGMA integrity_check, full',
  'cli.healthSummary':
    '{errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}, {infos} info; `paneldb check` lists them',
  'cli.tables': 'Tables (rows)',
  'cli.lastBackup': 'Last backup',
  'cli.warnings': 'Warnings',
  'cli.headlineLabel': 'State',
  'cli.headline.newer': 'recorded at {recorded}: newer than this PanelDB',
  'cli.headline.complete': '{applied} of {total} steps applied{baseline}',
  'cli.headline.pending': '{applied} of {total} — {pending} pending{baseline}{dirty}',
  'cli.headline.nothing': 'nothing',
  'cli.headline.baseline': ' (step 1 as a baseline: the panel tables exist)',
  'cli.headline.dirty': '; dirty at {recorded}',
  /** Between the items of a list printed on one line (steps, holders, columns). */
  'cli.listSeparator': ', ',

  // backups, verify, restore
  'cli.backupCreated': 'Backup written and verified',
  'cli.noBackups': 'No backups yet.',
  'cli.backups.origin': 'Origin',
  'cli.backups.standing': 'Standing',
  'cli.standing.ok': 'ok',
  'cli.standing.unverified': 'unverified',
  'cli.standing.invalid': 'INVALID',
  'cli.verifyOk': 'Backup is sound',
  'cli.verifyBad': 'Backup has problems',
  'cli.verifyUnverified':
    'Backup is UNVERIFIED (no PanelDB metadata; restoring it needs --accept-unverified)',
  'cli.verify.checkOk': 'ok',
  'cli.verify.checkBad': 'BAD',
  'cli.restored': 'Restored',
  'cli.safetyBackup': 'Safety backup of the replaced file',
  'cli.movedAside': 'Stale WAL/SHM moved aside',
  'cli.demoCopy': 'Demo database (a fresh copy)',

  // migrate, rollback, fix, history, repair
  'cli.nothingToDo': 'Nothing to do: no pending step in range (at v{version}).',
  'cli.hashRestored': 'content hash = pre-migration',
  'cli.hashDiffers': 'content hash DIFFERS from pre-migration',
  'cli.triggerFires': 'trigger {name} (on {table}) fires when this step writes',
  'cli.triggerEffect':
    '{table} changed by a trigger: {before, plural, one {# row} other {# rows}} before, {after} after',
  'cli.dryRunDone': 'Dry run: nothing was written. The file would be at v{version}.',
  'cli.runDone': 'v{from} → v{to}; saved {path}',
  'cli.fingerprint':
    'Plan fingerprint: {fingerprint} (run again with --expect {fingerprint} to refuse if the file changes)',
  'cli.noHistory': 'No steps logged by PanelDB yet.',
  'cli.dataVersion': 'The data is at',
  'cli.recommendation': 'Recommended',
  'cli.forced': 'Marked clean at version {version}.',
  'cli.moreRows': '… {count} more',
  'cli.roundTrip.passed': '{database}: round trip passed',
  'cli.roundTrip.failed': '{database}: round trip FAILED',
  'cli.roundTrip.irreversible': '{step}: irreversible (no down), up only',
  'cli.roundTrip.result': '{step}: down {restores} the touched tables; second up {second}',
  'cli.roundTrip.restores': 'restores',
  'cli.roundTrip.doesNotRestore': 'DOES NOT restore',
  'cli.roundTrip.same': 'same',
  'cli.roundTrip.differs': 'DIFFERS',
  'cli.roundTrip.changedRows': 'changed rows: {rows}',

  // set-password
  'cli.password.prompt': 'New password for {user}: ',
  'cli.password.repeat': 'Repeat it: ',
  'cli.password.mismatch': 'The two passwords differ; nothing was written.',
  'cli.password.set': 'Password of {user} set (bcrypt, cost 10). Backup first: {backup}',

  // check
  'cli.check.clean': 'No problems found ({rules, plural, one {# rule} other {# rules}}).',
  'cli.check.summary':
    '{errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}, {infos} info',
  'cli.check.severity.error': 'ERROR',
  'cli.check.severity.warning': 'warn',
  'cli.check.severity.info': 'info',
  'cli.check.reference': 'see',
  'cli.check.fixable': 'fix: paneldb fix <db> {id} --dry-run',

  // lint
  'cli.lint.why': 'Why',
  'cli.lint.noFiles': 'No migration files (NNNNNN_name.up.sql / NNNNNN_name.down.sql) in this folder.',
  'cli.lint.summary':
    '{dir}: {files} migration file(s), {errors} error(s), {warnings} warning(s), {infos} info',

  // recover
  'cli.recover.written': 'Recovered into a new file: {out}',
  'cli.recover.walState': 'The database as right after WAL commit {commit}: {out}',
  'cli.recover.table':
    '{table}: {recovered} row(s) (b-tree {btree}, orphan pages {orphan}, freelist {freelist}, free space {freeblocks}; new ids {assigned}){claimed}',
  'cli.recover.claimed': ', file claimed ids up to {max}',
  'cli.recover.lost': 'lost_and_found: {count, plural, one {# row} other {# rows}} that could not be placed',
  'cli.recover.unreadable': '{count, plural, one {# page} other {# pages}} could not be read',
  'cli.recover.sqlFirst':
    'The tables came from the SQL-first schema (000001_init_schema.up.sql): converted to the panel schema.',
  'cli.recover.unmapped': '{table}: columns not in the panel schema, not copied: {columns}',
  'cli.recover.integrity': 'integrity_check: {value}',
  'cli.recover.checks':
    'panel checks: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}} (run paneldb check on the new file)',
  'cli.recover.noWal': 'No committed transactions: there is no -wal beside this file, or it is empty.',
  'cli.recover.commit':
    '#{index}: {frames, plural, one {# frame} other {# frames}}, {pages, plural, one {# page} other {# pages}}{schema}: {tables}',
  'cli.recover.schemaChanged': ', schema changed',
  'cli.recover.noRowChanges': 'no row changes',
  'cli.recover.tableSeparator': '; ',
  'cli.recover.needOut': 'recover needs --out <new.db> (or --list-wal-commits)',

  // serve
  'cli.serving': 'PanelDB is serving {what} at {url}',
  'cli.servingStartPage': 'the start page (no database open yet)',
  'cli.servingDemo': 'the demo database {path}',
  'cli.serveStop': 'The URL holds a private token: do not share it. Press Ctrl+C to stop.',

  // errors and what to type next
  'cli.error': 'error',
  'cli.safetyNotes': 'Safety notes',
  'cli.error.missingDatabase': "missing required argument 'db' (or use --demo)",
  'cli.error.seeHelp': '{message} (see paneldb --help)',
  'cli.error.internal': 'PanelDB hit an unexpected error; nothing was written.',
  'cli.error.wholeNumber': 'expected a whole number.',
  'cli.error.port': 'expected a port number (0-65535).',
  'cli.error.xhttpFlow': 'expected safe or panel.',
  'cli.error.stepsOrTo': 'use --steps or --to, not both',
  'cli.error.portInUse':
    'Port {port} on {host} is already in use: choose another with --port, or --port 0 for any free port.',
  'cli.error.databaseAndDemo': 'give a database or --demo, not both (see paneldb --help)',
  'cli.hint.ignoreWal': 'to read the main file alone: add --ignore-wal',
  'cli.hint.seeBackups': 'see the backups: paneldb backups {db}',
  'cli.hint.restoreBackup': 'to restore it: paneldb restore {db} {backup}',
  'cli.hint.chooseStepMode': "choose step {step}'s mode: --xhttp-flow safe|panel",
  'cli.hint.roundTrip': 'see the round trip: paneldb check-roundtrip {db}',
  'cli.hint.runChecks': 'run the checks: paneldb check {db}',
  'cli.hint.acceptRisk': 'to restore it anyway, after reading the above: add --accept-risk',
  'cli.hint.repair': 'see the evidence: paneldb repair {db}',
  'cli.hint.heldBy':
    'Held by PanelDB {command}, pid {pid} on {host}, since {since}. Try again when it has finished.',
  'cli.hint.openIn': 'Open in: {holders}',
  'cli.hint.holder': '{name} (pid {pid})',
  'cli.hint.stopPanel': 'Stop the panel service first, for example: systemctl stop x-ui',
  'cli.hint.copyBoth': 'Or copy both x-ui.db and x-ui.db-wal and work on the copy.',

  // --help: commander's headings and own options (English as commander has them)
  'cli.help.title.usage': 'Usage:',
  'cli.help.title.options': 'Options:',
  'cli.help.title.commands': 'Commands:',
  'cli.help.title.arguments': 'Arguments:',
  'cli.help.title.globalOptions': 'Global Options:',
  'cli.help.help': 'display help for command',
  'cli.help.opt.help': 'display help for command',
  'cli.help.opt.version': 'output the version number',
  // --help: the commands
  'cli.help.paneldb': 'Inspect, back up and migrate X-Panel / 3x-ui panel databases (x-ui.db), offline.',
  'cli.help.status':
    'show version, applied and pending steps, journal/WAL state, tables and integrity (quick check)',
  'cli.help.backup': 'write a verified, private (0600) standalone backup of the database, WAL merged',
  'cli.help.backups': "list PanelDB's backups and the panel's own <db>.backup.<unix> files, newest first",
  'cli.help.verify': 'check a backup: integrity_check, sha256 against its metadata, panel tables',
  'cli.help.migrate':
    'back up, then apply the pending steps in memory and replace the file only if all succeed',
  'cli.help.history':
    'list the steps PanelDB ran on this file, with times, durations, rows changed and outcome',
  'cli.help.rollback':
    'back up, then undo the last step(s) exactly from their before-images (irreversible steps refuse)',
  'cli.help.check-roundtrip':
    'on an in-memory copy, run up → down → up for every pending step and check the down restores the touched tables exactly; exit 3 when one does not',
  'cli.help.restore': 'verify a backup, keep a safety backup of the current file, then replace it atomically',
  'cli.help.repair': 'for a dirty or half-applied file: show the evidence and the recommended action',
  'cli.help.check':
    'run the Xray-aware health checks (Vision/XHTTP, REALITY targets, JSON, clients, traffic rows, tags, passwords, markers); exit 4 when an error is found',
  'cli.help.fix':
    'back up, then apply the fix for one check in one transaction, logged and reversible (--revert undoes it)',
  'cli.help.set-password':
    'back up, then store a new password for a panel user as bcrypt (cost 10); the password is read from stdin or asked for, never from the command line',
  'cli.help.recover':
    'read every row a damaged panel file still holds (b-trees, orphaned and free pages, the -wal) into a NEW file with the panel schema; the input is never written',
  'cli.help.lint':
    "check a golang-migrate folder (NNNNNN_name.up.sql / .down.sql) for the mistakes of the panel's own migrations; exit 3 when errors are found",
  'cli.help.serve':
    'open the PanelDB window in your browser: loopback only (127.0.0.1), with a private token',
  // --help: the arguments
  'cli.help.arg.db': 'the panel database file',
  'cli.help.arg.statusDb': 'the panel database file (x-ui.db); its -wal beside it is merged',
  'cli.help.arg.roundTripDb': 'the panel database file (never written)',
  'cli.help.arg.restoreDb': 'the panel database file to replace',
  'cli.help.arg.backup': 'a backup file, or a backup id as `paneldb backups` lists it',
  'cli.help.arg.file': 'a backup file',
  'cli.help.arg.checkId': 'a fixable check id as `paneldb check` lists it',
  'cli.help.arg.lintDir': 'the folder holding the migration files',
  'cli.help.arg.serveDb': 'the panel database file to open (default: none; the start page offers the demo)',
  'cli.help.arg.recoverDb': 'the damaged database file (its -wal beside it is read, never changed)',
  // --help: the options
  'cli.help.opt.lang': 'text language: en or zh-CN (default: from LANG)',
  'cli.help.opt.json': 'print JSON for scripts',
  'cli.help.opt.demo': 'use a fresh copy of the bundled demo database',
  'cli.help.opt.serveDemo': 'open a fresh copy of the bundled demo database',
  'cli.help.opt.backupDir': 'backup folder (default: <db>.backups beside the database)',
  'cli.help.opt.migrationsDir':
    'a golang-migrate folder (NNNNNN_name.up.sql / .down.sql) whose versions above 5 run after the built-in steps',
  'cli.help.opt.ignoreWal': 'read the main file alone even though a -wal exists (shows old data)',
  'cli.help.opt.checks': 'also run the health checks (`paneldb check`; reads every JSON column)',
  'cli.help.opt.full': 'run the full integrity_check instead of the quick_check (slower on big files)',
  'cli.help.opt.migrateTo': 'stop after this version',
  'cli.help.opt.migrateDryRun': 'write nothing; show every row that would change with a JSON diff',
  'cli.help.opt.xhttpFlow':
    'migration 3: safe (default: Vision only where VLESS Encryption is on) or panel (the panel seeder exactly)',
  'cli.help.opt.migrateExpect':
    'refuse unless the plan is the one a --dry-run printed (the file did not change)',
  'cli.help.opt.expect': 'refuse unless the plan is the one a --dry-run printed',
  'cli.help.opt.steps': 'how many steps to undo (default 1)',
  'cli.help.opt.rollbackTo': 'undo every step above this version',
  'cli.help.opt.rollbackDryRun': 'run the downs in memory only: show them and the plan fingerprint',
  'cli.help.opt.acceptUnverified':
    'restore a backup that has no PanelDB metadata (nothing proves its content)',
  'cli.help.opt.acceptRisk':
    'restore even a backup the panel cannot start on, or one with far fewer inbounds than the file now',
  'cli.help.opt.forceVersion':
    'back up, then mark the file clean at this version (a dirty or marker-inconsistent file)',
  'cli.help.opt.iUnderstand':
    'with --force-version on a clean file: the steps it marks applied never run (their changes are never made)',
  'cli.help.opt.repairExpect': 'refuse unless the force plan is the one `repair --json` listed',
  'cli.help.opt.fixDryRun': 'write nothing; show every row the fix would change',
  'cli.help.opt.revert': 'undo the latest applied fix of this check from its before-images',
  'cli.help.opt.user': 'the panel user (users.username)',
  'cli.help.opt.out': 'the new file to write (must not exist)',
  'cli.help.opt.listWalCommits': 'list the transactions committed in <db>-wal and what each changed',
  'cli.help.opt.walCommit': 'write the database as right after WAL commit n (0 = the main file alone)',
  'cli.help.opt.port': 'port to listen on (default 0: any free port)',
  'cli.help.opt.host': 'loopback address to listen on: 127.0.0.1, ::1 or localhost',
};

export type CliKey = keyof typeof cliEn;

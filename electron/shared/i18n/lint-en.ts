// English texts of `paneldb lint`: each rule's reason (equal to electron/lint/rules.ts, a test compares
// them) and each finding's message. Values from the SQL files (names, literals, SQL text) are
// parameters; a list of differences travels as `parts` (see renderMessage).
export const lintEn = {
  // the rules' reasons, keyed by rule id
  'lintRule.duplicate-version':
    'golang-migrate refuses a folder holding two files for the same version and direction (`duplicate migration file`, migrate.New fails)',
  'lintRule.version-gap':
    'a missing version number usually means a lost or misnumbered file; golang-migrate silently runs past it',
  'lintRule.missing-down': 'a version without its .down file cannot be rolled back: it is irreversible',
  'lintRule.missing-up':
    'a .down without its .up: golang-migrate records the version on the way up without running any SQL',
  'lintRule.pair-name-mismatch':
    'the up and down of one version carry different names, usually a renumbering mistake',
  'lintRule.unexpected-extension':
    'golang-migrate runs every file matching NNN_name.(up|down).EXT whatever EXT is: a .sql.bak copy is one more migration',
  'lintRule.ignored-file':
    'the name does not match ^([0-9]+)_(.*)\\.(down|up)\\.(.*)$, so golang-migrate ignores the file',
  'lintRule.sql-syntax': 'an unterminated quote, comment or parenthesis: the file does not run as written',
  'lintRule.transaction-statement':
    "golang-migrate's sqlite3 driver already runs each file in one transaction: BEGIN fails, COMMIT/END ends it early so a later error can no longer roll the file back",
  'lintRule.schema-migrations-write':
    'schema_migrations belongs to golang-migrate, which rewrites its row around every file; written by hand it gains extra rows and Version() picks one arbitrarily',
  'lintRule.drop-panel-table':
    'dropping a panel table deletes every row it holds; a down must undo its own up, not the panel',
  'lintRule.panel-ddl-mismatch':
    "a panel table must be created exactly as GORM does (§1.2): IF NOT EXISTS hides the difference on existing files, but where it runs first GORM's AutoMigrate meets a table it did not make and can fail, so the panel cannot start",
  'lintRule.create-panel-table':
    'the panel creates its own tables (GORM AutoMigrate runs before the migrations): CREATE TABLE without IF NOT EXISTS fails on every panel file',
  'lintRule.alter-panel-table':
    "renaming or dropping a panel table or a column GORM's models use breaks the panel's queries or makes GORM recreate it empty",
  'lintRule.json-replace-noop':
    'REPLACE with identical pattern and replacement changes nothing: the intended edit never happens',
  'lintRule.json-replace-brackets':
    'REPLACE of [ or ] on JSON text rewrites every array in the document and leaves invalid JSON',
  'lintRule.json-replace-remove-key':
    'removing a key with REPLACE misses other spellings and values, removes it at every depth, and the comma-less form leaves {, or ,} (invalid JSON)',
  'lintRule.json-replace-insert-key':
    'inserting a key with REPLACE adds it wherever the anchor text occurs: into the wrong object, and as a duplicate where the key already exists',
  'lintRule.json-replace-punctuation':
    'REPLACE of JSON punctuation ({ } , ,,) edits every object and every string of the document, not one value',
  'lintRule.json-replace-unanchored':
    'a REPLACE pattern with no quoted key matches inside every string value of the row (paths, passwords, remarks)',
  'lintRule.json-string-edit':
    'string functions on JSON text (REPLACE, ||, substr) depend on spacing and key order and also match inside values: use json_set / json_remove / json_each',
  'lintRule.json-compact-pattern':
    'a pattern spelled compactly ("key":"value") never matches the pretty-printed rows the web UI writes ("key": "value")',
  'lintRule.json-text-like':
    'LIKE on JSON text matches the word anywhere, also inside string values: test the field itself with json_extract / json_type under a json_valid guard',
  'lintRule.like-without-wildcard':
    'LIKE without % or _ is a case-insensitive equality: against a JSON column it compares the whole document and never matches',
  'lintRule.json-function-unguarded':
    'JSON functions raise `malformed JSON` on any row that is not valid JSON, failing the whole file (dirty): guard with json_valid(column)',
  'lintRule.hardcoded-host-list':
    'one statement per hard-coded host fixes only the listed values and leaves every other row as it was',
  'lintRule.down-reverts-by-value':
    "the down rewrites every occurrence of text its up writes, so it also changes rows the up never touched: an exact down needs the up's before-image",
  'lintRule.password-not-bcrypt':
    'the panel checks users.password with bcrypt: any other value stored there (a marker, a plain or derived text) locks the user out',
  'lintRule.unanchored-prefix-strip':
    "REPLACE(x, 'P', '') removes P everywhere in the value, not only the prefix the WHERE selected: use substr(x, length('P') + 1)",
  'lintRule.seeder-overlap':
    "the panel's Go seeder for the same data runs after the migrations with its own bookkeeping (history_of_seeders): both rewrite the rows, and the seeder skips rows this file left unparseable",

  // rules-folder.ts
  'lint.duplicateVersion':
    'version {version} {direction} is both {kept} and {duplicate}: golang-migrate stops with "duplicate migration file: {duplicate}" and runs nothing',
  'lint.missingDown': 'version {version} has no .down file: it cannot be rolled back (irreversible)',
  'lint.missingUp':
    'version {version} has only a .down file: migrating up records version {version} without running anything',
  'lint.pairNameMismatch': 'version {version} is "{up}" going up but "{down}" going down',
  'lint.versionGapOne': 'versions jump from {previous} to {next}: {from} is missing',
  'lint.versionGapRange': 'versions jump from {previous} to {next}: {from}–{to} are missing',
  'lint.unexpectedExtension':
    'golang-migrate runs {file} as version {version} {direction} although it does not end in .sql',
  'lint.ignoredFile': 'not a migration file name (NNNNNN_name.up.sql / .down.sql): ignored',
  // sqlfiles/sql-tokens.ts and rules-structure.ts
  'lint.unterminatedComment': 'unterminated /* comment: the rest of the file is ignored',
  'lint.unterminatedString': 'unterminated string literal: the rest of the file is one string',
  'lint.unterminatedIdentifier': 'unterminated quoted identifier {quote}…',
  'lint.unbalancedParentheses': 'unbalanced parentheses in the statement at lines {line}-{endLine}',
  'lint.transactionStatement':
    '{verb} inside a migration file: golang-migrate already wraps the whole file in one transaction',
  'lint.schemaMigrationsWrite':
    '{verb} on schema_migrations inside the file: golang-migrate already sets (version, dirty) around every file; run by hand this leaves extra rows',
  'lint.dropPanelTableDown':
    'DROP TABLE {table} in a down file: any golang-migrate Down() that passes this version deletes every {table} row',
  'lint.dropPanelTableUp':
    "DROP TABLE {table} without rebuilding it in the same file deletes the panel's {table}",
  'lint.ddlMismatch': "CREATE TABLE {table} differs from the panel's GORM schema: {differences}. {how}",
  'lint.ddlHowIfNotExists':
    "IF NOT EXISTS makes it a no-op on a panel file; where it runs first (an empty file, a test) GORM's AutoMigrate meets a table it did not make, has to rebuild it or fails, and the panel may not start",
  'lint.ddlHowCreate': 'where it runs, the panel gets a table GORM did not make',
  'lint.ddlMismatchRenamed':
    "{source}, renamed to {table} at line {line}, differs from the panel's GORM schema: {differences}",
  'lint.createPanelTable':
    'CREATE TABLE {table} without IF NOT EXISTS: GORM has already created it on every panel file, so the file fails',
  'lint.renamePanelTable':
    "renames the panel table {table} to {to}: the panel's queries fail until GORM recreates an empty {table}",
  'lint.addKnownColumn':
    'ADD COLUMN {column}: GORM already created {table}.{column} on every panel file (duplicate column name)',
  'lint.dropKnownColumn':
    "{verb} COLUMN {table}.{column}: the panel's model uses it; GORM re-adds it empty on the next start",
  // ddl.ts: one difference from GORM's DDL each
  'lint.diff.asSelect': 'created from a SELECT: no declared types, no key, no constraints',
  'lint.diff.missing': 'no {names}',
  'lint.diff.extra': 'extra {names}',
  'lint.diff.column': '{column} {actual} (GORM: {expected})',
  'lint.diff.extraForeignKey': 'extra foreign key {key}',
  'lint.diff.missingForeignKey': 'no foreign key {key}',
  // rules-json.ts
  'lint.replacePunctuation':
    'REPLACE({column}, {pattern}, {replacement}) rewrites that punctuation everywhere in the document: in every object and inside string values',
  'lint.replaceBrackets':
    'REPLACE({column}, {pattern}, {replacement}) strips array brackets from every array in the document (alpn, serverNames, shortIds, certificate lines): invalid JSON',
  'lint.replaceRemoveKey':
    "REPLACE({column}, {pattern}, '') removes this key/value text wherever it occurs; other spellings and values stay",
  'lint.replaceRemoveKeyCommaLess':
    "REPLACE({column}, {pattern}, '') removes this key/value text wherever it occurs, and without its comma leaves {, or ,} behind: invalid JSON; other spellings and values stay",
  'lint.replaceInsertKey':
    'REPLACE({column}, {pattern}, {replacement}) inserts a key before/after every occurrence of {pattern}: in every matching object, and as a second copy where the key already exists',
  'lint.replaceUnanchored':
    'REPLACE({column}, {pattern}, {replacement}) is not anchored to a key: every {pattern} in every string of the row changes (paths, remarks, passwords)',
  'lint.replaceStringEdit':
    'REPLACE({column}, {pattern}, {replacement}) edits JSON as text: it depends on spacing and key order and matches inside values; use json_set/json_remove',
  'lint.replaceNoop':
    'REPLACE({column}, {pattern}, {replacement}) replaces the text with itself: nothing changes',
  'lint.replaceOnColumn':
    'REPLACE on {column} edits JSON as text: it depends on spacing and key order and matches inside values; use json_set/json_remove',
  'lint.likeEquality':
    "{column} {operator} {literal} has no wildcard: it is a case-insensitive '=' (write = if that is meant)",
  'lint.likeJsonNoWildcard':
    '{column} {operator} {literal} has no wildcard: it compares the whole JSON document with that fragment and never matches',
  'lint.jsonTextLike':
    '{column} {operator} {literal} matches the text anywhere in the document, also inside string values; test the field with json_extract under a json_valid guard',
  'lint.compactNeverSelected':
    '{literal} is spelled compactly: pretty-printed rows written by the web UI ("key": "value") are never selected',
  'lint.compactLeftUnchanged':
    '{literal} is spelled compactly: pretty-printed rows written by the web UI ("key": "value") are left unchanged',
  'lint.builtAsText':
    '{column} is built with {operator}: JSON assembled as text breaks on quotes, spacing and key order; use json_set/json_insert',
  'lint.jsonUnguarded':
    "{function}({column}, …) without json_valid({name}): one row that is not valid JSON raises 'malformed JSON' and fails the file, leaving it dirty",
  // rules-data.ts
  'lint.passwordNotBcrypt':
    'sets users.password to {value}, which is not a bcrypt hash: login compares with bcrypt and fails, locking the user out',
  'lint.prefixStrip':
    "REPLACE({column}, {pattern}, '') removes {pattern} anywhere in the value, not just the prefix the WHERE selected; use substr({column}, {start})",
  'lint.hostList':
    '{count} copies of one statement differ only in a hard-coded host ({hosts}): every other host is left as it was',
  'lint.downByValue':
    'the down replaces every {pattern}, text its up writes: rows that held it before the up (set by users, the bot or a Go seeder) are changed too',
  'lint.seederHistory':
    "{verb} on history_of_seeders: the Go seeders' own bookkeeping; a removed name re-runs its seeder on the next start (UserPasswordHash then hashes the hashes)",
  'lint.seederOverlap':
    'rewrites the data of the Go seeder {seeder}: the seeder runs after the migrations and is recorded in history_of_seeders, not schema_migrations, so both edit these rows and neither knows of the other',
  // the §3.6 citation after a message
  'lint.refs': '[docs/panel-database.md §3.6 {refs}]',
} as const;

export type LintKey = keyof typeof lintEn;

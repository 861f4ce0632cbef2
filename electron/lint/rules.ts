import type { message } from '../shared/i18n';
import { ref, translate, type Message, type MessageKey } from '../shared/i18n';

// The lint rules: stable ids, a default severity, a one-line reason, and the bugs of the panel's own
// golang-migrate files each rule catches (docs/panel-database.md §3.6, S1–S20).

export type Severity = 'error' | 'warning' | 'info';

export interface RuleInfo {
  severity: Severity;
  reason: string;
  /** The §3.6 items this rule catches in the panel's files 000001–000005. */
  refs: readonly string[];
}

export const RULES = {
  // ── the folder, by golang-migrate's file-name grammar ──
  'duplicate-version': {
    severity: 'error',
    reason:
      'golang-migrate refuses a folder holding two files for the same version and direction (`duplicate migration file`, migrate.New fails)',
    refs: ['S3'],
  },
  'version-gap': {
    severity: 'warning',
    reason:
      'a missing version number usually means a lost or misnumbered file; golang-migrate silently runs past it',
    refs: [],
  },
  'missing-down': {
    severity: 'warning',
    reason: 'a version without its .down file cannot be rolled back: it is irreversible',
    refs: [],
  },
  'missing-up': {
    severity: 'warning',
    reason:
      'a .down without its .up: golang-migrate records the version on the way up without running any SQL',
    refs: [],
  },
  'pair-name-mismatch': {
    severity: 'warning',
    reason: 'the up and down of one version carry different names, usually a renumbering mistake',
    refs: [],
  },
  'unexpected-extension': {
    severity: 'warning',
    reason:
      'golang-migrate runs every file matching NNN_name.(up|down).EXT whatever EXT is: a .sql.bak copy is one more migration',
    refs: [],
  },
  'ignored-file': {
    severity: 'info',
    reason: 'the name does not match ^([0-9]+)_(.*)\\.(down|up)\\.(.*)$, so golang-migrate ignores the file',
    refs: [],
  },
  'sql-syntax': {
    severity: 'error',
    reason: 'an unterminated quote, comment or parenthesis: the file does not run as written',
    refs: [],
  },
  // ── structure: transactions, bookkeeping, the panel's tables ──
  'transaction-statement': {
    severity: 'error',
    reason:
      "golang-migrate's sqlite3 driver already runs each file in one transaction: BEGIN fails, COMMIT/END ends it early so a later error can no longer roll the file back",
    refs: [],
  },
  'schema-migrations-write': {
    severity: 'error',
    reason:
      'schema_migrations belongs to golang-migrate, which rewrites its row around every file; written by hand it gains extra rows and Version() picks one arbitrarily',
    refs: ['S9'],
  },
  'drop-panel-table': {
    severity: 'error',
    reason: 'dropping a panel table deletes every row it holds; a down must undo its own up, not the panel',
    refs: ['S2'],
  },
  'panel-ddl-mismatch': {
    severity: 'error',
    reason:
      "a panel table must be created exactly as GORM does (§1.2): IF NOT EXISTS hides the difference on existing files, but where it runs first GORM's AutoMigrate meets a table it did not make and can fail, so the panel cannot start",
    refs: ['S1'],
  },
  'create-panel-table': {
    severity: 'warning',
    reason:
      'the panel creates its own tables (GORM AutoMigrate runs before the migrations): CREATE TABLE without IF NOT EXISTS fails on every panel file',
    refs: [],
  },
  'alter-panel-table': {
    severity: 'error',
    reason:
      "renaming or dropping a panel table or a column GORM's models use breaks the panel's queries or makes GORM recreate it empty",
    refs: [],
  },
  // ── JSON kept as text ──
  'json-replace-noop': {
    severity: 'warning',
    reason: 'REPLACE with identical pattern and replacement changes nothing: the intended edit never happens',
    refs: ['S6', 'S12'],
  },
  'json-replace-brackets': {
    severity: 'error',
    reason: 'REPLACE of [ or ] on JSON text rewrites every array in the document and leaves invalid JSON',
    refs: ['S4'],
  },
  'json-replace-remove-key': {
    severity: 'error',
    reason:
      'removing a key with REPLACE misses other spellings and values, removes it at every depth, and the comma-less form leaves {, or ,} (invalid JSON)',
    refs: ['S5', 'S15'],
  },
  'json-replace-insert-key': {
    severity: 'error',
    reason:
      'inserting a key with REPLACE adds it wherever the anchor text occurs: into the wrong object, and as a duplicate where the key already exists',
    refs: ['S10', 'S11'],
  },
  'json-replace-punctuation': {
    severity: 'error',
    reason:
      'REPLACE of JSON punctuation ({ } , ,,) edits every object and every string of the document, not one value',
    refs: ['S8', 'S13'],
  },
  'json-replace-unanchored': {
    severity: 'error',
    reason:
      'a REPLACE pattern with no quoted key matches inside every string value of the row (paths, passwords, remarks)',
    refs: ['S7'],
  },
  'json-string-edit': {
    severity: 'error',
    reason:
      'string functions on JSON text (REPLACE, ||, substr) depend on spacing and key order and also match inside values: use json_set / json_remove / json_each',
    refs: ['S4', 'S16', 'S17'],
  },
  'json-compact-pattern': {
    severity: 'error',
    reason:
      'a pattern spelled compactly ("key":"value") never matches the pretty-printed rows the web UI writes ("key": "value")',
    refs: ['S14'],
  },
  'json-text-like': {
    severity: 'warning',
    reason:
      'LIKE on JSON text matches the word anywhere, also inside string values: test the field itself with json_extract / json_type under a json_valid guard',
    refs: [],
  },
  'like-without-wildcard': {
    severity: 'error',
    reason:
      'LIKE without % or _ is a case-insensitive equality: against a JSON column it compares the whole document and never matches',
    refs: ['S13'],
  },
  'json-function-unguarded': {
    severity: 'error',
    reason:
      'JSON functions raise `malformed JSON` on any row that is not valid JSON, failing the whole file (dirty): guard with json_valid(column)',
    refs: ['S16'],
  },
  // ── data semantics ──
  'hardcoded-host-list': {
    severity: 'error',
    reason:
      'one statement per hard-coded host fixes only the listed values and leaves every other row as it was',
    refs: ['S16', 'S17'],
  },
  'down-reverts-by-value': {
    severity: 'error',
    reason:
      "the down rewrites every occurrence of text its up writes, so it also changes rows the up never touched: an exact down needs the up's before-image",
    refs: ['S15', 'S17', 'S19'],
  },
  'password-not-bcrypt': {
    severity: 'error',
    reason:
      'the panel checks users.password with bcrypt: any other value stored there (a marker, a plain or derived text) locks the user out',
    refs: ['S18'],
  },
  'unanchored-prefix-strip': {
    severity: 'error',
    reason:
      "REPLACE(x, 'P', '') removes P everywhere in the value, not only the prefix the WHERE selected: use substr(x, length('P') + 1)",
    refs: ['S19'],
  },
  'seeder-overlap': {
    severity: 'warning',
    reason:
      "the panel's Go seeder for the same data runs after the migrations with its own bookkeeping (history_of_seeders): both rewrite the rows, and the seeder skips rows this file left unparseable",
    refs: ['S20'],
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The migration file's name inside the folder. */
  file: string;
  /** 1-based; 0 when the finding is about the file or folder as a whole. */
  line: number;
  message: string;
  /** `message` as a catalog key and parameters, without the §3.6 citation (`refs` carries it). */
  msg: Message;
  reason: string;
  reason_msg: Message;
  /** The §3.6 items (S1–S20) this finding is an instance of, when it is one. */
  refs: string[];
}

/** The catalog key of a rule's reason (equal to RULES[rule].reason in English). */
export const ruleReasonKey = (rule: RuleId): MessageKey => `lintRule.${rule}`;

/** A finding's text in a language: its message, then the §3.6 items it is an instance of. */
export function findingText(language: 'en' | 'zh-CN', text: string, refs: readonly string[]): string {
  return refs.length === 0 ? text : `${text} ${translate(language, 'lint.refs', { refs: refs.join('/') })}`;
}

/** Builds a finding: the rule's reason and severity, its §3.6 ids cited at the end of the message. */
export function finding(
  rule: RuleId,
  file: string,
  line: number,
  text: ReturnType<typeof message>,
  options: { severity?: Severity; refs?: readonly string[] } = {},
): Finding {
  const info: RuleInfo = RULES[rule];
  const refs = [...(options.refs ?? info.refs)];
  return {
    rule,
    severity: options.severity ?? info.severity,
    file,
    line,
    message: findingText('en', text.text, refs),
    msg: ref(text),
    reason: info.reason,
    reason_msg: { key: ruleReasonKey(rule) },
    refs,
  };
}

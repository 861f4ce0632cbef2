// Each rule on small files of its own: what it flags, what it lets pass, and that the tokenizer keeps
// quotes, comments, trigger bodies and line numbers straight.
import { describe, expect, it } from 'vitest';
import { lintMigrationSources } from '../../electron/lint/lint';
import type { Finding, RuleId } from '../../electron/lint/rules';
import { PANEL_DDL } from '../../electron/panel/panel-schema';

/** Lints one version: the up file, and a down file (a harmless one unless given). */
function lint(up: string, down = '-- nothing to undo\n'): Finding[] {
  return lintMigrationSources([
    { file: '000006_change.up.sql', text: up },
    { file: '000006_change.down.sql', text: down },
  ]).findings;
}
const rules = (findings: Finding[]) =>
  findings.map((item) => `${item.rule}@${item.file.includes('.up.') ? 'up' : 'down'}:${item.line}`);
const of = (findings: Finding[], rule: RuleId) => findings.filter((item) => item.rule === rule);

describe('statements and the tokenizer', () => {
  it('flags BEGIN, COMMIT, END, ROLLBACK and SAVEPOINT inside a file', () => {
    const findings = lint(
      'BEGIN TRANSACTION;\nSELECT 1;\nCOMMIT;\nBEGIN; END;\nSAVEPOINT a;\nROLLBACK TO a;\n',
    );
    expect(rules(findings)).toEqual([
      'transaction-statement@up:1',
      'transaction-statement@up:3',
      'transaction-statement@up:4',
      'transaction-statement@up:4',
      'transaction-statement@up:5',
      'transaction-statement@up:6',
    ]);
  });

  it("keeps a trigger body's BEGIN … END (and a CASE … END inside it) in one statement", () => {
    const findings = lint(
      [
        'CREATE TRIGGER IF NOT EXISTS client_notes_touch AFTER UPDATE ON client_notes',
        'BEGIN',
        "  UPDATE client_notes SET note = CASE WHEN new.note IS NULL THEN '' ELSE new.note END WHERE id = new.id;",
        '  SELECT 1;',
        'END;',
        'COMMIT;',
      ].join('\n'),
    );
    expect(rules(findings)).toEqual(['transaction-statement@up:6']);
  });

  it('ignores keywords and semicolons inside strings, quoted names and comments, and keeps line numbers', () => {
    const findings = lint(
      [
        "INSERT INTO client_notes (note) VALUES ('BEGIN; DROP TABLE users; it''s fine');",
        '-- DROP TABLE inbounds;',
        '/* COMMIT;',
        '   DROP TABLE settings; */',
        'SELECT "COMMIT;" FROM `inbounds`;',
        'DROP TABLE users;',
      ].join('\n'),
    );
    expect(rules(findings)).toEqual(['drop-panel-table@up:6']);
  });

  it('reports an unterminated string or unbalanced parentheses as sql-syntax', () => {
    expect(rules(lint("SELECT 1;\nSELECT 'oops;\n"))).toEqual(['sql-syntax@up:2']);
    expect(rules(lint('SELECT (1;\n'))).toEqual(['sql-syntax@up:1']);
  });
});

describe('golang-migrate bookkeeping', () => {
  it('flags every write to schema_migrations but not a read', () => {
    const findings = lint(
      'SELECT version FROM schema_migrations;\nUPDATE schema_migrations SET dirty = 0;\nDELETE FROM "schema_migrations";\n',
    );
    expect(rules(findings)).toEqual(['schema-migrations-write@up:2', 'schema-migrations-write@up:3']);
  });
});

describe('the panel tables', () => {
  it('pass GORM’s own DDL, with or without IF NOT EXISTS', () => {
    const exact = Object.values(PANEL_DDL)
      .map((ddl) => `${ddl.replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS')};`)
      .join('\n');
    expect(lint(exact)).toEqual([]);
  });

  it('warn about CREATE TABLE of a panel table without IF NOT EXISTS', () => {
    expect(rules(lint(`${PANEL_DDL.users};`))).toEqual(['create-panel-table@up:1']);
  });

  it('flag a panel table declared with another type, constraint or default', () => {
    const findings = lint(
      'CREATE TABLE IF NOT EXISTS `settings` (`id` integer PRIMARY KEY AUTOINCREMENT,`key` text UNIQUE,`value` text);\n' +
        'CREATE TABLE IF NOT EXISTS history_of_seeders (id INTEGER PRIMARY KEY, seeder_name varchar(64));\n',
    );
    expect(rules(findings)).toEqual(['panel-ddl-mismatch@up:1', 'panel-ddl-mismatch@up:2']);
    expect(findings[0]?.message).toContain('key text UNIQUE (GORM: text)');
    expect(findings[1]?.message).toContain(
      'id integer PRIMARY KEY (GORM: integer PRIMARY KEY AUTOINCREMENT)',
    );
    expect(findings[1]?.message).toContain('seeder_name varchar(64) (GORM: text)');
  });

  it('let a GORM-style rebuild pass and check the rebuilt table against GORM', () => {
    const rebuild = (ddl: string) =>
      [
        ddl.replace('CREATE TABLE `users`', 'CREATE TABLE `users__temp`') + ';',
        'INSERT INTO `users__temp` (`id`,`username`,`password`) SELECT `id`,`username`,`password` FROM `users`;',
        'DROP TABLE `users`;',
        'ALTER TABLE `users__temp` RENAME TO `users`;',
      ].join('\n');
    expect(lint(rebuild(PANEL_DDL.users))).toEqual([]);
    const findings = lint(rebuild(PANEL_DDL.users.replace('`password` text', '`password` text NOT NULL')));
    expect(rules(findings)).toEqual(['panel-ddl-mismatch@up:1']);
    expect(findings[0]?.message).toContain('renamed to users at line 4');
  });

  it('flag a DROP TABLE of a panel table in an up without a rebuild, and in any down', () => {
    expect(rules(lint('DROP TABLE IF EXISTS main.inbounds;'))).toEqual(['drop-panel-table@up:1']);
    expect(
      rules(lint('CREATE TABLE IF NOT EXISTS client_notes (id integer);', 'DROP TABLE client_notes;')),
    ).toEqual([]);
    expect(rules(lint('SELECT 1;', 'SELECT 1;\nDROP TABLE `client_traffics`;'))).toEqual([
      'drop-panel-table@down:2',
    ]);
  });

  it('flag renaming or dropping what GORM uses, and adding a column GORM already made', () => {
    const findings = lint(
      [
        'ALTER TABLE inbounds ADD COLUMN tag text;',
        'ALTER TABLE inbounds DROP COLUMN remark;',
        'ALTER TABLE client_traffics RENAME COLUMN last_online TO last_seen;',
        'ALTER TABLE settings RENAME TO settings_old;',
        'ALTER TABLE inbounds ADD COLUMN note text;',
      ].join('\n'),
    );
    expect(rules(findings)).toEqual([
      'alter-panel-table@up:1',
      'alter-panel-table@up:2',
      'alter-panel-table@up:3',
      'alter-panel-table@up:4',
    ]);
  });
});

describe('JSON columns', () => {
  it('accept JSON functions under a json_valid guard, in the WHERE or in a CASE', () => {
    expect(
      lint(
        [
          "UPDATE inbounds SET settings = json_set(settings, '$.decryption', 'none') WHERE json_valid(settings) AND json_type(settings, '$.decryption') IS NULL;",
          "SELECT CASE WHEN json_valid(i.stream_settings) THEN i.stream_settings ->> '$.network' END FROM inbounds AS i;",
          "UPDATE inbound_client_ips SET ips = (SELECT json_group_array(value) FROM json_each(ips) WHERE value <> '') WHERE json_valid(ips);",
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('flag JSON functions with no guard, a guard after them in the WHERE, or a guard joined by OR', () => {
    const findings = lint(
      [
        "SELECT json_extract(settings, '$.clients') FROM inbounds;",
        "DELETE FROM inbounds WHERE json_extract(stream_settings, '$.network') = 'kcp' AND json_valid(stream_settings);",
        "SELECT i.sniffing -> '$.enabled' FROM inbounds i;",
        "SELECT id FROM inbounds WHERE json_valid(settings) OR json_type(settings, '$.clients') = 'array';",
      ].join('\n'),
    );
    expect(rules(findings)).toEqual([
      'json-function-unguarded@up:1',
      'json-function-unguarded@up:2',
      'json-function-unguarded@up:3',
      'json-function-unguarded@up:4',
    ]);
  });

  it('treat settings.value as JSON only for the JSON keys', () => {
    expect(lint("UPDATE settings SET value = REPLACE(value, 'a', 'b') WHERE key = 'webBasePath';")).toEqual(
      [],
    );
    expect(
      rules(
        lint("UPDATE settings SET value = REPLACE(value, 'a', 'b') WHERE key IN ('xrayTemplateConfig');"),
      ),
    ).toEqual(['json-replace-unanchored@up:1']);
  });

  it('flag LIKE on JSON text, LIKE without a wildcard, and JSON built with ||', () => {
    const findings = lint(
      [
        "SELECT id FROM inbound_client_ips WHERE ips LIKE '%1.2.3.4%';",
        "SELECT id FROM inbounds WHERE protocol LIKE 'vless';",
        "UPDATE inbounds SET sniffing = '{\"enabled\":' || enable || '}';",
      ].join('\n'),
    );
    expect(rules(findings)).toEqual([
      'json-text-like@up:1',
      'like-without-wildcard@up:2',
      'json-string-edit@up:3',
    ]);
    expect(of(findings, 'like-without-wildcard')[0]?.severity).toBe('warning');
  });

  it('leave REPLACE on plain text columns alone', () => {
    expect(
      lint("UPDATE inbounds SET tag = REPLACE(tag, '0.0.0.0:', '') WHERE INSTR(tag, '0.0.0.0:') > 0;"),
    ).toEqual([]);
  });
});

describe('data rules', () => {
  it('accept a bcrypt literal, a bound value or a copied column for users.password', () => {
    const hash = '$2a$10$' + 'a'.repeat(53);
    const fine = lint(`UPDATE users SET password = '${hash}' WHERE id = 1;\nUPDATE users SET password = ? ;`);
    expect(of(fine, 'password-not-bcrypt')).toEqual([]);
    // Any write of users.password overlaps the UserPasswordHash seeder (it may hash the hash again).
    expect(rules(fine)).toEqual(['seeder-overlap@up:1']);
    expect(
      rules(of(lint("UPDATE users SET password = 'admin' WHERE id = 1;"), 'password-not-bcrypt')),
    ).toEqual(['password-not-bcrypt@up:1']);
  });

  it('report hard-coded hosts only when a statement repeats per host', () => {
    const one = "UPDATE inbounds SET remark = 'x' WHERE listen = 'a.example.com';";
    expect(lint(one)).toEqual([]);
    const findings = lint(`${one}\n${one.replace('a.example.com', 'b.example.com')}`);
    expect(rules(findings)).toEqual(['hardcoded-host-list@up:1']);
  });

  it('report a down that reverts by value only when its up wrote that text', () => {
    const down = "UPDATE inbounds SET remark = REPLACE(remark, ' (old)', '');";
    expect(lint('SELECT 1;', down)).toEqual([]);
    const findings = lint("UPDATE inbounds SET remark = remark || ' (old)';", down);
    expect(rules(findings)).toEqual(['down-reverts-by-value@down:1']);
  });

  it("report edits of the seeders' bookkeeping", () => {
    expect(rules(lint("DELETE FROM history_of_seeders WHERE seeder_name = 'UserPasswordHash';"))).toEqual([
      'seeder-overlap@up:1',
    ]);
  });
});

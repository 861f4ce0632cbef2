// Rules about what a file does to transactions, golang-migrate's bookkeeping and the panel's tables:
// transaction-statement, schema-migrations-write, drop-panel-table (S2), panel-ddl-mismatch (S1),
// create-panel-table, alter-panel-table, sql-syntax.
import type { AnalyzedFile } from './analyzed-file';
import { compareWithGorm, gormTable, isPanelTable, parseCreateTable, type TableDef } from './ddl';
import { message } from '../shared/i18n';
import { finding, type Finding } from './rules';
import { identName, isIdent, isPunct, isWord, tableNameAt, writeTarget } from '../sqlfiles/sql-shape';
import type { Token } from '../sqlfiles/sql-tokens';

const TRANSACTION_VERBS = ['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'];
const WRITE_VERBS = ['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'DROP', 'ALTER', 'CREATE'];

type AlterAction =
  | { kind: 'rename-table'; to: string }
  | { kind: 'rename-column'; column: string; to: string }
  | { kind: 'drop-column'; column: string }
  | { kind: 'add-column'; column: string };

function parseAlter(tokens: readonly Token[]): { table: string; action: AlterAction } | null {
  if (!isWord(tokens[0], 'ALTER') || !isWord(tokens[1], 'TABLE')) return null;
  const table = tableNameAt(tokens, 2);
  if (table === null) return null;
  let i = table.next;
  const verb = tokens[i];
  i++;
  if (isWord(verb, 'RENAME')) {
    if (isWord(tokens[i], 'TO')) {
      const to = tokens[i + 1];
      return isIdent(to) ? { table: table.name, action: { kind: 'rename-table', to: identName(to) } } : null;
    }
    if (isWord(tokens[i], 'COLUMN')) i++;
    const column = tokens[i];
    const to = tokens[i + 2];
    return isIdent(column) && isIdent(to)
      ? { table: table.name, action: { kind: 'rename-column', column: identName(column), to: identName(to) } }
      : null;
  }
  if (isWord(verb, 'DROP', 'ADD')) {
    if (isWord(tokens[i], 'COLUMN')) i++;
    const column = tokens[i];
    if (!isIdent(column)) return null;
    return {
      table: table.name,
      action: { kind: isWord(verb, 'DROP') ? 'drop-column' : 'add-column', column: identName(column) },
    };
  }
  return null;
}

function dropTableName(tokens: readonly Token[]): string | null {
  if (!isWord(tokens[0], 'DROP') || !isWord(tokens[1], 'TABLE')) return null;
  let i = 2;
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'EXISTS')) i += 2;
  return tableNameAt(tokens, i)?.name ?? null;
}

export function checkStructure(analyzed: AnalyzedFile): Finding[] {
  const file = analyzed.file.file;
  const down = analyzed.file.direction === 'down';
  const findings: Finding[] = [];
  for (const problem of analyzed.problems) {
    findings.push(finding('sql-syntax', file, problem.line, problem.message));
  }

  // What the file does with each table, in order: lets a rebuild (create new, copy, drop old,
  // rename new into place) pass while a plain DROP of a panel table does not.
  const statements = analyzed.statements;
  const recreatedAfter = (index: number, table: string): boolean =>
    statements.slice(index + 1).some(({ tokens }) => {
      const created = parseCreateTable(tokens);
      if (created?.name === table) return true;
      const alter = parseAlter(tokens);
      return alter?.action.kind === 'rename-table' && alter.action.to === table;
    });
  const created = new Map<string, { table: TableDef; line: number }>();

  statements.forEach(({ statement, tokens, verb }, index) => {
    const line = statement.line;
    let depth = 0;
    for (const token of tokens) {
      if (isPunct(token, '(')) depth++;
      else if (isPunct(token, ')')) depth--;
      if (depth < 0) break;
    }
    if (depth !== 0) {
      findings.push(
        finding(
          'sql-syntax',
          file,
          line,
          message('lint.unbalancedParentheses', { line, endLine: statement.endLine }),
        ),
      );
    }

    if (TRANSACTION_VERBS.includes(verb)) {
      findings.push(
        finding('transaction-statement', file, line, message('lint.transactionStatement', { verb })),
      );
      return;
    }

    const target = writeTarget(tokens);
    if (target === 'schema_migrations' && WRITE_VERBS.includes(verb)) {
      findings.push(
        finding('schema-migrations-write', file, line, message('lint.schemaMigrationsWrite', { verb })),
      );
    }

    const dropped = dropTableName(tokens);
    if (dropped !== null && isPanelTable(dropped) && !recreatedAfter(index, dropped)) {
      findings.push(
        finding(
          'drop-panel-table',
          file,
          line,
          message(down ? 'lint.dropPanelTableDown' : 'lint.dropPanelTableUp', { table: dropped }),
        ),
      );
    }

    const table = parseCreateTable(tokens);
    if (table !== null) {
      created.set(table.name, { table, line });
      if (isPanelTable(table.name)) {
        const differences = compareWithGorm(table);
        const rebuilding = statements
          .slice(0, index)
          .some(
            ({ tokens: before }) =>
              dropTableName(before) === table.name || parseAlter(before)?.table === table.name,
          );
        if (differences.length > 0) {
          const how = { key: table.ifNotExists ? 'lint.ddlHowIfNotExists' : 'lint.ddlHowCreate' };
          findings.push(
            finding(
              'panel-ddl-mismatch',
              file,
              line,
              message('lint.ddlMismatch', { table: table.name }, { differences, how: [how] }),
            ),
          );
        } else if (!table.ifNotExists && !rebuilding) {
          findings.push(
            finding(
              'create-panel-table',
              file,
              line,
              message('lint.createPanelTable', { table: table.name }),
            ),
          );
        }
      }
    }

    const alter = parseAlter(tokens);
    if (alter !== null) {
      const { action } = alter;
      if (action.kind === 'rename-table') {
        const source = created.get(alter.table);
        if (isPanelTable(action.to) && source !== undefined) {
          const differences = compareWithGorm({ ...source.table, name: action.to });
          if (differences.length > 0) {
            findings.push(
              finding(
                'panel-ddl-mismatch',
                file,
                source.line,
                message(
                  'lint.ddlMismatchRenamed',
                  { source: source.table.name, table: action.to, line },
                  { differences },
                ),
              ),
            );
          }
        }
        if (isPanelTable(alter.table) && !recreatedAfter(index, alter.table)) {
          findings.push(
            finding(
              'alter-panel-table',
              file,
              line,
              message('lint.renamePanelTable', { table: alter.table, to: action.to }),
            ),
          );
        }
      } else if (isPanelTable(alter.table)) {
        const known = gormTable(alter.table).columns.some((column) => column.name === action.column);
        if (action.kind === 'add-column' && known) {
          findings.push(
            finding(
              'alter-panel-table',
              file,
              line,
              message('lint.addKnownColumn', { column: action.column, table: alter.table }),
            ),
          );
        } else if ((action.kind === 'drop-column' || action.kind === 'rename-column') && known) {
          findings.push(
            finding(
              'alter-panel-table',
              file,
              line,
              message('lint.dropKnownColumn', {
                verb: action.kind === 'drop-column' ? 'DROP' : 'RENAME',
                table: alter.table,
                column: action.column,
              }),
            ),
          );
        }
      }
    }
  });
  return findings;
}

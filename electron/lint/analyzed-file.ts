// One migration file, tokenized once and shared by every rule.
import type { MigrationFile } from '../sqlfiles/migration-files';
import { parseUpdate, statementVerb, tableScope, type Scope, type UpdateParts } from '../sqlfiles/sql-shape';
import { parseSql, type LexProblem, type Statement, type Token } from '../sqlfiles/sql-tokens';

export interface AnalyzedStatement {
  statement: Statement;
  tokens: Token[];
  verb: string;
  scope: Scope;
  update: UpdateParts | null;
}

export interface AnalyzedFile {
  file: MigrationFile;
  statements: AnalyzedStatement[];
  problems: LexProblem[];
}

export function analyzeFile(file: MigrationFile): AnalyzedFile {
  const { statements, problems } = parseSql(file.text);
  return {
    file,
    problems,
    statements: statements.map((statement) => ({
      statement,
      tokens: statement.tokens,
      verb: statementVerb(statement.tokens),
      scope: tableScope(statement.tokens),
      update: parseUpdate(statement.tokens),
    })),
  };
}

/** A string literal shown in a message: quoted, shortened. */
export function quote(value: string, max = 48): string {
  const shown = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return `'${shown.replace(/'/g, "''")}'`;
}

/** Tokens shown as SQL in a message, shortened. */
export function sqlText(tokens: readonly Token[], max = 60): string {
  const shown = tokens
    .map((token) => token.text)
    .join(' ')
    .replace(/\s+([),])/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/(\w) \(/g, '$1(');
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

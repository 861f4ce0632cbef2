// Rules about what a file does to the panel's data, beyond the JSON text itself: passwords that
// stop being bcrypt (S18), prefix stripping with REPLACE (S19), hard-coded host lists (S16/S17),
// downs that undo by value instead of by row (S15/S17/S19) and overlap with the Go seeders (S20).
import { quote, sqlText, type AnalyzedFile, type AnalyzedStatement } from './analyzed-file';
import { SEEDER_AREAS } from './panel-model';
import { message } from '../shared/i18n';
import { finding, type Finding } from './rules';
import {
  columnRef,
  depths,
  findCalls,
  isOp,
  isWord,
  stringLiteral,
  unwrap,
  writeTarget,
  type Range,
} from '../sqlfiles/sql-shape';
import type { Token } from '../sqlfiles/sql-tokens';

/** Go's bcrypt output: `$2a$10$` + 53 characters (any minor letter is accepted at login). */
const BCRYPT = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

/** The values a CASE expression can produce (its THEN and ELSE branches), or the expression itself. */
function valueBranches(tokens: readonly Token[], range: Range): Range[] {
  const inner = unwrap(tokens, range);
  if (!isWord(tokens[inner.start], 'CASE')) return [inner];
  const level = depths(tokens);
  const base = level[inner.start] ?? 0;
  const branches: Range[] = [];
  let from = -1;
  let nested = 0;
  for (let i = inner.start + 1; i < inner.end; i++) {
    const token = tokens[i];
    if (level[i] !== base) continue;
    if (isWord(token, 'CASE')) nested++;
    else if (nested > 0 && isWord(token, 'END')) nested--;
    else if (nested === 0 && isWord(token, 'THEN')) from = i + 1;
    else if (nested === 0 && isWord(token, 'WHEN', 'ELSE', 'END')) {
      if (from !== -1) branches.push({ start: from, end: i });
      from = isWord(token, 'ELSE') ? i + 1 : -1;
    }
  }
  return branches;
}

/** S18: users.password must stay a bcrypt hash. */
function checkPasswords(file: string, entry: AnalyzedStatement): Finding[] {
  const { tokens, update } = entry;
  if (update === null || update.table !== 'users') return [];
  const findings: Finding[] = [];
  for (const assignment of update.assignments) {
    if (assignment.column !== 'password') continue;
    for (const branch of valueBranches(tokens, assignment.expr)) {
      const inner = unwrap(tokens, branch);
      const first = tokens[inner.start];
      if (first === undefined) continue;
      const literal = stringLiteral(tokens, inner);
      const copies = columnRef(tokens, inner) !== null;
      const bound = inner.end - inner.start === 1 && first.kind === 'param';
      const subquery = isWord(first, 'SELECT');
      if (copies || bound || subquery || (literal !== null && BCRYPT.test(literal.value))) continue;
      const concat = tokens.slice(inner.start, inner.end).find((token) => isOp(token, '||'));
      const shown = sqlText(tokens.slice(inner.start, inner.end));
      findings.push(
        finding(
          'password-not-bcrypt',
          file,
          (concat ?? first).line,
          message('lint.passwordNotBcrypt', { value: shown }),
        ),
      );
    }
  }
  return findings;
}

/** S19: REPLACE(x, 'P', '') where the WHERE selected x LIKE 'P%'. */
function checkPrefixStrip(file: string, entry: AnalyzedStatement): Finding[] {
  const { tokens } = entry;
  const findings: Finding[] = [];
  for (const call of findCalls(tokens, new Set(['replace']))) {
    const [target, patternArg, replacementArg] = call.args;
    if (target === undefined || patternArg === undefined || replacementArg === undefined) continue;
    const column = columnRef(tokens, target);
    const pattern = stringLiteral(tokens, patternArg);
    const replacement = stringLiteral(tokens, replacementArg);
    if (column === null || pattern === null || replacement?.value !== '' || pattern.value === '') continue;
    const prefixFilter = tokens.some(
      (token, i) =>
        isWord(token, 'LIKE') &&
        tokens[i + 1]?.kind === 'string' &&
        tokens[i + 1]?.value === `${pattern.value}%` &&
        columnRef(tokens, { start: i - 1, end: i })?.column === column.column,
    );
    if (!prefixFilter) continue;
    findings.push(
      finding(
        'unanchored-prefix-strip',
        file,
        pattern.token.line,
        message('lint.prefixStrip', {
          column: column.column,
          pattern: quote(pattern.value),
          start: pattern.value.length + 1,
        }),
      ),
    );
  }
  return findings;
}

/** A statement's shape with its string literals masked: statements repeated per value look alike. */
const shapeOf = (tokens: readonly Token[]) =>
  tokens
    .map((token) => (token.kind === 'string' ? "'?'" : token.kind === 'word' ? token.value : token.text))
    .join(' ');

const HOST = /(?:^|[^A-Za-z0-9.-])((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?::\d{1,5})?(?![A-Za-z0-9.-])/;

/** S16/S17: the same UPDATE/DELETE repeated once per hard-coded host. */
function checkHostLists(analyzed: AnalyzedFile): Finding[] {
  const groups = new Map<string, AnalyzedStatement[]>();
  for (const entry of analyzed.statements) {
    if (entry.verb !== 'UPDATE' && entry.verb !== 'DELETE') continue;
    const shape = shapeOf(entry.tokens);
    groups.set(shape, [...(groups.get(shape) ?? []), entry]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (group.length < 2 || first === undefined) continue;
    const hosts = new Set<string>();
    first.tokens.forEach((token, index) => {
      if (token.kind !== 'string') return;
      const values = group.map((entry) => entry.tokens[index]?.value ?? '');
      if (new Set(values).size < 2) return;
      for (const value of values) {
        const host = value.startsWith('$') ? null : HOST.exec(value);
        if (host?.[1] !== undefined) hosts.add(host[1]);
      }
    });
    if (hosts.size < 2) continue;
    const list = [...hosts];
    findings.push(
      finding(
        'hardcoded-host-list',
        analyzed.file.file,
        first.statement.line,
        message('lint.hostList', {
          count: group.length,
          hosts: `${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`,
        }),
      ),
    );
  }
  return findings;
}

/** Text the up file writes into rows: REPLACE replacements and literals concatenated with ||. */
function writtenLiterals(up: AnalyzedFile): string[] {
  const written: string[] = [];
  for (const { tokens, update } of up.statements) {
    if (update === null) continue;
    for (const call of findCalls(tokens, new Set(['replace']), update.set)) {
      const replacement = call.args[2] === undefined ? null : stringLiteral(tokens, call.args[2]);
      if (replacement !== null) written.push(replacement.value);
    }
    for (let i = update.set.start; i < update.set.end; i++) {
      if (!isOp(tokens[i], '||')) continue;
      for (const side of [tokens[i - 1], tokens[i + 1]])
        if (side?.kind === 'string') written.push(side.value);
    }
  }
  return written;
}

/** S15/S17/S19: a down that rewrites every occurrence of what its up wrote. */
function checkDownByValue(down: AnalyzedFile, up: AnalyzedFile | null): Finding[] {
  if (down.file.direction !== 'down' || up === null) return [];
  const written = writtenLiterals(up);
  const findings: Finding[] = [];
  for (const { tokens, update } of down.statements) {
    if (update === null) continue;
    for (const call of findCalls(tokens, new Set(['replace']), update.set)) {
      const pattern = call.args[1] === undefined ? null : stringLiteral(tokens, call.args[1]);
      const replacement = call.args[2] === undefined ? null : stringLiteral(tokens, call.args[2]);
      if (pattern === null || pattern.value === replacement?.value) continue;
      if (pattern.value.length < 2 || /^[\s{}[\],:"]*$/.test(pattern.value)) continue;
      if (!written.some((text) => text.includes(pattern.value))) continue;
      findings.push(
        finding(
          'down-reverts-by-value',
          down.file.file,
          pattern.token.line,
          message('lint.downByValue', { pattern: quote(pattern.value) }),
        ),
      );
      break;
    }
  }
  return findings;
}

/** S20: the file edits data a Go seeder also rewrites, under separate bookkeeping. */
function checkSeederOverlap(analyzed: AnalyzedFile): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const entry of analyzed.statements) {
    const { tokens, update, statement } = entry;
    const target = writeTarget(tokens);
    if (target === 'history_of_seeders' && ['INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(entry.verb)) {
      if (!seen.has('history')) {
        seen.add('history');
        findings.push(
          finding(
            'seeder-overlap',
            analyzed.file.file,
            statement.line,
            message('lint.seederHistory', { verb: entry.verb }),
          ),
        );
      }
      continue;
    }
    if (update === null) continue;
    const literals = tokens
      .filter((token) => token.kind === 'string')
      .map((token) => token.value)
      .join('\n');
    for (const area of SEEDER_AREAS) {
      if (seen.has(area.seeder) || update.table !== area.table) continue;
      if (!update.assignments.some((assignment) => area.columns.includes(assignment.column))) continue;
      if (area.literals !== null && !area.literals.test(literals)) continue;
      seen.add(area.seeder);
      findings.push(
        finding(
          'seeder-overlap',
          analyzed.file.file,
          statement.line,
          message('lint.seederOverlap', { seeder: area.seeder }),
        ),
      );
    }
  }
  return findings;
}

export function checkData(analyzed: AnalyzedFile, up: AnalyzedFile | null): Finding[] {
  const file = analyzed.file.file;
  const findings: Finding[] = [];
  for (const entry of analyzed.statements) {
    findings.push(...checkPasswords(file, entry), ...checkPrefixStrip(file, entry));
  }
  findings.push(
    ...checkHostLists(analyzed),
    ...checkDownByValue(analyzed, up),
    ...checkSeederOverlap(analyzed),
  );
  return findings;
}

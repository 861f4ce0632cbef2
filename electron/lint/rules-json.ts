// Rules about JSON kept as text in the panel's columns (inbounds.settings / stream_settings /
// sniffing, inbound_client_ips.ips, JSON settings.value): string REPLACE and LIKE instead of JSON
// functions (S4–S8, S10–S15), and JSON functions without a json_valid guard (S16).
import { quote, type AnalyzedFile, type AnalyzedStatement } from './analyzed-file';
import { jsonColumnAt, jsonColumnOf, type JsonColumn } from './panel-model';
import { message } from '../shared/i18n';
import { finding, type Finding, type RuleId } from './rules';
import {
  columnRef,
  depths,
  findCalls,
  isIdent,
  isOp,
  isPunct,
  isWord,
  matchParen,
  stringLiteral,
  unwrap,
  type Call,
  type Range,
} from '../sqlfiles/sql-shape';
import type { Token } from '../sqlfiles/sql-tokens';

/** Functions that read their first argument as JSON (and fail on malformed text). */
export const JSON_READERS = new Set(
  [
    'json',
    'json_extract',
    'json_set',
    'json_insert',
    'json_replace',
    'json_remove',
    'json_patch',
    'json_type',
    'json_array_length',
    'json_each',
    'json_tree',
    'json_pretty',
  ].flatMap((name) => [name, name.replace(/^json/, 'jsonb')]),
);

const JSON_GUARDS = new Set(['json_valid', 'json_error_position']);

/** Text functions a REPLACE target may be wrapped in; the column inside is what gets edited. */
const TEXT_FUNCTIONS = new Set([
  'replace',
  'lower',
  'upper',
  'trim',
  'ltrim',
  'rtrim',
  'substr',
  'substring',
]);

const JSON_PUNCTUATION = /^[\s{}[\],:]+$/;
const KEY_TEXT = /"[^"]*"\s*:/;
/** A key followed directly by its value: the compact spelling Go's json.Marshal writes. */
const COMPACT_KEY_VALUE = /"[^"]*":(?=["[{0-9tfn-])/;

/** The column a text expression ultimately edits: REPLACE(REPLACE(col, …), …) → col. */
function editedColumn(tokens: readonly Token[], range: Range): Range {
  const inner = unwrap(tokens, range);
  const head = tokens[inner.start];
  if (
    head?.kind === 'word' &&
    TEXT_FUNCTIONS.has(head.text.toLowerCase()) &&
    isPunct(tokens[inner.start + 1], '(') &&
    matchParen(tokens, inner.start + 1) === inner.end - 1
  ) {
    const [first] = findCalls(tokens, undefined, inner)[0]?.args ?? [];
    if (first !== undefined) return editedColumn(tokens, first);
  }
  return inner;
}

const columnLabel = (column: JsonColumn) => `${column.table}.${column.column}`;

interface ReplaceClass {
  rule: RuleId;
  message: ReturnType<typeof message>;
}

/** What a REPLACE(json, P, R) with literal P and R does to a JSON document. */
function classifyReplace(column: string, pattern: string, replacement: string): ReplaceClass {
  const p = quote(pattern);
  const r = quote(replacement);
  const params = { column, pattern: p, replacement: r };
  if (JSON_PUNCTUATION.test(pattern)) {
    return {
      rule: 'json-replace-punctuation',
      message: message('lint.replacePunctuation', params),
    };
  }
  const bracketsIn = (text: string) => (text.match(/[[\]]/g) ?? []).length;
  if (bracketsIn(pattern) > 0 && bracketsIn(pattern) !== bracketsIn(replacement)) {
    return {
      rule: 'json-replace-brackets',
      message: message('lint.replaceBrackets', params),
    };
  }
  if (replacement.trim() === '' && KEY_TEXT.test(pattern)) {
    const commaLess = !pattern.trim().startsWith(',') && !pattern.trim().endsWith(',');
    return {
      rule: 'json-replace-remove-key',
      message: message(commaLess ? 'lint.replaceRemoveKeyCommaLess' : 'lint.replaceRemoveKey', {
        column,
        pattern: p,
      }),
    };
  }
  if (
    replacement !== pattern &&
    replacement.includes(pattern) &&
    KEY_TEXT.test(replacement.replace(pattern, ''))
  ) {
    return {
      rule: 'json-replace-insert-key',
      message: message('lint.replaceInsertKey', params),
    };
  }
  if (!pattern.includes('"')) {
    return {
      rule: 'json-replace-unanchored',
      message: message('lint.replaceUnanchored', params),
    };
  }
  return {
    rule: 'json-string-edit',
    message: message('lint.replaceStringEdit', params),
  };
}

/** The operand left of LIKE/GLOB (skipping NOT): `col` or `t.col`. */
function likeOperand(tokens: readonly Token[], at: number): Range | null {
  let end = at;
  if (isWord(tokens[end - 1], 'NOT')) end--;
  const last = tokens[end - 1];
  if (!isIdent(last)) return null;
  if (isPunct(tokens[end - 2], '.') && isIdent(tokens[end - 3])) return { start: end - 3, end };
  return { start: end - 1, end };
}

/** WHERE / ON / HAVING / WHEN (a filter) or a value position (SET, SELECT list, THEN …). */
function clauseOf(tokens: readonly Token[], index: number): 'filter' | 'value' {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i];
    if (isPunct(token, ')')) depth++;
    else if (isPunct(token, '(')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isWord(token, 'WHERE', 'ON', 'HAVING', 'WHEN')) return 'filter';
    else if (depth === 0 && isWord(token, 'SET', 'SELECT', 'THEN', 'ELSE', 'VALUES', 'FROM')) return 'value';
  }
  return 'value';
}

export function checkJsonText(analyzed: AnalyzedFile): Finding[] {
  const findings: Finding[] = [];
  for (const entry of analyzed.statements) findings.push(...checkStatement(analyzed.file.file, entry));
  return findings;
}

function checkStatement(file: string, entry: AnalyzedStatement): Finding[] {
  const { tokens, scope, update } = entry;
  const findings: Finding[] = [];
  const once = new Set<RuleId>();
  const report = (
    rule: RuleId,
    token: Token,
    text: ReturnType<typeof message>,
    severity?: 'error' | 'warning',
  ) => {
    if (once.has(rule)) return;
    once.add(rule);
    findings.push(finding(rule, file, token.line, text, severity === undefined ? {} : { severity }));
  };
  const compact: { token: Token; like: boolean }[] = [];
  const calls = findCalls(tokens);
  // In source order of their patterns, so a finding points at the first offending literal.
  const replaceCalls: Call[] = calls
    .filter((call) => call.name === 'replace' && call.args.length === 3)
    .sort((a, b) => (a.args[1]?.start ?? 0) - (b.args[1]?.start ?? 0));

  // REPLACE(x, P, R): a no-op anywhere; on a JSON column, classified by what it does to the text.
  for (const call of replaceCalls) {
    const [target, patternArg, replacementArg] = call.args as [Range, Range, Range];
    const pattern = stringLiteral(tokens, patternArg);
    const replacement = stringLiteral(tokens, replacementArg);
    const columnRange = editedColumn(tokens, target);
    const column = jsonColumnAt(tokens, columnRange, scope);
    const at = pattern?.token ?? (tokens[call.index] as Token);
    if (pattern !== null && replacement !== null && pattern.value === replacement.value) {
      const ref = columnRef(tokens, columnRange);
      report(
        'json-replace-noop',
        at,
        message('lint.replaceNoop', {
          column: ref?.column ?? '…',
          pattern: quote(pattern.value),
          replacement: quote(replacement.value),
        }),
      );
      continue;
    }
    if (column === null) continue;
    if (pattern === null || replacement === null) {
      report('json-string-edit', at, message('lint.replaceOnColumn', { column: columnLabel(column) }));
      continue;
    }
    const kind = classifyReplace(columnLabel(column), pattern.value, replacement.value);
    report(kind.rule, pattern.token, kind.message);
    if (COMPACT_KEY_VALUE.test(pattern.value)) compact.push({ token: pattern.token, like: false });
  }

  // LIKE / GLOB filters on JSON columns.
  tokens.forEach((token, index) => {
    if (!isWord(token, 'LIKE', 'GLOB')) return;
    const operand = likeOperand(tokens, index);
    const literal = tokens[index + 1];
    if (operand === null || literal?.kind !== 'string') return;
    const ref = columnRef(tokens, operand);
    const column = ref === null ? null : jsonColumnOf(ref, scope, tokens);
    const wildcard = token.value === 'LIKE' ? /[%_]/ : /[*?[]/;
    if (!wildcard.test(literal.value)) {
      report(
        'like-without-wildcard',
        literal,
        column === null
          ? message('lint.likeEquality', {
              column: ref?.column ?? 'x',
              operator: token.value,
              literal: quote(literal.value),
            })
          : message('lint.likeJsonNoWildcard', {
              column: columnLabel(column),
              operator: token.value,
              literal: quote(literal.value),
            }),
        column === null ? 'warning' : 'error',
      );
      return;
    }
    if (column === null) return;
    if (COMPACT_KEY_VALUE.test(literal.value)) {
      compact.push({ token: literal, like: true });
      return;
    }
    report(
      'json-text-like',
      literal,
      message('lint.jsonTextLike', {
        column: columnLabel(column),
        operator: token.value,
        literal: quote(literal.value),
      }),
    );
  });

  const firstCompact = compact.find((entry) => entry.like) ?? compact[0];
  if (firstCompact !== undefined) {
    report(
      'json-compact-pattern',
      firstCompact.token,
      message(firstCompact.like ? 'lint.compactNeverSelected' : 'lint.compactLeftUnchanged', {
        literal: quote(firstCompact.token.value),
      }),
    );
  }

  // Other text surgery assigned to a JSON column: ||, substr, trim … outside JSON functions.
  if (update !== null) {
    for (const assignment of update.assignments) {
      const column = jsonColumnOf({ table: update.table, column: assignment.column }, scope, tokens);
      if (column === null) continue;
      const inside = calls.filter(
        (call) =>
          (JSON_READERS.has(call.name) || call.name === 'replace' || call.name.startsWith('json')) &&
          call.index >= assignment.expr.start &&
          call.close < assignment.expr.end,
      );
      const covered = (index: number) => inside.some((call) => index > call.index && index < call.close);
      for (let i = assignment.expr.start; i < assignment.expr.end; i++) {
        const token = tokens[i] as Token;
        const textFunction =
          token.kind === 'word' &&
          isPunct(tokens[i + 1], '(') &&
          TEXT_FUNCTIONS.has(token.text.toLowerCase()) &&
          token.text.toLowerCase() !== 'replace';
        if ((isOp(token, '||') || textFunction) && !covered(i)) {
          report(
            'json-string-edit',
            token,
            message('lint.builtAsText', { column: columnLabel(column), operator: token.text }),
          );
          break;
        }
      }
    }
  }

  // JSON functions over a JSON column without json_valid: one malformed row fails the whole file.
  const guards = calls.filter((call) => JSON_GUARDS.has(call.name));
  const levels = depths(tokens);
  const readers: { index: number; column: JsonColumn; name: string }[] = [];
  for (const call of calls) {
    if (!JSON_READERS.has(call.name) || call.args[0] === undefined) continue;
    const column = jsonColumnAt(tokens, call.args[0], scope);
    if (column !== null) readers.push({ index: call.index, column, name: call.name });
  }
  tokens.forEach((token, index) => {
    if (!isOp(token, '->') && !isOp(token, '->>')) return;
    const operand = likeOperand(tokens, index);
    const column = operand === null ? null : jsonColumnAt(tokens, operand, scope);
    if (column !== null) readers.push({ index, column, name: token.text });
  });
  for (const reader of readers.sort((a, b) => a.index - b.index)) {
    const guarded = guards.some((guard) => {
      const arg = guard.args[0];
      const ref = arg === undefined ? null : columnRef(tokens, arg);
      if (ref?.column !== reader.column.column) return false;
      if (clauseOf(tokens, reader.index) === 'value') return true;
      if (guard.index > reader.index) return false;
      // `json_valid(x) OR json_extract(x, …)` still evaluates the call on invalid rows.
      const level = levels[reader.index] ?? 0;
      return !tokens
        .slice(guard.close, reader.index)
        .some((token, k) => isWord(token, 'OR') && (levels[guard.close + k] ?? 0) <= level);
    });
    if (!guarded) {
      report(
        'json-function-unguarded',
        tokens[reader.index] as Token,
        message('lint.jsonUnguarded', {
          function: reader.name,
          column: columnLabel(reader.column),
          name: reader.column.column,
        }),
      );
    }
  }
  return findings;
}

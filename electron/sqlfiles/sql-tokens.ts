// A small SQLite tokenizer for the migration linter: comments are dropped, quotes respected, every
// token keeps its line. Statements split at `;` except inside a trigger body (BEGIN … END), which is
// how sqlite3_exec (and so golang-migrate's sqlite3 driver) walks a file.
import { message } from '../shared/i18n';

export type TokenKind = 'word' | 'quoted' | 'string' | 'blob' | 'number' | 'param' | 'op' | 'punct' | 'semi';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** `word`: upper-cased; `quoted`/`string`: the unquoted, unescaped value; otherwise the text. */
  value: string;
  line: number;
  /** Offset in the source text. */
  start: number;
}

export interface LexProblem {
  line: number;
  /** English text, with its catalog key beside it. */
  message: ReturnType<typeof message>;
}

export interface Statement {
  tokens: Token[];
  /** Line of the first token. */
  line: number;
  endLine: number;
}

export interface ParsedSql {
  statements: Statement[];
  problems: LexProblem[];
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const THREE_CHAR_OPS = ['->>'];
const TWO_CHAR_OPS = ['||', '->', '<=', '>=', '<>', '!=', '==', '<<', '>>'];

export function tokenize(source: string): { tokens: Token[]; problems: LexProblem[] } {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  let i = 0;
  let line = 1;
  const advanceTo = (end: number) => {
    for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) line++;
    i = end;
  };
  const push = (kind: TokenKind, end: number, value?: string) => {
    const raw = text.slice(i, end);
    tokens.push({ kind, text: raw, value: value ?? raw, line, start: i });
    advanceTo(end);
  };
  // A quoted run with the closing character doubled as its escape ('it''s', "a""b", `a``b`).
  const quoted = (open: number, close: string): { end: number; value: string } | null => {
    let k = open + 1;
    let value = '';
    while (k < text.length) {
      const ch = text[k];
      if (ch === close) {
        if (text[k + 1] === close && close !== ']') {
          value += close;
          k += 2;
          continue;
        }
        return { end: k + 1, value };
      }
      value += ch;
      k++;
    }
    return null;
  };

  while (i < text.length) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      advanceTo(i + 1);
    } else if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      advanceTo(end === -1 ? text.length : end);
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) {
        problems.push({ line, message: message('lint.unterminatedComment') });
        advanceTo(text.length);
      } else {
        advanceTo(end + 2);
      }
    } else if (ch === "'" || ((ch === 'x' || ch === 'X') && next === "'")) {
      const isBlob = ch !== "'";
      const found = quoted(isBlob ? i + 1 : i, "'");
      if (found === null) {
        problems.push({ line, message: message('lint.unterminatedString') });
        push('string', text.length, text.slice(i + (isBlob ? 2 : 1)));
      } else {
        push(isBlob ? 'blob' : 'string', found.end, found.value);
      }
    } else if (ch === '"' || ch === '`' || ch === '[') {
      const found = quoted(i, ch === '[' ? ']' : ch);
      if (found === null) {
        problems.push({ line, message: message('lint.unterminatedIdentifier', { quote: ch }) });
        push('quoted', text.length, text.slice(i + 1));
      } else {
        push('quoted', found.end, found.value);
      }
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      const match = /^(0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.)/.exec(text.slice(i));
      push('number', i + (match?.[0].length ?? 1));
    } else if (WORD_START.test(ch)) {
      let k = i + 1;
      while (k < text.length && WORD_PART.test(text[k] as string)) k++;
      push('word', k, text.slice(i, k).toUpperCase());
    } else if (
      ch === '?' ||
      ((ch === ':' || ch === '@' || ch === '$') && next !== undefined && WORD_PART.test(next))
    ) {
      let k = i + 1;
      while (k < text.length && WORD_PART.test(text[k] as string)) k++;
      push('param', k);
    } else if (ch === ';') {
      push('semi', i + 1);
    } else if (ch === '(' || ch === ')' || ch === ',' || ch === '.') {
      push('punct', i + 1);
    } else {
      const three = text.slice(i, i + 3);
      const two = text.slice(i, i + 2);
      if (THREE_CHAR_OPS.includes(three)) push('op', i + 3);
      else if (TWO_CHAR_OPS.includes(two)) push('op', i + 2);
      else push('op', i + 1);
    }
  }
  return { tokens, problems };
}

const isWord = (token: Token | undefined, ...words: string[]): boolean =>
  token !== undefined && token.kind === 'word' && words.includes(token.value);

/** Splits at `;` like sqlite3_exec: a CREATE TRIGGER body runs from BEGIN to its END. */
export function splitStatements(tokens: readonly Token[]): Statement[] {
  const statements: Statement[] = [];
  let current: Token[] = [];
  let inTrigger = false;
  let blockDepth = 0;
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first !== undefined && last !== undefined) {
      statements.push({ tokens: current, line: first.line, endLine: last.line });
    }
    current = [];
    inTrigger = false;
    blockDepth = 0;
  };
  for (const token of tokens) {
    if (token.kind === 'semi') {
      if (blockDepth === 0) {
        flush();
        continue;
      }
      current.push(token);
      continue;
    }
    current.push(token);
    if (current.length <= 4 && isWord(token, 'TRIGGER') && isWord(current[0], 'CREATE')) inTrigger = true;
    if (inTrigger && token.kind === 'word') {
      if (token.value === 'BEGIN' || (token.value === 'CASE' && blockDepth > 0)) blockDepth++;
      else if (token.value === 'END' && blockDepth > 0) blockDepth--;
    }
  }
  flush();
  return statements;
}

export function parseSql(source: string): ParsedSql {
  const { tokens, problems } = tokenize(source);
  return { statements: splitStatements(tokens), problems };
}

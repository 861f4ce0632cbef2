// The history log keeps its notes as English text only (its table layout predates the catalog, and
// older files hold such rows): to show them in the chosen language, a note is matched back to the
// catalog entry whose English rendering it is, parameters recovered from the text. A note no entry
// renders stays as it was written.
import { en, type Message, type MessageKey } from './index';

interface Pattern {
  key: MessageKey;
  regex: RegExp;
  /** For each capture group, the parameter it fills. */
  names: string[];
  /** Literal characters: the more, the more specific the entry. */
  weight: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ONE = '\u0000one:';
const OTHER = '\u0000other:';
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

function compile(key: MessageKey, template: string): Pattern {
  const names: string[] = [];
  const seen = new Map<string, number>();
  let weight = 0;
  const literal = (text: string) => {
    weight += text.length;
    return escape(text);
  };
  // A parameter's first place captures it, later places must repeat the same text.
  const param = (name: string) => {
    const first = seen.get(name);
    if (first !== undefined) return `\\${first}`;
    names.push(name);
    seen.set(name, names.length);
    return '(.+?)';
  };
  const plain = (text: string) =>
    text
      .split(/(\{\w+\})/)
      .map((piece) => (/^\{\w+\}$/.test(piece) ? param(piece.slice(1, -1)) : literal(piece)))
      .join('');
  // Each plural form captures its own `#` (a group in one alternative cannot be referred to from the other).
  const form = (name: string, text: string) => {
    names.push(name);
    return text.split('#').map(escape).join('(\\d+)');
  };
  let source = '';
  let last = 0;
  for (const match of template.matchAll(PLURAL)) {
    source += plain(template.slice(last, match.index));
    const [, name = '', one = '', other = ''] = match;
    // A form without `#` still tells the count apart: 1 for `one`, any other number for `other`.
    const bare = (marker: string, text: string) => {
      names.push(`${marker}${name}`);
      return `(${escape(text)})`;
    };
    const first = one.includes('#') ? form(name, one) : bare(ONE, one);
    const second = other.includes('#') ? form(name, other) : bare(OTHER, other);
    source += `(?:${first}|${second})`;
    last = match.index + match[0].length;
  }
  source += plain(template.slice(last));
  return { key, regex: new RegExp(`^${source}$`, 's'), names, weight };
}

/** Entries that are parts of a note (a trigger, a former state), matched inside a note's parameters. */
const PART_KEYS: readonly string[] = ['note.triggerOn', 'note.forcedWasDirty', 'note.forcedWasVersion'];

const isPart = (key: string) => PART_KEYS.includes(key) || key.startsWith('targetProblem.');

let patterns: { notes: Pattern[]; parts: Pattern[] } | null = null;

function allPatterns(): { notes: Pattern[]; parts: Pattern[] } {
  if (patterns === null) {
    const compiled = (Object.keys(en) as MessageKey[])
      .filter((key) => /^(note|skip|auditSummary|checkRow|targetProblem)\./.test(key))
      .map((key) => compile(key, en[key]))
      .sort((a, b) => b.weight - a.weight);
    patterns = {
      notes: compiled.filter((pattern) => !isPart(pattern.key)),
      parts: compiled.filter((pattern) => isPart(pattern.key)),
    };
  }
  return patterns;
}

function matchWith(list: Pattern[], text: string): Message | null {
  for (const pattern of list) {
    const match = pattern.regex.exec(text);
    if (match === null) continue;
    const params: Record<string, string> = {};
    pattern.names.forEach((name, index) => {
      const value = match[index + 1];
      if (value === undefined) return;
      if (name.startsWith(ONE)) params[name.slice(ONE.length)] ??= '1';
      else if (name.startsWith(OTHER)) params[name.slice(OTHER.length)] ??= '2';
      else params[name] ??= value;
    });
    return Object.keys(params).length === 0 ? { key: pattern.key } : { key: pattern.key, params };
  }
  return null;
}

/** The catalog message whose English rendering `text` is, or null; worded parameters become parts. */
export function matchNote(text: string): Message | null {
  const { notes, parts } = allPatterns();
  const found = matchWith(notes, text);
  if (found?.params === undefined) return found;
  const partsOf: NonNullable<Message['parts']> = {};
  for (const [name, value] of Object.entries(found.params)) {
    const pieces = String(value)
      .split(', ')
      .map((piece) => matchWith(parts, piece));
    if (pieces.every((piece) => piece !== null)) partsOf[name] = pieces as Message[];
  }
  return Object.keys(partsOf).length === 0 ? found : { ...found, parts: partsOf };
}

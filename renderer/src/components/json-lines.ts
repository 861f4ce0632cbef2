// "Full text" of a JSON value (issue 14B, point 11): indented without parsing it, so the keys stay
// in the order (and with the duplicates) the database holds, and each line knows its key path so
// the keys a step changes can be highlighted. Anything that is not JSON comes back as one block.

export interface JsonLine {
  text: string;
  /** The key path of the value on this line ("clients.0.flow"), as the key-level diff names it. */
  path: string;
}

/** Splits JSON text into tokens: strings, punctuation and bare words (numbers, true, null). */
function tokens(text: string): string[] | null {
  const out: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) return null;
      out.push(text.slice(index, end + 1));
      index = end + 1;
    } else if ('{}[]:,'.includes(char)) {
      out.push(char);
      index++;
    } else {
      const match = /^[^\s{}[\]:,"]+/.exec(text.slice(index));
      if (match === null) return null;
      out.push(match[0]);
      index += match[0].length;
    }
  }
  return out;
}

type Frame = { kind: 'object'; key: string | null } | { kind: 'array'; index: number };

export function jsonLines(text: string): JsonLine[] | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  const list = tokens(trimmed);
  if (list === null) return null;
  const lines: JsonLine[] = [];
  const stack: Frame[] = [];
  let line = '';
  let linePath = '';
  const pathNow = () =>
    stack
      .map((frame) => (frame.kind === 'object' ? (frame.key ?? '') : String(frame.index)))
      .filter((part, i, all) => part !== '' || i < all.length - 1)
      .join('.');
  const indent = () => '  '.repeat(stack.length);
  const flush = () => {
    if (line !== '') lines.push({ text: line, path: linePath });
    line = '';
  };
  const startLine = () => {
    flush();
    line = indent();
    linePath = pathNow();
  };
  for (let i = 0; i < list.length; i++) {
    const token = list[i] ?? '';
    const top = stack[stack.length - 1];
    if (token === '{' || token === '[') {
      if (line === '') startLine();
      line += token;
      stack.push(token === '{' ? { kind: 'object', key: null } : { kind: 'array', index: 0 });
      const next = list[i + 1];
      if (next === '}' || next === ']') continue;
      startLine();
    } else if (token === '}' || token === ']') {
      stack.pop();
      if (line.trim() !== '' && list[i - 1] !== '{' && list[i - 1] !== '[') startLine();
      line += token;
    } else if (token === ',') {
      line += ',';
      if (top?.kind === 'array') top.index++;
      startLine();
    } else if (token === ':') {
      line += ': ';
    } else if (top?.kind === 'object' && list[i + 1] === ':') {
      try {
        top.key = String(JSON.parse(token));
      } catch {
        top.key = token;
      }
      linePath = pathNow();
      line += token;
    } else {
      if (line === '') startLine();
      line += token;
    }
  }
  flush();
  return lines;
}

/** True when the line's path is a changed path or lies inside one. */
export function isChangedPath(path: string, changed: readonly string[]): boolean {
  return changed.some((item) => item !== '' && (path === item || path.startsWith(`${item}.`)));
}

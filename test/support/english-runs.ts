// Finds untranslated English in text meant to be Chinese: a run of four or more English words in
// a row, outside identifiers, paths, quoted data and product names. Used by the CLI and the
// browser zh-CN tests, so both judge "untranslated" the same way.

/** Names that stay as they are in any language. */
const PRODUCT_NAMES = new Set(
  [
    'PanelDB',
    'Xray',
    'Xray-core',
    'XTLS',
    'VLESS',
    'VMess',
    'Trojan',
    'REALITY',
    'XHTTP',
    'Vision',
    'SQLite',
    'WAL',
    'SHM',
    'JSON',
    'SQL',
    'TLS',
    'TCP',
    'GORM',
    'Go',
    'X-Panel',
    '3x-ui',
    'golang-migrate',
    'bcrypt',
    'Encryption',
    'Down()',
    'Intl',
    'Ctrl+C',
    'ws',
    'grpc',
    'kcp',
    'httpupgrade',
    'raw',
    'sha256',
    'Electron',
    'Chromium',
    'up',
    'down',
    'dirty',
    'nil',
    'safe',
    'panel',
    'demo',
  ].map((name) => name.toLowerCase()),
);

/** Quoted data ("…", '…', “…”, `…`, «…») is data or a quotation, not text to translate. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|`[^`\n]*`|'[^'\n]*'|‘[^’\n]*’/g;

function isEnglishWord(token: string): boolean {
  if (/^[[<]/.test(token)) return false; // [options], <db>: placeholders in a usage line
  const word = token.replace(/^[([{<]+/, '').replace(/[)\]}>,.:;!?]+$/, '');
  if (!/^[A-Za-z]+$/.test(word)) return false; // digits, _, /, ., - make it an identifier or path
  if (PRODUCT_NAMES.has(word.toLowerCase())) return false;
  if (/^[A-Z0-9_]{2,}$/.test(word)) return false; // CONSTANT, code
  if (/[a-z][A-Z]/.test(word)) return false; // camelCase identifier
  return true;
}

/** Every run of `min` or more English words in a row, one line at a time. */
export function englishRuns(text: string, min = 4): string[] {
  const runs: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = line
      .replace(QUOTED, ' § ')
      .split(/[\s\u3000]+|(?<=[\u3000-\u9fff\uff00-\uffef])|(?=[\u3000-\u9fff\uff00-\uffef])/u);
    let run: string[] = [];
    const flush = () => {
      if (run.length >= min) runs.push(run.join(' '));
      run = [];
    };
    for (const token of tokens) {
      if (token === '') continue;
      if (isEnglishWord(token)) run.push(token);
      else flush();
    }
    flush();
  }
  return runs;
}

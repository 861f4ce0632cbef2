// One glossary for the CLI and the UI: the terms an admin decides by, the same word everywhere.
// (The UI's own keys use these words too; test/renderer/i18n-catalog.test.ts checks that they do.)
export const glossaryEn = {
  'term.generation': 'Generation',
  'term.fix': 'Apply fix',
  'term.repair': 'Repair migration state',
  'term.dryRun': 'Dry run',
  'term.rowsWouldChange': '{count, plural, one {would change # row} other {would change # rows}}',
  'term.rowsChanged': '{count, plural, one {# row changed} other {# rows changed}}',
  'term.valueHidden': 'changed (value hidden)',
  'term.wholeText': '(text)',
  'term.was': 'was',
};

export const glossaryZhCN: Record<keyof typeof glossaryEn, string> = {
  'term.generation': '文件世代',
  'term.fix': '应用修复',
  'term.repair': '修复迁移状态',
  'term.dryRun': '演练',
  'term.rowsWouldChange': '将修改 {count} 行',
  'term.rowsChanged': '修改了 {count} 行',
  'term.valueHidden': '已修改（值不显示）',
  'term.wholeText': '（整段文本）',
  'term.was': '原为',
};

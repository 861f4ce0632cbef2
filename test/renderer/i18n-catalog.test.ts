// The one catalog (electron/shared/i18n): every English key has a Chinese text with the same
// placeholders, the checks' English equals the rules' own texts, one word per glossary term, and
// plurals and tenses read right.
import { describe, expect, it } from 'vitest';
import { CHECK_RULES } from '../../electron/core/health-check-rules';
import { RULE_IDS, RULES, ruleReasonKey } from '../../electron/lint/rules';
import {
  en,
  format,
  message,
  placeholders,
  renderMessage,
  translate,
  zhCN,
  type MessageKey,
} from '../../electron/shared/i18n';
import { englishRuns } from '../support/english-runs';

describe('the shared catalog', () => {
  it('has a non-empty Chinese text with the same placeholders for every English key', () => {
    const keys = Object.keys(en) as MessageKey[];
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('has no run of English words in any Chinese text, whatever its parameters', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      const params = Object.fromEntries(placeholders(text).map((name) => [name, 'x_1']));
      expect(englishRuns(format(text, params)), key).toEqual([]);
    }
  });

  it('holds each lint rule’s reason exactly as electron/lint/rules.ts states it', () => {
    for (const rule of RULE_IDS) expect(translate('en', ruleReasonKey(rule))).toBe(RULES[rule].reason);
  });

  it('renders a message’s parts (a list of messages) in the chosen language, joined its way', () => {
    const parts = {
      differences: [
        { key: 'lint.diff.missing', params: { names: 'id' } },
        { key: 'lint.diff.extra', params: { names: 'created_at' } },
      ],
      how: [{ key: 'lint.ddlHowCreate' }],
    };
    const m = message('lint.ddlMismatch', { table: 'users' }, parts);
    expect(m.text).toBe(
      "CREATE TABLE users differs from the panel's GORM schema: no id; extra created_at. where it runs, the panel gets a table GORM did not make",
    );
    expect(renderMessage('zh-CN', m, '')).toBe(
      'CREATE TABLE users 与面板的 GORM 结构不同：缺少 id；多出 created_at。在它执行的地方，面板得到的是一张并非 GORM 创建的表',
    );
  });

  it('holds each check rule’s title and reason exactly as the engine reports them', () => {
    for (const rule of CHECK_RULES) {
      expect(translate('en', `check.${rule.id}.title` as MessageKey)).toBe(rule.title);
      expect(translate('en', `check.${rule.id}.reason` as MessageKey)).toBe(rule.reason);
    }
  });

  it('uses one Chinese word per glossary term in the UI as in the CLI', () => {
    expect(zhCN['overview.generation']).toBe(zhCN['term.generation']);
    expect(zhCN['operation.fix']).toBe(zhCN['term.fix']);
    expect(zhCN['operation.repair']).toBe(zhCN['term.repair']);
    expect(zhCN['operation.fix']).not.toBe(zhCN['operation.repair']);
    expect(zhCN['action.fix']).not.toBe(zhCN['action.repair']);
    expect(zhCN['reason.before-fix']).not.toBe(zhCN['reason.before-repair']);
    expect(zhCN['reason.manual']).toBe('手动');
  });

  it('puts English plurals right and a dry run in the future tense', () => {
    expect(translate('en', 'term.rowsWouldChange', { count: 1 })).toBe('would change 1 row');
    expect(translate('en', 'term.rowsWouldChange', { count: 3 })).toBe('would change 3 rows');
    expect(translate('en', 'term.rowsChanged', { count: 0 })).toBe('0 rows changed');
    expect(translate('zh-CN', 'term.rowsWouldChange', { count: 3 })).toBe('将修改 3 行');
  });

  it('names plural variables as placeholders', () => {
    expect(placeholders('{count, plural, one {# row} other {# rows}} in {table}')).toEqual([
      'count',
      'table',
    ]);
  });
});

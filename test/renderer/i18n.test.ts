import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../electron/shared/result';
import {
  detectLanguage,
  DICTIONARIES,
  errorKey,
  LANGUAGE_STORAGE_KEY,
  translate,
} from '../../renderer/src/i18n';
import { createAppStore } from '../../renderer/src/store';
import { memoryStore } from '../../renderer/src/store/env';
import { fakeApi } from './fake-api';

import { en, placeholders, zhCN } from '../../electron/shared/i18n';

describe('the dictionaries', () => {
  it('zh-CN has exactly the English keys, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), key).not.toBe('');
  });

  it('each translation uses the same placeholders as the English text', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(zhCN[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it('has a human message for every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      for (const dictionary of Object.values(DICTIONARIES))
        expect(dictionary[errorKey(code)], code).toBeTruthy();
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'header.version', { current: 3, latest: 5 })).toBe('v3 of 5');
    expect(translate('zh-CN', 'header.version', { current: 3, latest: 5 })).toBe('v3 / 最新 v5');
    expect(translate('en', 'header.version', { current: 3 })).toBe('v3 of {latest}');
  });

  it('inserts database values as they are: no markup is interpreted here', () => {
    const remark = '<img src=x onerror=alert(1)>';
    expect(translate('en', 'activity.opened', { name: remark })).toBe(`Opened ${remark}`);
  });
});

describe('the interface language', () => {
  it('follows the system language: zh* → zh-CN, anything else → English', () => {
    expect(detectLanguage(null, ['zh-TW'])).toBe('zh-CN');
    expect(detectLanguage(null, ['zh'])).toBe('zh-CN');
    expect(detectLanguage(null, ['en-US'])).toBe('en');
    expect(detectLanguage(null, ['fr-FR'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
    expect(detectLanguage('klingon', ['zh-CN'])).toBe('zh-CN');
  });

  it('is switchable and remembered for the next start', () => {
    const storage = memoryStore();
    const env = { storage, languages: ['zh-CN'], now: () => new Date() };
    const store = createAppStore(fakeApi(), env);
    expect(store.getState().language).toBe('zh-CN');
    store.getState().setLanguage('en');
    expect(store.getState().language).toBe('en');
    expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(createAppStore(fakeApi(), env).getState().language).toBe('en');
  });

  it('still switches when storage refuses to write', () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createAppStore(fakeApi(), { storage, languages: ['en-GB'], now: () => new Date() });
    store.getState().setLanguage('zh-CN');
    expect(store.getState().language).toBe('zh-CN');
  });
});

describe('the health checks in Chinese', () => {
  it('has a Chinese title and reason for every rule the engine defines', async () => {
    const { CHECK_RULES } = await import('../../electron/core/health-check-rules');
    const { checkTextZhCN } = await import('../../electron/shared/i18n/checks-zh-CN');
    for (const rule of CHECK_RULES) {
      const text = checkTextZhCN(rule.id);
      expect(text, rule.id).toBeDefined();
      expect(text?.title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(checkTextZhCN('markers.disagree.TlsConfigMigration')).toBeDefined();
  });
});

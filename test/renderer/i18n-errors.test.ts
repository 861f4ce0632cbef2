// Issue 15: every error text PanelDB writes is a catalog message with a real Chinese rendering, and
// a plain English string cannot be given where an error's text goes (checked by tsc on this file:
// each @ts-expect-error below fails the type check the day a string is accepted again).
import { describe, expect, it } from 'vitest';
import { EngineError, toFailure } from '../../electron/core/engine-error';
import { StepFailure } from '../../electron/core/step-types';
import { errorsEn } from '../../electron/shared/i18n/errors-en';
import { errorsZhCN } from '../../electron/shared/i18n/errors-zh-CN';
import { message, placeholders, renderMessage, zhCN, type MessageKey } from '../../electron/shared/i18n';
import { appError, fail, isMessageRef } from '../../electron/shared/result';
import { englishRuns } from '../support/english-runs';

describe('the error catalog', () => {
  it('renders every error key in Chinese, not as a copy of the English', () => {
    const keys = Object.keys(errorsEn) as Array<keyof typeof errorsEn>;
    expect(Object.keys(errorsZhCN).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(errorsZhCN[key], key).not.toBe(errorsEn[key]);
      expect(errorsZhCN[key], key).toMatch(/[\u4e00-\u9fff]/u);
      expect(placeholders(errorsZhCN[key]), key).toEqual(placeholders(errorsEn[key]));
      // The merged catalog holds these texts (no other file overrides an error key).
      expect(zhCN[key as MessageKey], key).toBe(errorsZhCN[key]);
    }
  });

  it('keeps data as data: parameters go in untranslated', () => {
    const text = message('err.lock.held', {
      path: '/etc/x-ui/x-ui.db',
      command: 'migrate',
      pid: 4242,
      host: 'vps-1',
      since: '2026-12-02T15:00:00.000Z',
    });
    const zh = renderMessage('zh-CN', text, '');
    for (const data of ['/etc/x-ui/x-ui.db', 'migrate', '4242', 'vps-1', '2026-12-02T15:00:00.000Z'])
      expect(zh).toContain(data);
    expect(englishRuns(zh)).toEqual([]);
  });

  it('renders a step’s reason inside MIGRATION_FAILED in the reader’s language', () => {
    const reason = new StepFailure(message('err.password.noSuchUser', { user: '"bob"' }));
    const failed = message(
      'err.migration.stepFailed',
      { version: 5, name: 'user_password_hash' },
      {
        reason: [reason.msg],
      },
    );
    expect(failed.text).toBe(
      'Step 5 user_password_hash failed: No panel user is named "bob".. Nothing was written; the database is exactly as it was.',
    );
    expect(renderMessage('zh-CN', failed, '')).toBe(
      '第 5 步 user_password_hash 失败：面板中没有名为 "bob" 的用户。（未写入任何内容；数据库与之前完全相同）',
    );
  });

  it('gives every failure a key: EngineError, fail(), appError() and the INTERNAL fallback', () => {
    const thrown = new EngineError('FILE_NOT_FOUND', message('errorText.notFound', { path: '/a.db' }));
    expect(thrown.toAppError().msg).toEqual({ key: 'errorText.notFound', params: { path: '/a.db' } });
    const failed = fail('NO_DATABASE_OPEN', message('err.session.noDatabase'));
    expect(!failed.ok && failed.error.msg).toEqual({ key: 'err.session.noDatabase' });
    expect(appError('INTERNAL', message('err.internal')).message).toBe(
      'PanelDB hit an unexpected error; nothing was written.',
    );
    const internal = toFailure(new TypeError('boom'));
    expect(!internal.ok && internal.error.msg).toEqual({ key: 'err.internal' });
    expect(!internal.ok && internal.error.detail).toContain('boom');
  });

  it('takes a message with nested parts over JSON, and refuses malformed parts', () => {
    const failed = message(
      'err.migration.stepFailed',
      { version: 5, name: 'x' },
      {
        reason: [{ key: 'err.password.noSuchUser', params: { user: 'bob' } }],
      },
    );
    expect(isMessageRef(JSON.parse(JSON.stringify(failed)))).toBe(true);
    expect(isMessageRef({ key: 'err.internal', parts: { reason: 'text' } })).toBe(false);
    expect(isMessageRef({ key: 'err.internal', parts: { reason: [{ key: 1 }] } })).toBe(false);
  });

  it('does not compile a plain string where an error’s text goes', () => {
    // @ts-expect-error an error's text is a catalog message, never a plain string
    const engine = () => new EngineError('INTERNAL', 'plain English');
    // @ts-expect-error the same for fail()
    const result = () => fail('INTERNAL', 'plain English');
    // @ts-expect-error and for a step's own refusal
    const step = () => new StepFailure('plain English');
    expect([engine, result, step].every((make) => typeof make === 'function')).toBe(true);
  });
});

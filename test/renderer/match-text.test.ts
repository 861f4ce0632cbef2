// The History tab shows the log's English notes in the chosen language by matching each back to the
// catalog entry that rendered it (electron/shared/i18n/match-text.ts): every note kind the engine
// logs round-trips, the data in it survives as parameters, and a text no entry renders is left be.
import { describe, expect, it } from 'vitest';
import { message, renderMessage, type MessageKey, type Params } from '../../electron/shared/i18n';
import { matchNote } from '../../electron/shared/i18n/match-text';
import { triggerNotes } from '../../electron/core/trigger-effects';
import { englishRuns } from '../support/english-runs';

const zh = (text: string) => renderMessage('zh-CN', matchNote(text), text);

describe('matching a logged note back to its catalog entry', () => {
  const samples: Array<[MessageKey, Params]> = [
    ['note.downExact', {}],
    ['note.downNotExact', { tables: 'client_traffics, users', count: 2 }],
    ['note.downNotExact', { tables: 'users', count: 1 }],
    ['note.tlsAdapted', { count: 3 }],
    ['note.flowSet', { flow: 'xtls-rprx-vision', clients: 4, inbounds: 2 }],
    ['note.fixTrafficRowAdded', { label: 'inbounds #3 (home)', email: 'alice@x' }],
    ['note.passwordSet', { user: '"admin"', cost: 10 }],
    ['note.ranFile', { file: '000006_add_index.up.sql' }],
    ['note.passwordsHashed', { count: 1, cost: 10 }],
  ];
  for (const [key, params] of samples) {
    it(`finds ${key} with its parameters (${JSON.stringify(params)})`, () => {
      const { text } = message(key, params);
      const found = matchNote(text);
      expect(found?.key).toBe(key);
      expect(renderMessage('en', found, '')).toBe(text);
      expect(englishRuns(zh(text))).toEqual([]);
    });
  }

  it('renders the trigger notes and a forced version in Chinese, naming the trigger and its table', () => {
    const [fire, changed] = triggerNotes(
      [{ name: 'wipe_traffic', table: 'inbounds' }],
      [{ table: 'client_traffics', rows_before: 6, rows_after: 0 }],
    );
    expect(fire).toBe('Triggers fire on the tables this step writes: wipe_traffic (on inbounds).');
    expect(zh(fire ?? '')).toBe('本步写入的数据表上有触发器会触发：wipe_traffic（位于 inbounds）。');
    expect(zh(changed ?? '')).toBe('client_traffics 被触发器修改（之前 6 行，之后 0 行）。');
    expect(zh('Marked clean at version 3 (was dirty at 3).')).toBe(
      '已将版本标记为 3 且状态干净（此前：dirty，版本 3）。',
    );
  });

  it('leaves a text no catalog entry renders as it is', () => {
    expect(matchNote('Something a hand-written tool logged.')).toBeNull();
    expect(zh('Something a hand-written tool logged.')).toBe('Something a hand-written tool logged.');
  });

  it('shows the audit log’s summaries in Chinese, the check id and version kept', () => {
    expect(zh('roll back 1 step(s)')).toBe('回滚 1 步');
    expect(zh('migrate to v2')).toBe('迁移到 v2');
    expect(zh('migrate')).toBe('迁移');
    expect(zh('fix traffic.missing-row')).toBe('修复 traffic.missing-row');
    expect(zh('revert fix traffic.missing-row')).toBe('撤销修复 traffic.missing-row');
    expect(zh('force version 3 (steps acknowledged as not run)')).toBe(
      '强制设定版本 3（已确认这些步骤不会运行）',
    );
  });

  it('shows a REALITY target row in Chinese, the target itself left as data', () => {
    expect(zh('inbounds #3 (edge): target "example.com" (no port)')).toBe(
      'inbounds #3 (edge)：target "example.com"（没有端口）',
    );
    expect(zh('inbounds #4: dest 70000 (port out of range)')).toBe('inbounds #4：dest 70000（端口超出范围）');
  });
});

// The detector the zh-CN tests rely on: it must catch a half-English sentence and let names be.
import { describe, expect, it } from 'vitest';
import { englishRuns } from '../support/english-runs';

describe('englishRuns', () => {
  it('finds the half-and-half error the issue quoted', () => {
    expect(englishRuns('数据库已损坏：/tmp/x.db is damaged: it cannot read all of it.')).toEqual([
      'is damaged: it cannot read all of it.',
    ]);
  });

  it('lets product names, identifiers, paths, usage placeholders and quoted text be', () => {
    expect(
      englishRuns(
        '未设置 Vision：XHTTP 未启用 VLESS Encryption（“XTLS only supports TLS and REALITY directly”）',
      ),
    ).toEqual([]);
    expect(englishRuns('restore [options] <db> <backup>  校验备份')).toEqual([]);
    expect(
      englishRuns('schema_migrations TlsConfigMigration /tmp/a/b.db inbound-443 ROLLBACK_REFUSED'),
    ).toEqual([]);
  });

  it('counts four words as a run and three as none', () => {
    expect(englishRuns('数据 one two three 数据')).toEqual([]);
    expect(englishRuns('数据 one two three four 数据')).toEqual(['one two three four']);
  });
});

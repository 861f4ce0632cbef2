// The CLI's own words for an engine hint (issue 14, point 8): the engine says what would get past a
// refusal as data; the app turns it into a button, the command line into the command to type.
import type { AppError } from '../shared/result';
import type { Lang } from './messages';

const quote = (text: string) => (/^[\w./-]+$/.test(text) ? text : `"${text.replaceAll('"', '\\"')}"`);

export function hintLine(lang: Lang, error: AppError, dbPath: string | null): string | null {
  const db = dbPath === null ? '<db>' : quote(dbPath);
  const zh = lang === 'zh-CN';
  const hint = error.hint;
  if (hint === undefined) {
    if (error.code === 'WAL_MISMATCH')
      return zh ? '只读取主文件：加上 --ignore-wal' : 'to read the main file alone: add --ignore-wal';
    return null;
  }
  switch (hint.action) {
    case 'restore-backup':
      if (hint.backupId === null)
        return zh ? `查看备份：paneldb backups ${db}` : `see the backups: paneldb backups ${db}`;
      return zh
        ? `恢复该备份：paneldb restore ${db} ${quote(hint.backupId)}`
        : `to restore it: paneldb restore ${db} ${quote(hint.backupId)}`;
    case 'choose-step-mode':
      return zh
        ? `选择第 ${hint.step} 步的模式：--xhttp-flow safe|panel`
        : `choose step ${hint.step}'s mode: --xhttp-flow safe|panel`;
    case 'open-tab':
      if (hint.tab === 'backups')
        return zh ? `查看备份：paneldb backups ${db}` : `see the backups: paneldb backups ${db}`;
      if (hint.tab === 'pending')
        return zh
          ? `查看往返检查：paneldb check-roundtrip ${db}`
          : `see the round trip: paneldb check-roundtrip ${db}`;
      if (hint.tab === 'checks')
        return zh ? `运行检查：paneldb check ${db}` : `run the checks: paneldb check ${db}`;
      return null;
    case 'accept-risk':
      return zh
        ? '确认仍要恢复：加上 --accept-risk'
        : 'to restore it anyway, after reading the above: add --accept-risk';
    case 'repair':
      return zh ? `查看修复建议：paneldb repair ${db}` : `see the evidence: paneldb repair ${db}`;
    case 'wait-for-writer':
    case 'stop-panel':
      return null; // worded line by line by hintLines (messages.ts)
  }
}

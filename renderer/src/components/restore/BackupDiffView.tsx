// "Compare with current" (issue 14B): every panel row that differs between the open file and a
// backup, shown with the Preview's own ChangeView (before = now, after = the backup).
import { useApp, useT } from '../../store/react';
import { ChangeView } from '../ChangeView';
import './restore.css';

export function BackupDiffView() {
  const t = useT();
  const diff = useApp((state) => state.backupDiff);
  const close = useApp((state) => state.closeBackupDiff);
  if (diff === null) return null;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([table, rows]) => `${table}: ${rows}`)
      .join(', ');
  return (
    <section className="backup-diff" data-testid="backup-diff" aria-labelledby="backup-diff-title">
      <div className="toolbar">
        <h3 id="backup-diff-title">{t('diff.title', { id: diff.backup_id })}</h3>
        <span className="spacer" />
        <button type="button" className="small" data-testid="backup-diff-close" onClick={close}>
          {t('diff.close')}
        </button>
      </div>
      <p className="muted">{t('diff.sides')}</p>
      {Object.keys(diff.only_current).length > 0 && (
        <p data-testid="diff-only-current">{t('diff.onlyCurrent', { tables: counts(diff.only_current) })}</p>
      )}
      {Object.keys(diff.only_backup).length > 0 && (
        <p data-testid="diff-only-backup">{t('diff.onlyBackup', { tables: counts(diff.only_backup) })}</p>
      )}
      {diff.changes.length === 0 ? (
        <p className="muted" data-testid="diff-none">
          {t('diff.none')}
        </p>
      ) : (
        diff.changes.map((change, index) => (
          <ChangeView key={`${change.table}-${change.rowid}-${change.column}-${index}`} change={change} />
        ))
      )}
      {diff.truncated && <p className="muted">{t('diff.truncated', { count: diff.changes.length })}</p>}
    </section>
  );
}

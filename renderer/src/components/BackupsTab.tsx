// Backups of this file, PanelDB's own and the panel's `<db>.backup.<unix>`: when, why, which
// version each holds, its size and whether it verified; create, verify, restore, delete.
import { memo } from 'react';
import type { BackupEntry, VerifyReport } from '../../../electron/shared/reports';
import { formatAge, formatBytes, formatDate } from '../i18n/format';
import { useApp, useLanguage, useT } from '../store/react';
import { useNow } from './useNow';
import { useMessage } from '../i18n/use-message';
import { BackupDiffView } from './restore/BackupDiffView';
import { InspectionFacts } from './restore/InspectionFacts';

/** Before a verify: what the listing already knows (no metadata, or a -wal beside it). */
function Standing({ backup }: { backup: BackupEntry }) {
  const t = useT();
  const m = useMessage();
  if (backup.standing === 'ok') return <span className="muted">{t('backups.notVerified')}</span>;
  return (
    <span
      className={backup.standing === 'invalid' ? 'chip chip-danger' : 'chip chip-warn'}
      data-testid="backup-standing"
      data-standing={backup.standing}
      title={backup.problem === null ? undefined : m(backup.problem_msg, backup.problem)}
    >
      {t(backup.standing === 'invalid' ? 'backups.invalid' : 'backups.unverified')}
    </span>
  );
}

function Verified({ backup, report }: { backup: BackupEntry; report: VerifyReport | undefined }) {
  const t = useT();
  if (report === undefined) return <Standing backup={backup} />;
  if (report.status === 'unverified')
    return (
      <span className="chip chip-warn" data-testid="verify-result" data-ok={false} data-status="unverified">
        {t('backups.unverified')}
      </span>
    );
  const failed = report.checks.filter((check) => !check.ok);
  return (
    <span
      className={report.ok ? 'chip chip-ok' : 'chip chip-danger'}
      data-testid="verify-result"
      data-ok={report.ok}
      title={report.checks.map((check) => `${check.id}: ${check.detail}`).join('\n')}
    >
      {report.ok
        ? t('backups.verifiedOk')
        : t('backups.verifiedFailed', {
            checks: failed.map((check) => t(`verifyCheck.${check.id}`)).join(', '),
          })}
    </span>
  );
}

interface RowProps {
  backup: BackupEntry;
  report: VerifyReport | undefined;
  verifying: boolean;
  busy: boolean;
  now: Date;
}

const BackupRow = memo(function BackupRow({ backup, report, verifying, busy, now }: RowProps) {
  const t = useT();
  const language = useLanguage();
  const verifyBackup = useApp((state) => state.verifyBackup);
  const askRestore = useApp((state) => state.askRestore);
  const askDeleteBackup = useApp((state) => state.askDeleteBackup);
  const compareBackup = useApp((state) => state.compareBackup);
  const inspection = useApp((state) => state.inspections[backup.id]?.backup);
  return (
    <tr data-testid="backup-row" data-backup-id={backup.id} data-origin={backup.origin}>
      <td className="nowrap">
        {formatDate(language, backup.created)}
        <div className="muted">{formatAge(language, backup.created, now)}</div>
      </td>
      <td className="mono backup-name">{backup.id}</td>
      <td className="col-optional">
        <span className={backup.origin === 'paneldb' ? 'chip chip-info' : 'chip'}>
          {t(`origin.${backup.origin}`)}
        </span>
      </td>
      <td className="col-optional">
        {backup.reason === null ? t('common.none') : t(`reason.${backup.reason}`)}
      </td>
      <td>
        <InspectionFacts inspection={inspection} />
      </td>
      <td className="num nowrap col-optional">{formatBytes(language, backup.size)}</td>
      <td className="nowrap">
        {verifying ? (
          <span className="muted">{t('backups.verifying')}</span>
        ) : (
          <Verified backup={backup} report={report} />
        )}
      </td>
      <td className="actions">
        <div className="backup-actions">
          <button
            type="button"
            className="small"
            data-testid="verify-button"
            disabled={busy || verifying}
            onClick={() => void verifyBackup(backup.id)}
          >
            {t('action.verify')}
          </button>
          <button
            type="button"
            className="small"
            data-testid="restore-button"
            disabled={busy}
            onClick={() => askRestore(backup.id)}
          >
            {t('action.restore')}
          </button>
          {backup.origin === 'paneldb' && (
            <button
              type="button"
              className="small danger-text"
              data-testid="delete-button"
              disabled={busy}
              onClick={() => askDeleteBackup(backup.id)}
            >
              {t('action.delete')}
            </button>
          )}
          <button
            type="button"
            className="small"
            data-testid="compare-button"
            disabled={busy}
            onClick={() => void compareBackup(backup.id)}
          >
            {t('action.compare')}
          </button>
        </div>
      </td>
    </tr>
  );
});

export function BackupsTab() {
  const t = useT();
  const now = useNow();
  const backups = useApp((state) => state.backups);
  const verifications = useApp((state) => state.verifications);
  const verifying = useApp((state) => state.verifying);
  const busy = useApp((state) => state.busy !== null);
  const createBackup = useApp((state) => state.createBackup);

  return (
    <div className="stack">
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          data-testid="create-backup-button"
          disabled={busy}
          onClick={() => void createBackup()}
        >
          {t('action.createBackup')}
        </button>
        <span className="muted">{t('backups.hint')}</span>
      </div>
      {backups.length === 0 ? (
        <p className="muted" data-testid="backups-empty">
          {t('backups.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="grid backups-grid" data-testid="backups-table">
            <thead>
              <tr>
                <th>{t('col.created')}</th>
                <th>{t('col.file')}</th>
                <th className="col-optional">{t('col.origin')}</th>
                <th className="col-optional">{t('col.reason')}</th>
                <th>{t('inspect.column')}</th>
                <th className="num col-optional">{t('col.size')}</th>
                <th>{t('col.verified')}</th>
                <th>{t('col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => (
                <BackupRow
                  key={backup.id}
                  backup={backup}
                  report={verifications[backup.id]}
                  verifying={verifying === backup.id}
                  busy={busy}
                  now={now}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BackupDiffView />
    </div>
  );
}

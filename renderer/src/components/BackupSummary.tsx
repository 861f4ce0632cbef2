// One backup described in a few lines: its name, when and why it was made, and the version it holds.
import type { BackupEntry } from '../../../electron/shared/reports';
import { formatBytes, formatDate } from '../i18n/format';
import { useLanguage, useT } from '../store/react';
import { VersionState } from './VersionState';

export function BackupSummary({ backup }: { backup: BackupEntry }) {
  const t = useT();
  const language = useLanguage();
  return (
    <dl className="facts-list">
      <dt>{t('col.file')}</dt>
      <dd>
        <code className="mono">{backup.id}</code>
      </dd>
      <dt>{t('col.created')}</dt>
      <dd>{formatDate(language, backup.created)}</dd>
      <dt>{t('col.origin')}</dt>
      <dd>{t(`origin.${backup.origin}`)}</dd>
      <dt>{t('col.reason')}</dt>
      <dd>{backup.reason === null ? t('common.none') : t(`reason.${backup.reason}`)}</dd>
      <dt>{t('col.versionState')}</dt>
      <dd>
        <VersionState backup={backup} />
      </dd>
      <dt>{t('col.size')}</dt>
      <dd>{formatBytes(language, backup.size)}</dd>
    </dl>
  );
}

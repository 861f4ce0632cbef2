// The state of the file in plain words, and the one action recommended next.
import type { ReactNode } from 'react';
import type { Translate } from '../i18n';
import { nextAction, type NextAction } from '../store/plans';
import { useApp, useT } from '../store/react';
import { NextActionButton } from './NextActionButton';
import './OverviewTab.css';
import { headlineText } from './headline-text';
import { SetPasswordButton } from './SetPasswordDialog';
import { useMessage } from '../i18n/use-message';

function sentences(state: ReturnType<typeof useOverviewState>, t: Translate): ReactNode[] {
  const { status, backupsCount } = state;
  if (status === null) return [];
  // The applied set first ("5 of 5 steps applied"), never golang-migrate's "version 0".
  const lines: ReactNode[] =
    status.headline === undefined
      ? [t('overview.atVersion', { current: status.current_version, latest: status.latest_version })]
      : [
          <strong key="headline" data-testid="headline">
            {headlineText(status.headline, t)}
          </strong>,
        ];
  if (status.headline?.baseline === true) lines.push(t('headline.baseline'));
  if (status.newer_version !== null) lines.push(t('overview.newer', { version: status.newer_version }));
  if (status.dirty)
    lines.push(t('overview.dirty', { version: status.dirty_version ?? status.current_version }));
  if (status.pending_count > 0) {
    lines.push(
      t('overview.pending', {
        count: status.pending_count,
        steps: status.pending
          .map((step) => t('common.versionName', { version: step.version, name: step.name }))
          .join(', '),
      }),
    );
  } else if (!status.dirty && status.newer_version === null) {
    lines.push(t('overview.upToDate'));
  }
  if (status.journal.wal_transactions_applied > 0) {
    lines.push(t('overview.walMerged', { count: status.journal.wal_transactions_applied }));
  }
  lines.push(
    status.integrity === 'ok'
      ? t('overview.integrityOk')
      : t('overview.integrityBad', { count: status.integrity.length }),
  );
  lines.push(backupsCount === 0 ? t('overview.noBackups') : t('overview.backups', { count: backupsCount }));
  return lines;
}

function useOverviewState() {
  const status = useApp((state) => state.status);
  const repair = useApp((state) => state.repairReport);
  const backups = useApp((state) => state.backups);
  const checks = useApp((state) => state.healthChecks ?? state.status?.checks ?? null);
  return {
    status,
    repair,
    backupsCount: backups.length,
    next: nextAction(status, repair, backups, checks),
  };
}

export function OverviewTab() {
  const t = useT();
  const m = useMessage();
  const state = useOverviewState();
  const { status, repair, next } = state;
  if (status === null) return <p className="muted">{t('common.loading')}</p>;
  const recommended = repair === null ? null : m(repair.recommendation.msg, repair.recommendation.reason);
  const reason = reasonFor(next, recommended, t);

  return (
    <div className="overview">
      <section className="card next-action" aria-labelledby="next-heading">
        <h2 id="next-heading">{t('overview.next')}</h2>
        <NextActionButton action={next} />
        {reason !== null && <p className="muted">{reason}</p>}
        <SetPasswordButton />
      </section>
      <section className="card" aria-labelledby="state-heading">
        <h2 id="state-heading">{t('overview.state')}</h2>
        <ul className="plain-list" data-testid="overview-state">
          {sentences(state, t).map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
        {status.warnings.length > 0 && (
          <ul className="warnings">
            {status.warnings.map((warning, index) => (
              <li key={index}>
                <code className="mono">{warning.code}</code> {m(warning.msg, warning.message)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t('overview.facts')}</h2>
        <dl className="facts-list">
          <dt>{t('overview.panelKind')}</dt>
          <dd>{t(`panelKind.${status.panel.kind}`)}</dd>
          <dt>{t('overview.generation')}</dt>
          <dd>{t(`generation.${status.panel.generation}`)}</dd>
          <dt>{t('overview.journal')}</dt>
          <dd>{t(`journal.${status.journal.mode}`)}</dd>
          <dt>{t('overview.markers')}</dt>
          <dd className="mono">
            {status.seeder_markers.length === 0 ? t('common.none') : status.seeder_markers.join(', ')}
          </dd>
          <dt>{t('overview.schemaMigrations')}</dt>
          <dd className="mono">
            {status.schema_migrations === null
              ? t('common.none')
              : status.schema_migrations
                  .map((row) =>
                    t(row.dirty ? 'overview.rowDirty' : 'overview.row', { version: String(row.version) }),
                  )
                  .join(', ')}
          </dd>
          <dt>{t('overview.path')}</dt>
          <dd className="mono">{status.database}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="tables-heading">
        <h2 id="tables-heading">{t('overview.tables')}</h2>
        <table className="grid compact">
          <thead>
            <tr>
              <th>{t('col.table')}</th>
              <th className="num">{t('col.rows')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(status.tables).map(([name, rows]) => (
              <tr key={name}>
                <td className="mono">{name}</td>
                <td className="num">{rows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function reasonFor(next: NextAction, repairReason: string | null, t: Translate): string | null {
  switch (next.kind) {
    case 'migrate':
      return t('overview.migrateHint');
    case 'none':
      return t('overview.nothingHint');
    case 'fix':
      return repairReason ?? t('overview.fixHint');
    case 'checks':
      return repairReason ?? t('overview.checksHint');
    case 'newer':
      return null;
    default:
      return repairReason;
  }
}

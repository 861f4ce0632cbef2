// What was done to the file: PanelDB's history log (newest first) and every applied step with the
// marker that records it; rolling back one step or down to a version starts here.
import { memo, useEffect, useMemo, useState } from 'react';
import type { HistoryEntry } from '../../../electron/shared/reports';
import { matchNote } from '../../../electron/shared/i18n/match-text';
import { formatDate } from '../i18n/format';
import { useMessage } from '../i18n/use-message';
import { useApp, useLanguage, useT } from '../store/react';
import { AppliedFixes, AuditLog } from './AppliedFixes';
import { rollbackKey } from '../store/rollback-guard';

const OUTCOMES = ['applied', 'reverted', 'forced'] as const;
type KnownOutcome = (typeof OUTCOMES)[number];
const isKnownOutcome = (outcome: string): outcome is KnownOutcome =>
  (OUTCOMES as readonly string[]).includes(outcome);

const HistoryRow = memo(function HistoryRow({ entry }: { entry: HistoryEntry }) {
  const t = useT();
  const m = useMessage();
  const language = useLanguage();
  return (
    <tr
      data-testid="history-row"
      data-version={entry.version}
      data-direction={entry.direction}
      data-from-backup={entry.from_backup}
    >
      <td className="num mono">{entry.id}</td>
      <td className="num mono">{entry.version}</td>
      <td className="mono">{entry.name}</td>
      <td>{t(`direction.${entry.direction}`)}</td>
      <td className="nowrap">{formatDate(language, entry.started_at)}</td>
      <td className="nowrap">{formatDate(language, entry.finished_at)}</td>
      <td className="num">{t('unit.ms', { value: entry.duration_ms })}</td>
      <td className="num">{entry.rows_changed}</td>
      <td>
        <span className={isKnownOutcome(entry.outcome) ? 'chip' : 'chip chip-warn'}>
          {isKnownOutcome(entry.outcome) ? t(`historyOutcome.${entry.outcome}`) : entry.outcome}
        </span>
        {entry.from_backup !== undefined && (
          <span className="chip chip-info" data-testid="history-before-restore" title={entry.from_backup}>
            {t('history.beforeRestore')}
          </span>
        )}
      </td>
      <td className="notes">
        {entry.notes.map((note, index) => (
          // The log keeps English text only: matched back to its catalog entry for another language.
          <div key={index}>{language === 'en' ? note : m(matchNote(note), note)}</div>
        ))}
      </td>
    </tr>
  );
});

function RollBackControls() {
  const t = useT();
  const status = useApp((state) => state.status);
  const busy = useApp((state) => state.busy);
  const askRollBack = useApp((state) => state.askRollBack);
  const askRestore = useApp((state) => state.askRestore);
  const history = useApp((state) => state.history);
  const highest = Math.max(-1, ...(status?.applied.map((step) => step.version) ?? []));
  const targets = useMemo(
    () => Array.from({ length: Math.max(0, highest) }, (_, index) => highest - 1 - index),
    [highest],
  );
  const [target, setTarget] = useState<number | null>(null);
  const chosen = target !== null && target < highest ? target : (targets[0] ?? null);
  const disabled = busy !== null || highest < 1 || status?.dirty === true;
  // Refused by the engine anyway: disabled up front, with the reason and the way back (issue 14B).
  // The engine's own dry run decides (previewRollBack), asked once per request and file state.
  const probeRollBack = useApp((state) => state.probeRollBack);
  const blocks = useApp((state) => state.rollbackBlocks);
  const fileKey = status === null ? null : (status.file_fingerprint ?? status.database);
  useEffect(() => {
    if (fileKey === null || highest < 1 || status?.dirty === true) return;
    void probeRollBack({ steps: 1 });
    if (chosen !== null) void probeRollBack({ to: chosen });
  }, [fileKey, highest, chosen, history.length, status?.dirty, probeRollBack]);
  // Until the engine has answered, nothing is blocked up front: the confirm dialog runs the same dry run.
  const blockOne =
    fileKey === null || highest < 1 ? null : (blocks[rollbackKey({ steps: 1 }, fileKey)] ?? null);
  const blockTo =
    fileKey === null || chosen === null ? null : (blocks[rollbackKey({ to: chosen }, fileKey)] ?? null);
  const block = blockOne ?? blockTo;

  return (
    <div className="toolbar">
      <button
        type="button"
        data-testid="rollback-button"
        disabled={disabled || blockOne !== null}
        onClick={() => void askRollBack({ steps: 1 })}
      >
        {t('action.rollBackOne')}
      </button>
      <label className="inline-field">
        <span>{t('history.rollBackTo')}</span>
        <select
          data-testid="rollback-to-select"
          value={chosen ?? ''}
          disabled={disabled || targets.length === 0}
          onChange={(event) => setTarget(Number(event.target.value))}
        >
          {targets.map((version) => (
            <option key={version} value={version}>
              {t('common.version', { version })}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="rollback-to-button"
        disabled={disabled || chosen === null || blockTo !== null}
        onClick={() => chosen !== null && void askRollBack({ to: chosen })}
      >
        {t('action.rollBackTo')}
      </button>
      {status?.dirty === true && <span className="muted">{t('history.dirtyNotice')}</span>}
      {block !== null && (
        <span className="muted" data-testid="rollback-blocked" data-version={block.version}>
          {t(block.reason === 'irreversible' ? 'rollbackBlock.irreversible' : 'rollbackBlock.panelApplied', {
            step: t('common.versionName', { version: block.version, name: block.name }),
          })}{' '}
          {block.backupId === null ? t('rollbackBlock.noBackup') : null}
        </span>
      )}
      {block?.backupId != null && (
        <button
          type="button"
          className="small primary"
          data-testid="rollback-restore"
          disabled={busy !== null}
          onClick={() => block.backupId !== null && askRestore(block.backupId)}
        >
          {t('rollbackBlock.restore')}
        </button>
      )}
    </div>
  );
}

export function HistoryTab() {
  const t = useT();
  const language = useLanguage();
  const history = useApp((state) => state.history);
  const applied = useApp((state) => state.status?.applied ?? null);
  // By time: entries kept from before a restore (issue 14B) sit where they happened.
  const newestFirst = useMemo(
    () => [...history].sort((a, b) => b.finished_at.localeCompare(a.finished_at) || b.id - a.id),
    [history],
  );

  return (
    <div className="stack">
      <RollBackControls />
      <AppliedFixes />
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">{t('history.log')}</h2>
        {newestFirst.length === 0 ? (
          <p className="muted" data-testid="history-empty">
            {t('history.empty')}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="grid" data-testid="history-table">
              <thead>
                <tr>
                  <th className="num">{t('col.id')}</th>
                  <th className="num">{t('col.version')}</th>
                  <th>{t('col.name')}</th>
                  <th>{t('col.direction')}</th>
                  <th>{t('col.started')}</th>
                  <th>{t('col.finished')}</th>
                  <th className="num">{t('col.duration')}</th>
                  <th className="num">{t('col.rowsChanged')}</th>
                  <th>{t('col.outcome')}</th>
                  <th>{t('col.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {newestFirst.map((entry) => (
                  <HistoryRow key={`${entry.from_backup ?? ''}-${entry.id}`} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="applied-heading">
        <h2 id="applied-heading">{t('history.applied')}</h2>
        {applied === null || applied.length === 0 ? (
          <p className="muted">{t('history.noneApplied')}</p>
        ) : (
          <table className="grid compact">
            <thead>
              <tr>
                <th className="num">{t('col.version')}</th>
                <th>{t('col.name')}</th>
                <th>{t('col.source')}</th>
                <th>{t('col.appliedAt')}</th>
                <th className="num">{t('col.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {applied.map((step) => (
                <tr key={step.version} data-testid="applied-row">
                  <td className="num mono">{step.version}</td>
                  <td className="mono">{step.name}</td>
                  <td className="mono">{step.source}</td>
                  <td>
                    {step.applied_at === null ? t('common.unknown') : formatDate(language, step.applied_at)}
                  </td>
                  <td className="num">
                    {step.duration_ms === null ? t('common.none') : t('unit.ms', { value: step.duration_ms })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AuditLog />
    </div>
  );
}

// One row that would change: which table, row and column, the key-level JSON diff (+ added,
// - removed, ~ changed, monospace paths), and the full before/after text on demand.
import { useState } from 'react';
import type { ChangePreview, JsonChange } from '../../../electron/shared/reports';
import { formatJsonValue } from '../i18n/format';
import { useT } from '../store/react';
import './ChangeView.css';

const SIGN: Record<JsonChange['kind'], string> = { added: '+', removed: '-', changed: '~' };

function JsonChangeLine({ change }: { change: JsonChange }) {
  const t = useT();
  return (
    <li className={`jd jd-${change.kind}`} data-testid="json-change" data-kind={change.kind}>
      <span className="jd-sign" aria-label={t(`jsonKind.${change.kind}`)}>
        {SIGN[change.kind]}
      </span>
      <code className="jd-path">{change.path}</code>
      {change.kind !== 'added' && <code className="jd-before">{formatJsonValue(change.before)}</code>}
      {change.kind === 'changed' && (
        <span className="jd-arrow" aria-hidden="true">
          →
        </span>
      )}
      {change.kind !== 'removed' && <code className="jd-after">{formatJsonValue(change.after)}</code>}
    </li>
  );
}

/** Pretty-prints JSON text so both sides line up; anything else is shown as it is. */
function readable(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function FullText({ change }: { change: ChangePreview }) {
  const t = useT();
  return (
    <div className="side-by-side">
      <div>
        <div className="side-label">{t('preview.before')}</div>
        <pre className="code-block">
          {change.before === null ? t('preview.hidden') : readable(change.before)}
        </pre>
      </div>
      <div>
        <div className="side-label">{t('preview.after')}</div>
        <pre className="code-block">
          {change.after === null ? t('preview.hidden') : readable(change.after)}
        </pre>
      </div>
    </div>
  );
}

export function ChangeView({ change }: { change: ChangePreview }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="change" data-testid="preview-change">
      <div className="change-head">
        <code className="mono">{t('common.row', { table: change.table, rowid: change.rowid })}</code>
        {change.label !== null && (
          <span className="row-label" data-testid="row-label">
            {change.label}
          </span>
        )}
        <code className="mono muted">{change.column}</code>
        <span className="spacer" />
        <button
          type="button"
          className="link"
          aria-expanded={open}
          data-testid="full-text-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? t('preview.hideText') : t('preview.showText')}
        </button>
      </div>
      {change.json_changes !== null && change.json_changes.length > 0 ? (
        <ul className="json-diff">
          {change.json_changes.map((item, index) => (
            <JsonChangeLine key={`${item.path}-${index}`} change={item} />
          ))}
        </ul>
      ) : change.json_changes === null ? (
        <ul className="json-diff">
          <li className="jd jd-changed" data-kind="changed">
            <span className="jd-sign">{SIGN.changed}</span>
            <code className="jd-path">{change.column}</code>
            <code className="jd-before">{change.before ?? t('preview.hidden')}</code>
            <span className="jd-arrow" aria-hidden="true">
              →
            </span>
            <code className="jd-after">{change.after ?? t('preview.hidden')}</code>
          </li>
        </ul>
      ) : (
        <p className="muted">{t('preview.formatOnly')}</p>
      )}
      {open && <FullText change={change} />}
    </div>
  );
}

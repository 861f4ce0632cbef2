// One row that would change: which table, row and column, the key-level JSON diff (+ added,
// - removed, ~ changed, monospace paths), and the full before/after text on demand.
import { useState } from 'react';
import type { ChangePreview, JsonChange } from '../../../electron/shared/reports';
import { formatJsonValue } from '../i18n/format';
import { useT } from '../store/react';
import './ChangeView.css';
import { isChangedPath, jsonLines } from './json-lines';

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

/** A missing value: withheld (password hashes) or a real SQL NULL, shown as such (issue 14B). */
export function nullText(change: ChangePreview, t: ReturnType<typeof useT>): string {
  return change.hidden === true ? t('preview.hidden') : 'NULL';
}

/**
 * One side in full: JSON indented in the database's own key order (never re-sorted), the lines
 * of the keys the step changes highlighted; anything else as it is.
 */
function Side({ text, change }: { text: string | null; change: ChangePreview }) {
  const t = useT();
  if (text === null) return <pre className="code-block">{nullText(change, t)}</pre>;
  const lines = jsonLines(text);
  if (lines === null) return <pre className="code-block">{text}</pre>;
  const changed = (change.json_changes ?? []).map((item) => item.path);
  return (
    <pre className="code-block" data-testid="full-text">
      {lines.map((line, index) => {
        const hit = isChangedPath(line.path, changed);
        return (
          <span
            key={index}
            className={hit ? 'ft-line ft-changed' : 'ft-line'}
            data-changed={hit ? 'true' : undefined}
          >
            {line.text}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

function FullText({ change }: { change: ChangePreview }) {
  const t = useT();
  return (
    <div className="side-by-side">
      <div>
        <div className="side-label">{t('preview.before')}</div>
        <Side text={change.before} change={change} />
      </div>
      <div>
        <div className="side-label">{t('preview.after')}</div>
        <Side text={change.after} change={change} />
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
            <code className="jd-before" data-testid="value-before">
              {change.before ?? nullText(change, t)}
            </code>
            <span className="jd-arrow" aria-hidden="true">
              →
            </span>
            <code className="jd-after" data-testid="value-after">
              {change.after ?? nullText(change, t)}
            </code>
          </li>
        </ul>
      ) : (
        <p className="muted">{t('preview.formatOnly')}</p>
      )}
      {open && <FullText change={change} />}
    </div>
  );
}

// The last error: its code, what it means in the chosen language, the engine's own message, and
// the engine's detail on demand.
import { useState } from 'react';
import { errorKey } from '../i18n';
import { ErrorHintText } from './InUseNotice';
import { useApp, useT } from '../store/react';
import './ErrorBanner.css';
import { HintButton } from './restore/HintButton';
import { useMessage } from '../i18n/use-message';

export function ErrorBanner() {
  const t = useT();
  const m = useMessage();
  const error = useApp((state) => state.error);
  const operation = useApp((state) => state.errorOperation);
  const dismiss = useApp((state) => state.dismissError);
  const [open, setOpen] = useState(false);
  if (error === null) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <div className="error-line">
        <code className="error-code" data-testid="error-code">
          {error.code}
        </code>
        <strong className="error-human">{t(errorKey(error.code))}</strong>
        {operation !== null && <span className="muted">{t(`operation.${operation}`)}</span>}
        <span className="spacer" />
        <HintButton hint={error.hint} />
        {error.detail !== undefined && (
          <button
            type="button"
            className="link"
            aria-expanded={open}
            data-testid="error-details-toggle"
            onClick={() => setOpen(!open)}
          >
            {open ? t('errorBanner.hideDetails') : t('errorBanner.showDetails')}
          </button>
        )}
        <button type="button" className="link" data-testid="error-dismiss" onClick={dismiss}>
          {t('common.dismiss')}
        </button>
      </div>
      <p className="error-message" data-testid="error-message">
        {m(error.msg, error.message)}
      </p>
      <ErrorHintText error={error} />
      {open && error.detail !== undefined && (
        <pre className="error-detail" data-testid="error-detail">
          {/* Raw OS/SQLite text stays as it is; a sentence of ours comes in the reader's language. */}
          {m(error.detail_msg, error.detail)}
        </pre>
      )}
    </div>
  );
}

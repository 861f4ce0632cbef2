// "Set the admin password…": the way back in when nobody can log in. User name and the new
// password twice; stored as bcrypt (cost 10) after a verified backup, logged, revertible. The
// password stays in this dialog's state only until it is sent, and is never logged or shown.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useApp, useT } from '../store/react';
import { returnFocus } from './focus-return';
import './decisions.css';

export function SetPasswordButton() {
  const t = useT();
  const busy = useApp((state) => state.busy !== null);
  const open = useApp((state) => state.openSetPassword);
  const hasUsers = useApp((state) => (state.status?.tables.users ?? 0) > 0);
  const dialogOpen = useApp((state) => state.passwordDialog);
  if (!hasUsers) return null;
  return (
    <>
      <button type="button" data-testid="set-password-button" disabled={busy} onClick={open}>
        {t('password.open')}
      </button>
      {dialogOpen && <SetPasswordDialog />}
    </>
  );
}

function SetPasswordDialog() {
  const t = useT();
  const close = useApp((state) => state.closeSetPassword);
  const setPassword = useApp((state) => state.setPassword);
  const busy = useApp((state) => state.busy !== null);
  const [username, setUsername] = useState('admin');
  const [password, setPasswordText] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    first.current?.focus();
    return () => returnFocus(previous);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    const done = await setPassword(username, password);
    if (done) {
      setPasswordText('');
      setRepeat('');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'Tab' || dialog.current === null) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>('input, button:not([disabled])')];
    const head = items[0];
    const tail = items[items.length - 1];
    if (event.shiftKey && document.activeElement === head) {
      event.preventDefault();
      tail?.focus();
    } else if (!event.shiftKey && document.activeElement === tail) {
      event.preventDefault();
      head?.focus();
    }
  };

  return (
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <form
        ref={dialog}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="password-title"
        data-testid="set-password-dialog"
        onKeyDown={onKeyDown}
        onSubmit={(event) => void submit(event)}
      >
        <h2 id="password-title">{t('password.title')}</h2>
        <div className="dialog-body">
          <p>{t('password.intro')}</p>
          <label className="field">
            <span>{t('password.user')}</span>
            <input
              ref={first}
              data-testid="password-user"
              autoComplete="username"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              required
            />
          </label>
          <label className="field">
            <span>{t('password.new')}</span>
            <input
              type="password"
              data-testid="password-new"
              autoComplete="new-password"
              value={password}
              onChange={(event) => {
                setPasswordText(event.target.value);
                setMismatch(false);
              }}
              required
            />
          </label>
          <label className="field">
            <span>{t('password.repeat')}</span>
            <input
              type="password"
              data-testid="password-repeat"
              autoComplete="new-password"
              value={repeat}
              aria-invalid={mismatch}
              onChange={(event) => {
                setRepeat(event.target.value);
                setMismatch(false);
              }}
              required
            />
          </label>
          {mismatch && (
            <p className="text-danger" role="alert" data-testid="password-mismatch">
              {t('password.mismatch')}
            </p>
          )}
          <p>{t('confirm.backupFirst')}</p>
        </div>
        <div className="dialog-actions">
          <button type="button" data-testid="password-cancel" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="password-ok" disabled={busy}>
            {t('password.ok')}
          </button>
        </div>
      </form>
    </div>
  );
}

// "Set the admin password…": the way back in when nobody can log in. User name and the new
// password twice; stored as bcrypt (cost 10) after a verified backup, logged, revertible. The
// password stays in this dialog's state only until it is sent, and is never logged or shown.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useApp, useT } from '../store/react';
import { onDialogKeyDown } from './dialog-keys';
import { returnFocus } from './focus-return';
import './decisions.css';

/** A new-password input: never autofilled with the admin's own saved password. */
function PasswordField(props: {
  label: string;
  testId: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="password"
        data-testid={props.testId}
        autoComplete="new-password"
        value={props.value}
        aria-invalid={props.invalid}
        onChange={(event) => props.onChange(event.target.value)}
        required
      />
    </label>
  );
}

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
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => onDialogKeyDown(event, dialog.current, close);

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
          <PasswordField
            label={t('password.new')}
            testId="password-new"
            value={password}
            invalid={false}
            onChange={(value) => {
              setPasswordText(value);
              setMismatch(false);
            }}
          />
          <PasswordField
            label={t('password.repeat')}
            testId="password-repeat"
            value={repeat}
            invalid={mismatch}
            onChange={(value) => {
              setRepeat(value);
              setMismatch(false);
            }}
          />
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

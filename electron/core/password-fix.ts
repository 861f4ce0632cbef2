// No lockout: (1) a fix for passwords that are not bcrypt hashes whatever the markers say — it runs
// step 5's own code (bcryptjs, cost 10, 'HASHED:' prefixes unwrapped, hashes skipped), but as a fix:
// before-images kept, so "Revert this fix" restores the exact previous values; (2) "Set the admin
// password": one user's password replaced by a bcrypt hash of cost 10, also reversible. Both run
// through runAndSave (verified backup, one transaction, atomic save) and are logged as fixes.
import bcrypt from 'bcryptjs';
import { BCRYPT_COST, BCRYPT_MAX_BYTES, hashUserPasswords } from './password-hashing';
import { StepFailure } from './step-types';
import { EngineError } from './engine-error';
import type { FixStep } from './fixes';
import { runAndSave } from './migrate';
import { applyStep } from './migrator';
import { assertIntact, type OpenedPanel } from './open-panel';
import type { OperationContext } from './operation-context';
import { planFingerprint } from './plan-fingerprint';
import { queryRows, tableExists } from './sql';
import { message } from '../shared/i18n';
import type { RunReport, SetPasswordRequest } from '../shared/reports';

const passwordFixStep = (checkId: string): FixStep => ({
  checkId,
  version: 0,
  name: checkId,
  seederMarker: null,
  irreversible: false,
  touches: ['users'],
  up: (context) => hashUserPasswords(context),
});

/** Both password checks have the same fix: hash what is not a bcrypt hash, exactly as step 5. */
export const PASSWORD_FIXES: readonly FixStep[] = [
  passwordFixStep('users.password-not-bcrypt'),
  passwordFixStep('users.password-hashed-prefix'),
];

/** The history name of a password set by hand; its revert goes through revertFix like any fix. */
export const SET_PASSWORD_ID = 'users.set-password';

/** The step that sets one user's password; refuses an unknown user or a password bcrypt cannot hash. */
export function setPasswordStep(username: string, password: string): FixStep {
  return {
    checkId: SET_PASSWORD_ID,
    version: 0,
    name: SET_PASSWORD_ID,
    seederMarker: null,
    irreversible: false,
    touches: ['users'],
    async up(context) {
      const row = queryRows(
        context.db,
        'SELECT rowid AS rowid FROM users WHERE username = ? ORDER BY rowid',
        [username],
      )[0];
      if (row === undefined)
        throw new StepFailure(message('err.password.noSuchUser', { user: JSON.stringify(username) }));
      const hash = await bcrypt.hash(password, BCRYPT_COST);
      context.updateText('users', Number(row.rowid), 'password', hash);
      context.note(message('note.passwordSet', { user: JSON.stringify(username), cost: BCRYPT_COST }));
    },
  };
}

/** The checks a request must pass before any backup is taken. */
export function assertSettablePassword(username: string, password: string): void {
  if (username.trim() === '') throw new EngineError('INVALID_ARGUMENT', message('err.password.noUser'));
  if (password.length === 0) throw new EngineError('INVALID_ARGUMENT', message('err.password.empty'));
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > BCRYPT_MAX_BYTES) {
    throw new EngineError(
      'INVALID_ARGUMENT',
      message('err.password.tooLong', { bytes, max: BCRYPT_MAX_BYTES }),
    );
  }
}

/** `set-password`: verified backup, the new hash in one transaction (logged as a fix), atomic save. */
export async function setPasswordOpened(
  opened: OpenedPanel,
  request: SetPasswordRequest,
  context: OperationContext,
): Promise<RunReport> {
  const { username, password } = request;
  assertSettablePassword(username, password);
  assertIntact(opened.db, opened.image.path, opened.integrity());
  const known =
    tableExists(opened.db, 'users') &&
    queryRows(opened.db, 'SELECT 1 FROM users WHERE username = ?', [username]).length > 0;
  if (!known)
    throw new EngineError(
      'INVALID_ARGUMENT',
      message('err.password.noSuchUser', { user: JSON.stringify(username) }),
    );
  return runAndSave(opened, context, {
    operation: 'set-password',
    fingerprint: planFingerprint({
      file: opened.image.stateKey,
      operation: 'set-password',
      steps: [{ version: 0, name: SET_PASSWORD_ID }],
      options: { user: username },
    }),
    expect: request.expect,
    dryRun: false,
    backupReason: 'before-fix',
    nothingToDo: false,
    run: async (deps) => [
      await applyStep(opened.db, setPasswordStep(username, password), deps, new Map(), 'fix'),
    ],
  });
}

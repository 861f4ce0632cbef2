// Hashing the panel's passwords as step 5 (`UserPasswordHash`) does: bcrypt cost 10, hashes left
// alone, the S18 'HASHED:' prefix unwrapped, an over-long password refused before any hashing. The
// step itself (migrations/000005_user_password_hash.ts) and the no-lockout fix both run this, so a
// fix hashes exactly as the migration would. Nothing here writes or reports a plaintext password.
//
// Differences from the Go seeder, all deliberate:
// * A value that already is a bcrypt hash is skipped. The seeder hashes it again, after which the
//   password the admin knows no longer works.
// * A plaintext longer than 72 bytes fails the step cleanly, naming the user, before anything is
//   hashed (the seeder fails the panel's start instead; bcrypt cannot hash it).
// * FIX FOR S18 DAMAGE (§3.6): the panel's SQL file 000005 stored 'HASHED:' || password, which no
//   login matches. Such a value is hashed WITHOUT the prefix (every repetition of it), so the
//   password the admin actually set works again; the Go seeder would make 'HASHED:<pw>' the
//   effective password. A note names each user this applied to.
// bcryptjs writes `$2b$10$…`; Go's bcrypt accepts any `$2?$` minor version.
import bcrypt from 'bcryptjs';
import { queryRows } from './sql';
import { message } from '../shared/i18n';
import { StepFailure, type KeyedText, type StepContext } from './step-types';

export const BCRYPT_COST = 10;
export const BCRYPT_MAX_BYTES = 72;
export const BCRYPT_HASH = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;
const S18_PREFIX = /^(?:HASHED:)+/;

type Decision =
  | { rowid: number; label: string; skip: KeyedText }
  | { rowid: number; label: string; plaintext: string; unwrapped: boolean };

/** Every plaintext password of `users` becomes a bcrypt hash of cost 10 (see the header). */
export async function hashUserPasswords(context: StepContext): Promise<void> {
  const rows = queryRows(
    context.db,
    'SELECT rowid AS rowid, id, username, password FROM users ORDER BY rowid',
  );
  // First pass: decide every row, and refuse an over-long password before any bcrypt time is spent.
  const decisions = rows.map((row) => decide(Number(row.rowid), row.id, row.username, row.password));

  let done = 0;
  let hashed = 0;
  for (const decision of decisions) {
    if ('skip' in decision) {
      context.skip('users', decision.rowid, decision.skip);
    } else {
      const hash = await bcrypt.hash(decision.plaintext, BCRYPT_COST);
      context.updateText('users', decision.rowid, 'password', hash);
      hashed += 1;
      if (decision.unwrapped) {
        context.note(message('note.hashedPrefixUnwrapped', { label: decision.label }));
      }
    }
    done += 1;
    context.progress(done, decisions.length);
  }
  if (hashed > 0) context.note(message('note.passwordsHashed', { count: hashed, cost: BCRYPT_COST }));
}

function decide(rowid: number, id: unknown, username: unknown, stored: unknown): Decision {
  const label = `user '${String(username)}' (id ${String(id ?? rowid)})`;
  let text: string;
  if (typeof stored === 'string') text = stored;
  else if (typeof stored === 'number' && Number.isSafeInteger(stored))
    text = String(stored); // what Go scans
  else
    return {
      rowid,
      label,
      skip: message(stored === null ? 'skip.passwordNull' : 'skip.passwordNotText'),
    };

  if (BCRYPT_HASH.test(text)) {
    return { rowid, label, skip: message('skip.alreadyBcrypt') };
  }
  const unwrapped = S18_PREFIX.test(text);
  const plaintext = text.replace(S18_PREFIX, '');
  const bytes = Buffer.byteLength(plaintext, 'utf8');
  if (bytes > BCRYPT_MAX_BYTES) {
    throw new StepFailure(message('err.password.storedTooLong', { label, bytes, max: BCRYPT_MAX_BYTES }));
  }
  return { rowid, label, plaintext, unwrapped };
}

// What every write does around its work: take the database's lock in its own private folder,
// put right what an interrupted save left (only what the record's hashes prove safe), remove
// PanelDB's own stale temp files, run the work, release the lock. The notes reach the report.
import { ensureBackupDir } from './backups';
import { assertNotInUse } from './file-holders';
import type { OperationContext } from './operation-context';
import { recoverInterruptedSave, removeStaleTempFiles } from './save-intent';
import { acquireWriteLock, lockDirOf, lockPathOf } from './write-lock';
import { isRecord } from '../shared/result';
import { noteRefs, noteTexts } from './notes';
import type { KeyedText } from '../shared/i18n';

export async function underWriteLock<T>(
  context: OperationContext,
  command: string,
  replacesDatabase: boolean,
  work: (operation: OperationContext) => Promise<T>,
): Promise<T> {
  const { fs, backupDir } = context;
  const target = await fs.realpath(context.dbPath).catch(() => null);
  // No database: nothing to lock or recover; the work refuses with the right code (FILE_NOT_FOUND…)
  // without creating a backup folder beside a file that is not there.
  if (target === null) return work(context);
  await ensureBackupDir(backupDir, fs);
  if (lockDirOf(target) !== backupDir) await ensureBackupDir(lockDirOf(target), fs);
  const notes: KeyedText[] = [];
  const lock = await acquireWriteLock(context.dbPath, lockPathOf(target), command, fs, notes, context.now);
  try {
    await recoverInterruptedSave(target, backupDir, fs, notes);
    await removeStaleTempFiles(target, backupDir, fs, notes);
    // A running panel is refused before any work (and again right before the rename, in save.ts).
    if (replacesDatabase) await assertNotInUse(target);
    const value = await work({ ...context, lock, notes });
    if (notes.length > 0 && isRecord(value))
      return { ...value, safety_notes: noteTexts(notes), safety_note_msgs: noteRefs(notes) };
    return value;
  } finally {
    await lock.release();
  }
}

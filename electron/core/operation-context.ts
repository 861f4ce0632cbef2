// What every write operation is given: where things are, the clock, the file system and the steps.
import type { PanelMigration } from './step-types';
import type { FileSystem } from './file-system';
import type { ProgressEvent } from '../shared/reports';
import type { WriteLock } from './write-lock';
import type { KeyedText } from '../shared/i18n';

/**
 * The database file's SHA-256 before and after a write, as the write itself learnt them: its backup
 * hashes the file it copies, its save the bytes it puts in place. The audit log takes them from here
 * instead of reading and hashing the whole file twice more.
 */
export interface FileHashes {
  before?: string;
  after?: string;
}

export interface OperationContext {
  dbPath: string;
  backupDir: string;
  fs: FileSystem;
  now: () => Date;
  migrations: readonly PanelMigration[];
  onProgress?: (event: ProgressEvent) => void;
  /** Set for a write: the lock it holds (see write-lock.ts), proven still held before the rename. */
  lock?: WriteLock;
  /** Set for a write: lines for the person (a stale lock taken over, a recovered save, …). */
  notes?: KeyedText[];
  /** Set for an audited write: filled in by its backup and its save (see FileHashes). */
  fileHashes?: FileHashes;
}

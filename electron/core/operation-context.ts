// What every write operation is given: where things are, the clock, the file system and the steps.
import type { PanelMigration } from './step-types';
import type { FileSystem } from './file-system';
import type { ProgressEvent } from '../shared/reports';
import type { WriteLock } from './write-lock';
import type { KeyedText } from '../shared/i18n';

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
}

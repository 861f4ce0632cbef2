// What every write operation is given: where things are, the clock, the file system and the steps.
import type { PanelMigration } from './step-types';
import type { FileSystem } from './file-system';
import type { ProgressEvent } from './migrator';

export interface OperationContext {
  dbPath: string;
  backupDir: string;
  fs: FileSystem;
  now: () => Date;
  migrations: readonly PanelMigration[];
  onProgress?: (event: ProgressEvent) => void;
}

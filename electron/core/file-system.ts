// The engine reaches the disk only through this interface so tests can inject faults (a write that
// fails, a full disk, a rename that never happens) with real files everywhere else.
import * as nodeFs from 'node:fs/promises';

export type FileSystem = Pick<
  typeof nodeFs,
  | 'readFile'
  | 'stat'
  | 'lstat'
  | 'mkdir'
  | 'chmod'
  | 'rename'
  | 'unlink'
  | 'readdir'
  | 'open'
  | 'access'
  | 'rm'
  | 'realpath'
>;

export const nodeFileSystem: FileSystem = nodeFs;

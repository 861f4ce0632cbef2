// Where a database's backups go unless the caller names a folder: beside it, private (0700).
export const defaultBackupDir = (dbPath: string) => `${dbPath}.backups`;

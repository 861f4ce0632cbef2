// A path from outside the page (drop, command line, second launch) must be an absolute path to a
// regular file before the engine reads it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDatabaseFile, databaseArgument } from '../../electron/main/open-file';
import { tempDir } from '../support/temp-dir';

describe('checkDatabaseFile', () => {
  it('accepts an existing regular file and refuses everything else with a code', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'x-ui.db'), 'SQLite format 3\0');
    await mkdir(join(dir, 'folder.db'));
    expect(await checkDatabaseFile(join(dir, 'x-ui.db'))).toEqual({ ok: true, value: join(dir, 'x-ui.db') });
    const code = async (path: string) => {
      const result = await checkDatabaseFile(path);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await code(join(dir, 'folder.db'))).toBe('NOT_A_FILE');
    expect(await code(join(dir, 'missing.db'))).toBe('FILE_NOT_FOUND');
    expect(await code(join(dir, 'x-ui.db', 'inside'))).toBe('FILE_NOT_FOUND');
    expect(await code('x-ui.db')).toBe('INVALID_ARGUMENT');
    expect(await code(`${dir}/x\0.db`)).toBe('INVALID_ARGUMENT');
  });
});

describe('databaseArgument', () => {
  it('finds the database after Electron and the script when unpackaged', () => {
    const options = { defaultApp: true, cwd: '/home/me' };
    expect(databaseArgument(['electron', 'dist/electron/main.cjs', 'x-ui.db'], options)).toBe(
      '/home/me/x-ui.db',
    );
    expect(databaseArgument(['electron', '.', '--no-sandbox', '/srv/x-ui.db'], options)).toBe('/srv/x-ui.db');
    expect(databaseArgument(['electron', 'dist/electron/main.cjs'], options)).toBeNull();
  });

  it('finds the database after the app when packaged', () => {
    const options = { defaultApp: false, cwd: '/home/me' };
    expect(databaseArgument(['/opt/PanelDB/paneldb', '../x-ui.db'], options)).toBe('/home/x-ui.db');
    expect(databaseArgument(['/opt/PanelDB/paneldb', '--enable-logging'], options)).toBeNull();
  });
});

// `paneldb serve <db> --migrations-dir DIR`: the session starts with the folder, and the page can
// read the review of its files (the browser cannot choose a folder itself).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveCommand } from '../../electron/server/serve-command';
import type { SessionInfo } from '../../electron/shared/contract';
import type { MigrationsReview, StatusReport } from '../../electron/shared/reports';
import { buildFixture } from '../fixtures/build';
import { tempDir } from '../support/temp-dir';

const CLEAN = join(import.meta.dirname, '..', 'fixtures', 'panel-sql', 'clean');

describe('paneldb serve --migrations-dir', () => {
  it('starts the session with the folder: its versions are pending and reviewed', async () => {
    const db = await buildFixture('f2-tls-variants', await tempDir('paneldb-serve-dir-'));
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let announced: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (announced = resolve));
    const served = serveCommand({
      db,
      demo: false,
      migrationsDir: CLEAN,
      host: '127.0.0.1',
      port: 0,
      announce: ({ url: address }) => announced(address),
      untilStopped: () => stopped,
    });
    const address = new URL(await url);
    const token = /token=([\w-]+)/.exec(address.hash)?.[1] ?? '';
    const call = async <T>(method: string): Promise<T> => {
      const response = await fetch(`${address.origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const result = (await response.json()) as
        { ok: true; value: T } | { ok: false; error: { code: string } };
      if (!result.ok) throw new Error(result.error.code);
      return result.value;
    };
    try {
      const session = await call<SessionInfo>('getSession');
      expect(session.migrationsFolder?.name).toBe('clean');
      expect(session.canChooseMigrationsFolder).toBe(false);
      const status = await call<StatusReport>('getStatus');
      expect(status.pending.filter((step) => step.source === 'external').map((step) => step.version)).toEqual(
        [6, 7, 8],
      );
      const review = await call<MigrationsReview>('reviewMigrations');
      expect(review.roundtrip.steps.map((step) => step.version)).toContain(8);
    } finally {
      stop();
      expect(await served).toBeNull();
    }
  });

  it('refuses a folder that is not there, before listening', async () => {
    const error = await serveCommand({
      db: undefined,
      demo: false,
      migrationsDir: join(CLEAN, 'missing'),
      host: '127.0.0.1',
      port: 0,
      announce: () => undefined,
    });
    expect(error?.code).toBe('FILE_NOT_FOUND');
  });
});

// "Open the recovered file" (issue 17) through a UI session: the page names no path, the session
// opens the output of its own last recovery — and only while that file still holds exactly the
// bytes the recovery wrote. Refusals are coded and keyed in the catalog; the store switches to it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../electron/app/engine-runner';
import { createSession } from '../../electron/app/session';
import { REQUEST_SCHEMAS } from '../../electron/shared/contract';
import { translate } from '../../electron/shared/i18n';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from '../renderer/fake-api';
import { tempDir } from '../support/temp-dir';
import { buildPanel, damagePage, pagesOf, sha256 } from './support';

async function damagedSession() {
  const dir = await tempDir('paneldb-open-recovered-');
  const db = join(dir, 'x-ui.db');
  buildPanel(db, 12, 40);
  let minute = 30;
  await damagePage(db, pagesOf(db, 'client_traffics', 'leaf')[0]!, 'random');
  const session = createSession({
    mode: 'browser',
    runner: inProcessRunner(),
    createDemo: () => Promise.reject(new Error('not used')),
    // A clock a minute on per call: each recovery gets its own name.
    now: () => new Date(Date.UTC(2026, 11, 2, 6, minute++)),
  });
  const opened = await session.openPath(db);
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  return { dir, db, handlers: session.handlers };
}

async function recovered(handlers: Awaited<ReturnType<typeof damagedSession>>['handlers']) {
  const result = await handlers.recoverDatabase({});
  if (!result.ok || result.value === null) throw new Error(JSON.stringify(result));
  return result.value.output;
}

describe('opening the recovered file', () => {
  it('refuses with NO_RECOVERY_OUTPUT before a recovery wrote one, in both languages', async () => {
    const { handlers } = await damagedSession();
    const result = await handlers.openRecoveredDatabase({});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NO_RECOVERY_OUTPUT', msg: { key: 'recoveryOpen.none' } },
    });
    expect(translate('zh-CN', 'recoveryOpen.none')).not.toBe(translate('en', 'recoveryOpen.none'));
    // Still on the damaged file, in limited mode.
    const session = await handlers.getSession({});
    expect(session).toMatchObject({ ok: true, value: { database: { name: 'x-ui.db' } } });
  });

  it('opens the output of the last recovery as a whole panel database, leaving the damaged file as it was', async () => {
    const { db, handlers } = await damagedSession();
    const limited = await handlers.getSession({});
    expect(limited.ok && limited.value.database?.limited?.code).toBe('DATABASE_CORRUPT');
    const before = await sha256(db);
    const out = await recovered(handlers);
    const result = await handlers.openRecoveredDatabase({});
    expect(result).toMatchObject({
      ok: true,
      value: { database: { name: basename(out), limited: null, demo: false } },
    });
    const status = await handlers.getStatus({});
    expect(status.ok).toBe(true);
    expect(await sha256(db)).toBe(before);
  });

  it('refuses a recovered file that changed since it was written, vanished, or has a -wal beside it', async () => {
    const { handlers } = await damagedSession();
    const out = await recovered(handlers);
    // One byte flipped, same size: the SHA-256 tells, not the size.
    const bytes = await readFile(out);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    await writeFile(out, bytes);
    expect(await handlers.openRecoveredDatabase({})).toMatchObject({
      ok: false,
      error: {
        code: 'FILE_CHANGED_ON_DISK',
        msg: { key: 'recoveryOpen.changed', params: { name: basename(out) } },
      },
    });

    // A new recovery is the one the button opens from then on.
    const again = await recovered(handlers);
    expect(again).not.toBe(out);
    await writeFile(`${again}-wal`, Buffer.alloc(32));
    expect(await handlers.openRecoveredDatabase({})).toMatchObject({
      ok: false,
      error: { code: 'FILE_CHANGED_ON_DISK', msg: { key: 'recoveryOpen.walBeside' } },
    });
    await rm(`${again}-wal`);
    await rm(again);
    expect(await handlers.openRecoveredDatabase({})).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND', msg: { key: 'recoveryOpen.gone' } },
    });
    // The session stayed on the damaged file through every refusal.
    const session = await handlers.getSession({});
    expect(session.ok && session.value.database?.name).toBe('x-ui.db');
  });

  it('takes no argument from the page: not a path, not anything', () => {
    expect(REQUEST_SCHEMAS.openRecoveredDatabase.safeParse({}).success).toBe(true);
    expect(REQUEST_SCHEMAS.openRecoveredDatabase.safeParse({ path: '/etc/passwd' }).success).toBe(false);
    expect(REQUEST_SCHEMAS.openRecoveredDatabase.safeParse({ output: 'x.db' }).success).toBe(false);
  });

  it('switches the store to the recovered file and logs it, or shows the refusal', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().openRecovered();
    expect(api.callsTo('openRecoveredDatabase')).toEqual([{}]);
    expect(store.getState().session?.database?.name).toBe('x-ui.recovered-20261202T063000Z.db');
    expect(store.getState().status).not.toBeNull();
    expect(store.getState().activity[0]).toMatchObject({ operation: 'open', outcome: 'ok' });

    const refusing = fakeApi({
      openRecoveredDatabase: () => ({
        ok: false,
        error: { code: 'NO_RECOVERY_OUTPUT', message: 'none', msg: { key: 'recoveryOpen.none' } },
      }),
    });
    const other = createAppStore(refusing);
    await other.getState().openRecovered();
    expect(other.getState().error?.code).toBe('NO_RECOVERY_OUTPUT');
  });
});

// The recovery contract methods through a UI session: the page never names the output. In the
// browser the engine writes `<name>.recovered-<time>.db` beside the input; on the desktop the save
// dialog names it (cancelling writes nothing). The recovery panel's table and timeline lines.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../electron/app/engine-runner';
import { recoveredFileName } from '../../electron/core/recover/recovered-name';
import { createSession } from '../../electron/app/session';
import { REQUEST_SCHEMAS } from '../../electron/shared/contract';
import { commitLines, tableLines } from '../../renderer/src/components/recovery-view';
import { writePanelWalPair } from '../support/panel-db';
import { tempDir } from '../support/temp-dir';
import { recoverReport, walTimeline } from '../renderer/fake-recover';
import { sha256, tableRows } from './support';

const INBOUND =
  "INSERT INTO inbounds (remark, port, protocol, settings, tag) VALUES ('wal-row', 443, 'vless', '{\"clients\":[]}', 'inbound-443');";
const NOW = new Date('2026-12-02T06:30:00.123Z');

async function sessionOn(chooseRecoveryTarget?: (suggested: string) => Promise<string | null>) {
  const dir = await tempDir('paneldb-session-recover-');
  const db = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND);
  const session = createSession({
    mode: chooseRecoveryTarget === undefined ? 'browser' : 'desktop',
    runner: inProcessRunner(),
    createDemo: () => Promise.reject(new Error('not used')),
    initialDatabase: { path: db, demo: false },
    chooseRecoveryTarget,
    now: () => NOW,
  });
  return { dir, db, handlers: session.handlers };
}

describe('recovery through the UI contract', () => {
  it('writes the recovered file beside the input in the browser, under a name the engine picks', async () => {
    const { dir, db, handlers } = await sessionOn();
    const before = await sha256(db);
    const timeline = await handlers.listWalCommits({});
    expect(timeline).toMatchObject({ ok: true, value: { wal_present: true, commits: [{ index: 1 }] } });
    const result = await handlers.recoverDatabase({});
    if (!result.ok || result.value === null) throw new Error(JSON.stringify(result));
    expect(result.value.output).toBe(join(dir, 'x-ui.recovered-20261202T063000Z.db'));
    expect(tableRows(result.value.output, 'inbounds')).toHaveLength(1);
    expect(await sha256(db)).toBe(before);
    // A second click at the same time refuses rather than overwrite.
    expect(await handlers.recoverDatabase({})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('uses the desktop save dialog, and writes nothing when it is cancelled', async () => {
    const chosen: string[] = [];
    let answer: string | null = null;
    const { dir, handlers } = await sessionOn(async (suggested) => {
      chosen.push(suggested);
      return answer;
    });
    expect(await handlers.recoverDatabase({})).toEqual({ ok: true, value: null });
    expect((await readdir(dir)).filter((f) => f.includes('recovered'))).toEqual([]);
    answer = join(dir, 'picked.db');
    const result = await handlers.recoverDatabase({ walCommit: 0 });
    expect(result).toMatchObject({ ok: true, value: { output: answer, mode: 'wal-commit' } });
    expect(tableRows(answer, 'inbounds')).toHaveLength(0);
    expect(chosen[0]).toBe(recoveredFileName(join(dir, 'x-ui.db'), NOW));
  });

  it('accepts only an optional whole commit number from the page, never a path', () => {
    expect(REQUEST_SCHEMAS.recoverDatabase.safeParse({ walCommit: 2 }).success).toBe(true);
    expect(REQUEST_SCHEMAS.recoverDatabase.safeParse({ out: '/etc/passwd' }).success).toBe(false);
    expect(REQUEST_SCHEMAS.recoverDatabase.safeParse({ walCommit: -1 }).success).toBe(false);
    expect(REQUEST_SCHEMAS.listWalCommits.safeParse({ path: 'x' }).success).toBe(false);
  });

  it("shows each table's recovered rows against the id the damaged file claims, and each commit's changes", () => {
    const lines = tableLines(recoverReport());
    expect(lines.find((l) => l.table === 'client_traffics')).toEqual({
      table: 'client_traffics',
      recovered: 400,
      claimed: 403,
      rescued: 3,
      lost: 0,
      newIds: 3,
      short: 3,
    });
    expect(lines.find((l) => l.table === 'users')?.short).toBe(0);
    // SQLite's own id bookkeeping is left out of what a commit changed.
    expect(commitLines(walTimeline())[0]?.changes).toEqual([
      { table: 'inbounds', inserted: 3, updated: 0, deleted: 0 },
    ]);
    expect(commitLines(walTimeline())[1]).toMatchObject({
      index: 2,
      schemaChanged: true,
      changes: [
        { table: 'link_histories', deleted: 1 },
        { table: 'inbounds', updated: 7 },
      ],
    });
  });
});

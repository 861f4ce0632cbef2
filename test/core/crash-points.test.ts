// Every point a migrate writes at is a point it can die at. This sweep stops the file system at the
// N-th write-side call (and fails every call after it, as a killed process would make none) and
// checks what the next open finds: the old bytes or the new, never a stale WAL beside new bytes,
// and after recovery exactly the old content (WAL included) or the new.
import * as nodeFs from 'node:fs/promises';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { sqlite3OnCopy } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

const WRITE_CALLS = new Set(['open', 'rename', 'rm', 'chmod', 'mkdir', 'unlink']);

class SimulatedCrash extends Error {}

/** A file system that dies at write-side call number `crashAt` (1-based). */
function dyingFileSystem(crashAt: number): {
  fs: FileSystem;
  calls: () => number;
  diedAt: () => string;
  log: string[];
} {
  const log: string[] = [];
  let calls = 0;
  let diedAt = '';
  let dead = false;
  const fs = new Proxy(nodeFileSystem, {
    get(target, property: keyof FileSystem) {
      const original = target[property] as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        if (dead) throw new SimulatedCrash('process is dead');
        // Reads of the folder for fsync and handles opened read-only do not change anything.
        const writes = WRITE_CALLS.has(property) && !(property === 'open' && args[1] === 'r');
        if (writes) {
          calls += 1;
          log.push(String(args[0]));
          if (calls === crashAt) {
            dead = true;
            diedAt = `${String(property)} ${String(args[0])}`;
            throw new SimulatedCrash(`died at write call ${crashAt} (${String(property)})`);
          }
        }
        return original.apply(target, args);
      };
    },
  });
  return { fs, calls: () => calls, diedAt: () => diedAt, log };
}

const inboundsOf = (path: string, withWal: boolean) =>
  sqlite3OnCopy(path, 'SELECT id, remark, settings, stream_settings FROM inbounds ORDER BY id;', withWal);

describe('a migrate killed at any write', () => {
  it('leaves the old bytes or the new, and the next open recovers the full old or new content', async () => {
    // A clean run first: how many write calls a migrate makes, and what "after" looks like.
    const reference = await buildFixture('f7-wal-uncheckpointed', await tempDir());
    const beforeContent = await inboundsOf(reference, true);
    const counter = dyingFileSystem(Number.POSITIVE_INFINITY);
    const run = await createPanelEngine({ dbPath: reference, fs: counter.fs }).migrate();
    expect(run.ok).toBe(true);
    const afterContent = await inboundsOf(reference, false);
    // The audit log is appended after the file was replaced (its mkdir, open and chmod come last):
    // a death there leaves the new file, reported as done; every earlier write must surface.
    const auditAt = counter.log.findIndex((target) => target.endsWith('paneldb-audit.jsonl'));
    expect(auditAt).toBeGreaterThan(0);
    const totalWrites = auditAt - 1; // the audit's mkdir of the backup folder comes just before
    expect(counter.calls() - totalWrites).toBe(3);
    expect(totalWrites).toBeGreaterThan(8);
    {
      const path = await buildFixture('f7-wal-uncheckpointed', await tempDir());
      const { fs } = dyingFileSystem(totalWrites + 2);
      expect((await createPanelEngine({ dbPath: path, fs }).migrate()).ok).toBe(true);
      expect(await inboundsOf(path, false)).toEqual(afterContent);
    }

    for (let crashAt = 1; crashAt <= totalWrites; crashAt += 1) {
      const dir = await tempDir();
      const path = await buildFixture('f7-wal-uncheckpointed', dir);
      const mainBefore = await sha256File(path);
      const { fs, diedAt } = dyingFileSystem(crashAt);
      const result = await createPanelEngine({ dbPath: path, fs }).migrate();
      // Releasing the lock is the last call: the save is complete by then, and a dead release
      // leaves a lock whose holder is gone (taken over by the next write).
      if (!diedAt().endsWith('.paneldb-lock'))
        expect(result.ok, `crash at ${crashAt} must surface as a failure`).toBe(false);

      // Straight after the "kill": the main file is the old bytes or a complete new file.
      const mainNow = await sha256File(path);
      const walBeside = await stat(`${path}-wal`).then(
        () => true,
        () => false,
      );
      if (mainNow !== mainBefore) {
        expect(walBeside, `crash at ${crashAt}: no stale WAL beside the new file`).toBe(false);
        expect(await inboundsOf(path, false)).toEqual(afterContent);
      }

      // A plain status works and moves, deletes or chmods nothing (it may describe what it finds).
      const listing = async () =>
        [...(await readdir(dirname(path))), ...(await readdir(`${path}.backups`).catch(() => []))].sort();
      const beforeStatus = await listing();
      const status = await createPanelEngine({ dbPath: path }).getStatus();
      expect(status.ok, `crash at ${crashAt}: status works afterwards`).toBe(true);
      expect(await listing(), `crash at ${crashAt}: status changed nothing`).toEqual(beforeStatus);
      // The next write, under the lock, puts things right: then exactly the old or the new content.
      const next = await createPanelEngine({ dbPath: path }).createBackup();
      expect(next.ok, `crash at ${crashAt}: the next write works`).toBe(true);
      const content = await inboundsOf(path, true);
      const isBefore = JSON.stringify(content) === JSON.stringify(beforeContent);
      const isAfter = JSON.stringify(content) === JSON.stringify(afterContent);
      expect(isBefore || isAfter, `crash at ${crashAt}: content is the old or the new`).toBe(true);
      const leftovers = (await listing()).filter(
        (name) => name.includes('paneldb-tmp') || name.includes('paneldb-save'),
      );
      expect(leftovers, `crash at ${crashAt}: no temp or intent file left`).toEqual([]);
    }
  }, 120_000);

  it('recovers by putting the WAL back when the process died between moving it aside and the rename', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    const walBefore = await readFile(`${path}-wal`);
    const renames: string[] = [];
    let dead = false;
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (dead) throw new SimulatedCrash('dead');
        renames.push(String(from));
        // The database's own temp file, not the backup's or the intent record's.
        if (/^\.x-ui\.db\.[0-9a-f]{12}\.paneldb-tmp$/.test(basename(String(from)))) {
          dead = true;
          throw new SimulatedCrash('killed just before the final rename');
        }
        return nodeFs.rename(from, to);
      },
      rm: async (...args) => {
        if (dead) throw new SimulatedCrash('dead');
        return nodeFs.rm(...args);
      },
    };
    expect((await createPanelEngine({ dbPath: path, fs }).migrate()).ok).toBe(false);
    expect(renames.some((from) => from.endsWith('-wal'))).toBe(true);
    await expect(stat(`${path}-wal`)).rejects.toMatchObject({ code: 'ENOENT' }); // the WAL is aside

    // status only describes it (read-only commands move nothing) …
    const described = await createPanelEngine({ dbPath: path }).getStatus();
    if (described.ok) expect(described.value.warnings.map((w) => w.code)).toContain('INTERRUPTED_SAVE');
    await expect(stat(`${path}-wal`)).rejects.toMatchObject({ code: 'ENOENT' });
    // … the next write puts the WAL back under its lock, since the file is byte-identical to the original.
    const next = await createPanelEngine({ dbPath: path }).createBackup();
    expect(next.ok).toBe(true);
    expect(next.ok && next.value.safety_notes?.join(' ')).toMatch(/-wal was put back/);
    expect(await readFile(`${path}-wal`)).toEqual(walBefore);
    const status = await createPanelEngine({ dbPath: path }).getStatus();
    expect(status.ok && status.value.journal.wal_transactions_applied).toBeGreaterThan(0);
    expect((await readdir(`${path}.backups`)).filter((name) => name.includes('paneldb-save'))).toEqual([]);
  });
});

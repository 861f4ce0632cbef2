// Recently opened databases, kept as JSON in the user-data folder. The page sees only ids (a hash of
// the path) with a file name and folder; the paths stay in main. Newest first, at most ten.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RecentFiles } from '../app/session';

export const MAX_RECENT_FILES = 10;

const stored = z.object({
  version: z.literal(1),
  paths: z.array(z.string().min(1).max(4096)),
});

export const recentId = (path: string): string =>
  createHash('sha256').update(path).digest('hex').slice(0, 16);

export interface RecentFileStore extends RecentFiles {
  /** Fired after every change, e.g. to rebuild the "Open recent" menu. */
  onChange(listener: () => void): void;
}

export function createRecentFiles(file: string): RecentFileStore {
  const listeners: Array<() => void> = [];
  let writing: Promise<unknown> = Promise.resolve();

  const readPaths = async (): Promise<string[]> => {
    try {
      const parsed = stored.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data.paths.slice(0, MAX_RECENT_FILES) : [];
    } catch {
      return []; // missing or unreadable: start a fresh list rather than refuse to start
    }
  };

  const writePaths = async (paths: string[]) => {
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  };

  return {
    async list() {
      await writing;
      return (await readPaths()).map((path) => ({ id: recentId(path), path }));
    },
    add(path) {
      const next = writing.then(async () => {
        const paths = [path, ...(await readPaths()).filter((known) => known !== path)];
        await writePaths(paths.slice(0, MAX_RECENT_FILES));
      });
      // A list that cannot be saved must not fail the open that added to it.
      writing = next.then(
        () => listeners.forEach((listener) => listener()),
        () => undefined,
      );
      return writing.then(() => undefined);
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}

// The lifecycle behind `paneldb serve`: check the host, open the database (or none), start the
// engine worker and the server, announce the URL, and on SIGINT/SIGTERM close both cleanly.
// Refusals come back as an AppError for the CLI to print as its usual one line.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inProcessRunner, workerRunner, type EngineRunner } from '../app/engine-runner';
import { createDemoDatabase, nodeFileSystem } from '../app/host';
import { createSession } from '../app/session';
import { message } from '../shared/i18n';
import { appError, type AppError } from '../shared/result';
import { loopbackBindAddress } from './guards';
import { createProgressHub, ServerError, startServer } from './serve';
import { folderFiles } from './folder-files';

export interface ServeCommandOptions {
  db: string | undefined;
  demo: boolean;
  /** `--migrations-dir`: the session's golang-migrate folder from the start. */
  migrationsDir?: string;
  host: string;
  port: number;
  /** Called once the server listens: what is open and the URL (with its token) to give the user. */
  announce: (served: { database: string | null; demo: boolean; url: string }) => void;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  untilStopped?: () => Promise<unknown>;
  log?: (line: string) => void;
}

/**
 * Inside the bundle (dist/node/cli.js) the worker sits beside it and the renderer in ../renderer;
 * from the sources (tsx, tests) both are looked up under dist/.
 */
const runningFromSources = import.meta.url.endsWith('.ts');
const besideBundle = (inBundle: string, fromSources: string) =>
  fileURLToPath(new URL(runningFromSources ? fromSources : inBundle, import.meta.url));

/** The worker thread when it is built; the engine in this thread otherwise (sources, tests). */
function engineRunner(): EngineRunner {
  const worker = besideBundle('./engine-worker.js', '../../dist/node/engine-worker.js');
  return existsSync(worker) ? workerRunner(worker) : inProcessRunner();
}

const rendererDir = () => besideBundle('../renderer', '../../dist/renderer');

/** Resolves on the first SIGINT or SIGTERM; a second one gets Node's default (exit at once). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function serveCommand(options: ServeCommandOptions): Promise<AppError | null> {
  if (loopbackBindAddress(options.host) === null) {
    return appError('FORBIDDEN', message('err.serve.notLoopback', { host: options.host }));
  }
  if (options.demo && options.db !== undefined) {
    return appError('INVALID_ARGUMENT', message('cli.error.databaseAndDemo'));
  }
  const hub = createProgressHub();
  const runner = engineRunner();
  // `serve DIR`: the start screen lists DIR's databases to choose from (issue 14B).
  const folder =
    options.db !== undefined &&
    statSync(resolve(options.db), { throwIfNoEntry: false })?.isDirectory() === true
      ? resolve(options.db)
      : undefined;
  const session = createSession({
    mode: 'browser',
    runner,
    createDemo: () => createDemoDatabase(nodeFileSystem),
    onProgress: hub.emit,
    ...(folder === undefined ? {} : { recent: folderFiles(folder), filesFolder: folder }),
  });

  let database: string | null = null;
  let server;
  try {
    if (options.migrationsDir !== undefined) {
      const folder = await session.setMigrationsDir(options.migrationsDir);
      if (!folder.ok) {
        await runner.close();
        return folder.error;
      }
    }
    if (options.demo || (options.db !== undefined && folder === undefined)) {
      database = options.demo ? await createDemoDatabase(nodeFileSystem) : resolve(options.db ?? '');
      const opened = await session.openPath(database, options.demo);
      if (!opened.ok) {
        await runner.close();
        return opened.error;
      }
    }
    server = await startServer({
      handlers: session.handlers,
      subscribeProgress: hub.subscribe,
      host: options.host,
      port: options.port,
      staticDir: rendererDir(),
      log: options.log,
    });
  } catch (thrown) {
    // Nothing may keep the worker (and so the process) alive after a refusal.
    await runner.close();
    if (thrown instanceof ServerError) return thrown.toAppError();
    throw thrown;
  }
  options.announce({ database, demo: options.demo, url: server.url });
  await (options.untilStopped ?? untilSignal)();
  await server.close();
  await runner.close();
  return null;
}

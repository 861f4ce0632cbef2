// sql.js is initialised once per process; its wasm file is resolved from node_modules (the CLI
// bundle keeps sql.js external for exactly this reason).
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { selfTest } from './sqljs-memory';
import { memoryCapturingConfig, selfTestDirect } from './sqljs-direct';
import { selfTestContentHash } from './content-hash-rows';

let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  // The self-test decides once whether saves may write sql.js's file bytes directly (sqljs-memory.ts).
  // The direct reads keep a handle on its memory (sqljs-direct.ts), and test themselves once too.
  loading ??= initSqlJs(memoryCapturingConfig()).then((SQL) => {
    selfTest(SQL);
    selfTestDirect(SQL);
    // Content hashes from the stored bytes, only if they hash exactly as the decoded values do.
    selfTestContentHash(SQL);
    return SQL;
  });
  return loading;
}

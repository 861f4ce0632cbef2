// sql.js is initialised once per process; its wasm file is resolved from node_modules (the CLI
// bundle keeps sql.js external for exactly this reason).
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs();
  return loading;
}

// A fresh process runs sql.js's WebAssembly in its baseline tier first: the first quick_check of a
// 100 MB file took 207–525 ms, later ones 81–90 ms (issue 16). The desktop and `serve` worker lives
// for the whole session, so it pays that once, at start, on a small throw-away database, before the
// user opens anything.
import { loadSqlJs } from './sqljs';

export async function warmUpSqlJs(): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
      CREATE INDEX t_b ON t (b);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
      INSERT INTO t (a, b) SELECT json_object('id', i, 'flow', printf('%08d', i)), hex(randomblob(16)) FROM n;`);
    for (let round = 0; round < 3; round += 1) {
      db.exec('PRAGMA quick_check; PRAGMA integrity_check; SELECT count(*), sum(length(a)) FROM t');
      const statement = db.prepare('SELECT id, a, b FROM t');
      while (statement.step()) statement.get();
      statement.free();
    }
  } finally {
    db.close();
  }
}

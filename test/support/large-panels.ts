// Large panel files for the browser tests, made by the sqlite3 CLI: many small TLS inbounds (so a
// preview lists thousands of changed rows), and a big file of the bench's realistic shape.
import { generatePanelDb } from '../../bench/generate';
import { PANEL_SCHEMA_SQL } from './panel-db';
import { sqlite3 } from './sqlite-cli';

/** `count` inbounds whose TLS settings step 2 rewrites: one preview row each. */
export function writeManyInbounds(path: string, count: number): string {
  const stream = JSON.stringify({
    network: 'tcp',
    security: 'tls',
    tlsSettings: { serverName: 'a.example.com', verifyPeerCertInNames: ['dns.google', 'cloudflare-dns.com'] },
  }).replaceAll("'", "''");
  sqlite3(
    path,
    `${PANEL_SCHEMA_SQL}
     INSERT INTO history_of_seeders (seeder_name) VALUES ('UserPasswordHash');
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
     INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag)
     SELECT 'inbound ' || i, 10000 + i, 'vless', '{"clients":[],"decryption":"none"}', '${stream}', 'inbound-' || (10000 + i) FROM n;`,
  );
  return path;
}

/** A realistic panel database of about `megabytes` MB (the bench's generator). */
export async function writeBigPanel(path: string, megabytes: number): Promise<string> {
  await generatePanelDb(path, megabytes);
  return path;
}

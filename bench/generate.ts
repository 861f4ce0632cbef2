// Builds realistic panel databases with the native sqlite3 CLI: the HEAD schema, only
// `UserPasswordHash` recorded (so steps 1–4 are pending), a few bcrypt admins, and inbounds whose
// `settings` JSON holds hundreds to thousands of clients each — pretty and compact rows, TLS rows
// with verifyPeerCertInNames (step 2), XHTTP rows without flow (step 3), REALITY targets without a
// port (step 4) — plus matching `client_traffics` and a large `inbound_client_ips`.
// The JSON rows are written by Node into one SQL stream piped to sqlite3; the per-client tables are
// filled inside SQLite with WITH RECURSIVE, so a 300 MB file takes seconds, not minutes.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PANEL_DDL } from '../electron/panel/panel-schema';
import { copyWhileOpen } from '../test/support/sqlite-cli';

/** Bytes of database per client, measured on the generated files (JSON + traffic + IP rows + indexes). */
const BYTES_PER_CLIENT = 476;

const ADMIN_HASHES = [
  '$2a$10$lRV2nTkSylYDsvlnUcCO1eoSnxMJN.bPC0BB9me38I4Os79Yp/XMO',
  '$2a$10$ZwK9q/iBjLyJXlyrNiS2aOPZNk/ZU1Rrc.e5QtZVn4azesBUZrLdK',
  '$2a$10$OlKbroAcZvKam9A4Nswi3efnSAmW4qXDaclimXOk2xQCxoZ7lrm9u',
];

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
const uuid = (inbound: number, n: number) =>
  `${(inbound * 7919).toString(16).padStart(8, '0').slice(-8)}-2222-4333-8444-${n.toString(16).padStart(12, '0')}`;

type Kind =
  'tls-pretty' | 'xhttp-reality' | 'reality-noport' | 'vmess-pretty' | 'trojan-tls' | 'xhttp-tls-pretty';
const KINDS: Kind[] = [
  'tls-pretty',
  'xhttp-reality',
  'reality-noport',
  'vmess-pretty',
  'trojan-tls',
  'xhttp-tls-pretty',
];

function client(inbound: number, n: number, flow: string | undefined): Record<string, unknown> {
  const value: Record<string, unknown> = { id: uuid(inbound, n) };
  if (flow !== undefined) value.flow = flow;
  Object.assign(value, {
    email: `u${inbound}-${n}`,
    limitIp: n % 3,
    speedLimit: 0,
    totalGB: (n % 50) * 1073741824,
    expiryTime: 1767225600000 + n * 1000,
    enable: n % 17 !== 0,
    tgId: n % 5 === 0 ? `${100000000 + n}` : '',
    subId: `sub${String(inbound * 100000 + n).padStart(13, '0')}`,
    comment: n % 7 === 0 ? `customer ${n} – renew monthly` : '',
    reset: 0,
  });
  return value;
}

const tlsStream = (network: string, host: string, legacyNames: boolean) => ({
  network,
  security: 'tls',
  externalProxy: [],
  tlsSettings: {
    serverName: host,
    minVersion: '1.2',
    maxVersion: '1.3',
    cipherSuites: '',
    rejectUnknownSni: false,
    ...(legacyNames
      ? { verifyPeerCertInNames: [host, `www.${host}`], allowInsecure: false }
      : { verifyPeerCertByName: host }),
    disableSystemRoot: false,
    enableSessionResumption: false,
    certificates: [
      {
        certificateFile: `/root/cert/${host}/fullchain.pem`,
        keyFile: `/root/cert/${host}/privkey.pem`,
        oneTimeLoading: false,
        usage: 'encipherment',
        buildChain: false,
      },
    ],
    alpn: ['h2', 'http/1.1'],
    settings: {
      allowInsecure: false,
      fingerprint: 'chrome',
      pinnedPeerCertSha256: 'aa11~bb22',
      echConfigList: '',
    },
  },
  ...(network === 'xhttp'
    ? { xhttpSettings: { path: '/xh', host: '', mode: 'auto', headers: {}, xPaddingBytes: '100-1000' } }
    : { tcpSettings: { acceptProxyProtocol: false, header: { type: 'none' } } }),
});

const realityStream = (network: string, target: string) => ({
  network,
  security: 'reality',
  realitySettings: {
    show: false,
    xver: 0,
    target,
    serverNames: ['www.microsoft.com', 'microsoft.com'],
    privateKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
    shortIds: ['d3', 'cdef', '768c9a'],
    settings: {
      publicKey: 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8',
      fingerprint: 'chrome',
      spiderX: '/',
    },
  },
  ...(network === 'xhttp'
    ? { xhttpSettings: { path: '/xr', host: '', mode: 'stream-up', headers: {} } }
    : { tcpSettings: { acceptProxyProtocol: false, header: { type: 'none' } } }),
});

function inboundRow(id: number, clients: number): { sql: string } {
  const kind = KINDS[(id - 1) % KINDS.length] as Kind;
  const list = (flow: (n: number) => string | undefined) =>
    Array.from({ length: clients }, (_, index) => client(id, index + 1, flow(index + 1)));
  let protocol = 'vless';
  let settings: unknown;
  let stream: unknown;
  let pretty = false;
  switch (kind) {
    case 'tls-pretty':
      settings = { clients: list(() => 'xtls-rprx-vision'), decryption: 'none', fallbacks: [] };
      stream = tlsStream('tcp', `h${id}.example.com`, true);
      pretty = true;
      break;
    case 'xhttp-reality':
      settings = { clients: list((n) => (n % 2 === 0 ? '' : undefined)), decryption: 'none' };
      stream = realityStream('xhttp', 'www.google.com:443');
      break;
    case 'reality-noport':
      settings = { clients: list(() => 'xtls-rprx-vision'), decryption: 'none' };
      stream = realityStream('tcp', 'www.microsoft.com');
      break;
    case 'vmess-pretty':
      protocol = 'vmess';
      settings = { clients: list(() => undefined) };
      stream = { network: 'ws', security: 'none', wsSettings: { path: '/ws', headers: {} } };
      pretty = true;
      break;
    case 'trojan-tls':
      protocol = 'trojan';
      settings = { clients: list(() => undefined), fallbacks: [] };
      stream = tlsStream('tcp', `t${id}.example.com`, false);
      break;
    case 'xhttp-tls-pretty':
      settings = { clients: list(() => ''), decryption: 'none' };
      stream = tlsStream('xhttp', `x${id}.example.com`, false);
      pretty = true;
      break;
  }
  const json = (value: unknown) => (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value));
  const sniffing = json({ enabled: true, destOverride: ['http', 'tls', 'quic'], metadataOnly: false });
  const port = 10000 + id;
  const sql =
    `INSERT INTO inbounds (id,user_id,up,down,total,all_time,remark,enable,expiry_time,device_limit,listen,port,protocol,settings,stream_settings,tag,sniffing) VALUES (` +
    `${id},1,${id * 1000},${id * 5000},0,0,${sqlText(`${kind} #${id}`)},1,0,0,'',${port},'${protocol}',` +
    `${sqlText(json(settings))},${sqlText(json(stream))},'inbound-${port}',${sqlText(sniffing)});\n` +
    // The per-client rows, generated inside SQLite with the same e-mails as the JSON.
    `INSERT INTO client_traffics (inbound_id,enable,email,up,down,all_time,expiry_time,total,reset,last_online) ` +
    `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM s WHERE n < ${clients}) ` +
    `SELECT ${id}, n % 17 != 0, 'u${id}-' || n, n * 104729 % 9999999967, n * 7919 % 99999999977, n * 131071, ` +
    `1767225600000 + n * 1000, (n % 50) * 1073741824, 0, 1764000000000 + n FROM s;\n` +
    `INSERT INTO inbound_client_ips (client_email,ips) ` +
    `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM s WHERE n < ${clients}) ` +
    `SELECT 'u${id}-' || n, json_array(` +
    `printf('10.%d.%d.%d', n % 250, ${id} % 250, n % 199), printf('172.16.%d.%d', n % 240, n % 251), ` +
    `printf('192.168.%d.%d', ${id} % 200, n % 253), printf('2a01:4f8:%x:%x::1', n, ${id}), ` +
    `printf('100.64.%d.%d', n % 97, n % 211)) FROM s;\n`;
  return { sql };
}

/** The whole SQL text of a database of about `megabytes` MB, as chunks (never one giant string). */
export function* panelSql(megabytes: number): Generator<string> {
  const totalClients = Math.max(600, Math.round((megabytes * 1024 * 1024) / BYTES_PER_CLIENT));
  // Hundreds to thousands of clients per inbound, like real panels with resellers.
  const perInbound = megabytes <= 20 ? 500 : 2000;
  const inbounds = Math.max(KINDS.length, Math.round(totalClients / perInbound));
  yield 'PRAGMA journal_mode=DELETE;\nPRAGMA synchronous=OFF;\nBEGIN;\n';
  yield `${Object.values(PANEL_DDL).join(';\n')};\n`;
  yield ADMIN_HASHES.map(
    (hash, index) => `INSERT INTO users (username,password) VALUES ('admin${index || ''}', '${hash}');`,
  ).join('\n');
  yield "\nINSERT INTO history_of_seeders (seeder_name) VALUES ('UserPasswordHash');\n";
  yield "INSERT INTO settings (key,value) VALUES ('webPort','2053'),('webBasePath','/panel/'),('secret','s3cr3t');\n";
  for (let id = 1; id <= inbounds; id += 1) {
    // Vary the client count a little so rows do not all have the same size.
    const clients = Math.max(50, Math.round(perInbound * (0.6 + ((id * 37) % 81) / 100)));
    yield inboundRow(id, clients).sql;
  }
  yield "INSERT INTO outbound_traffics (tag,up,down,total) VALUES ('direct',1,2,3),('blocked',0,0,0);\n";
  yield 'COMMIT;\n';
}

/** Runs a SQL stream into a sqlite3 process; resolves when it has exited cleanly. */
export async function pipeIntoSqlite(dbPath: string, chunks: Iterable<string>, args: string[] = []) {
  const child = spawn('sqlite3', ['-batch', '-bail', ...args, dbPath], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (const chunk of chunks) {
    if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0 || stderr.trim() !== '') throw new Error(`sqlite3 failed (${code}): ${stderr.trim()}`);
}

export async function generatePanelDb(target: string, megabytes: number): Promise<void> {
  const temp = `${target}.generating`;
  await rm(temp, { force: true });
  await pipeIntoSqlite(temp, panelSql(megabytes));
  await rename(temp, target);
}

/**
 * A copy of `base` with about `walMegabytes` of committed, un-checkpointed transactions in its -wal,
 * the way a running panel leaves it (makeWalPair's approach: one sqlite3 process with
 * wal_autocheckpoint=0; both files are copied while it is still open, then it is killed).
 */
export async function generateWalPair(base: string, target: string, walMegabytes: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paneldb-bench-wal-'));
  const live = join(dir, 'live.db');
  await copyFile(base, live);
  // The traffic counters a running panel updates every few seconds: many small transactions
  // rewriting client_traffics pages, plus one new inbound — until the WAL reaches its size.
  const pages = Math.round((walMegabytes * 1024 * 1024) / (4096 + 24));
  const perTxn = 2000;
  const lines = ['PRAGMA journal_mode=WAL;', 'PRAGMA wal_autocheckpoint=0;'];
  // ~76 client_traffics rows per 4 KiB page: a txn of `perTxn` consecutive ids dirties ~26 pages;
  // passes wrap around the table (the WAL appends a new frame for every commit of a page).
  const transactions = Math.ceil(pages / (perTxn / 76));
  for (let k = 0; k < transactions; k += 1) {
    const from = `(${k * perTxn} % (SELECT max(id) FROM client_traffics))`;
    lines.push(
      `UPDATE client_traffics SET up = up + 1048576, down = down + 4194304, last_online = 1764100000000 + ${k} WHERE id > ${from} AND id <= ${from} + ${perTxn};`,
    );
  }
  lines.push(
    'INSERT INTO inbounds (user_id,up,down,total,remark,enable,expiry_time,port,protocol,settings,stream_settings,tag,sniffing) VALUES (1,0,0,0,\'added while running\',1,0,65000,\'vless\',\'{"clients":[],"decryption":"none"}\',\'{"network":"tcp","security":"none"}\',\'inbound-65000\',\'{}\');',
  );
  try {
    await copyWhileOpen(
      live,
      lines.join('\n'),
      async () => {
        await copyFile(live, `${target}.generating`);
        await copyFile(`${live}-wal`, `${target}-wal`);
        await rename(`${target}.generating`, target);
      },
      300_000,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const sizeOf = async (path: string) => (await stat(path)).size;

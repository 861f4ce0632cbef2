// The demo database: a realistic X-Panel file from before v7.5.9 (only UserPasswordHash recorded),
// built from SQL on demand so nothing opaque ships. Its inbounds exercise the pending steps: a UI
// TLS row with the old verifyPeerCertInNames array, a Telegram-bot XHTTP+REALITY row without flow,
// and a REALITY target without a port.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PANEL_DDL } from '../panel/panel-schema';
import { writeFileAtomically } from './save';
import type { FileSystem } from './file-system';
import { loadSqlJs } from './sqljs';

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

const SNIFFING = pretty({
  enabled: true,
  destOverride: ['http', 'tls', 'quic', 'fakedns'],
  metadataOnly: false,
  routeOnly: false,
});

const client = (n: number, email: string, flow?: string) => ({
  id: `11111111-2222-4333-8444-00000000000${n}`,
  ...(flow === undefined ? {} : { flow }),
  email,
  limitIp: 0,
  speedLimit: 0,
  totalGB: 0,
  expiryTime: 0,
  enable: true,
  tgId: '',
  subId: `demo${n}subid0000000`,
  comment: '',
  reset: 0,
  created_at: 1768922398000,
  updated_at: 1770175364000,
});

const INBOUNDS: Array<{ remark: string; port: number; protocol: string; settings: string; stream: string }> =
  [
    {
      remark: '香港 TLS',
      port: 443,
      protocol: 'vless',
      settings: pretty({
        clients: [client(1, 'alice', 'xtls-rprx-vision')],
        decryption: 'none',
        fallbacks: [],
      }),
      stream: pretty({
        network: 'tcp',
        security: 'tls',
        externalProxy: [],
        tlsSettings: {
          serverName: 'a.example.com',
          minVersion: '1.2',
          maxVersion: '1.3',
          cipherSuites: '',
          rejectUnknownSni: false,
          verifyPeerCertInNames: ['dns.google', 'cloudflare-dns.com'],
          disableSystemRoot: false,
          enableSessionResumption: false,
          certificates: [
            {
              certificateFile: '/root/cert/a.example.com/fullchain.pem',
              keyFile: '/root/cert/a.example.com/privkey.pem',
              oneTimeLoading: false,
              usage: 'encipherment',
              buildChain: false,
            },
          ],
          alpn: ['h2', 'http/1.1'],
          settings: { allowInsecure: false, fingerprint: 'chrome', echConfigList: '' },
        },
        tcpSettings: { acceptProxyProtocol: false, header: { type: 'none' } },
      }),
    },
    {
      remark: 'bot xhttp reality',
      port: 23731,
      protocol: 'vless',
      settings:
        '{"clients":[{"email":"x7Kp2QaZ","enable":true,"flow":"","id":"11111111-2222-4333-8444-000000000002","level":0,"password":""}],"decryption":"none","selectedAuth":"X25519, not Post-Quantum"}',
      stream:
        '{"network":"xhttp","realitySettings":{"maxClientVer":"","maxTimediff":0,"minClientVer":"","mldsa65Seed":"","privateKey":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","serverNames":["www.google.com","google.com"],"settings":{"mldsa65Verify":"","publicKey":"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8","spiderX":"/"},"shortIds":["d3","cdef","768c9a"],"show":false,"target":"www.google.com:443","xver":0},"security":"reality","xhttpSettings":{"headers":{},"host":"","mode":"stream-up","noSSEHeader":false,"path":"/cjutbzax","scMaxBufferedPosts":30,"scMaxEachPostBytes":"1000000","scStreamUpServerSecs":"20-80","xPaddingBytes":"100-1000"}}',
    },
    {
      remark: 'Reality 东京',
      port: 8443,
      protocol: 'vless',
      settings: pretty({
        clients: [client(3, 'bob', 'xtls-rprx-vision')],
        decryption: 'none',
        fallbacks: [],
      }),
      stream: pretty({
        network: 'tcp',
        security: 'reality',
        externalProxy: [],
        realitySettings: {
          show: false,
          xver: 0,
          target: 'www.microsoft.com',
          serverNames: ['www.microsoft.com'],
          privateKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
          minClientVer: '',
          maxClientVer: '',
          maxTimediff: 0,
          shortIds: ['a1b2c3d4'],
          settings: {
            publicKey: 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8',
            fingerprint: 'chrome',
            serverName: '',
            spiderX: '/',
          },
        },
        tcpSettings: { acceptProxyProtocol: false, header: { type: 'none' } },
      }),
    },
    {
      remark: 'trojan ws',
      port: 2096,
      protocol: 'trojan',
      settings: pretty({
        clients: [{ ...client(4, 'carol'), password: 'demo-trojan-password' }],
        fallbacks: [],
      }),
      stream: pretty({
        network: 'ws',
        security: 'none',
        externalProxy: [],
        wsSettings: { path: '/ws', host: '', headers: {} },
      }),
    },
  ];

export function demoDatabaseSql(): string {
  const statements = [...Object.values(PANEL_DDL)];
  statements.push(
    "INSERT INTO users (username, password) VALUES ('admin', '$2a$10$8Yc5HCp0mXoJ9nW3rXkFNeW8p5GQ1XbK0rS9yq3QpO8xU1tYzq4lK')",
    "INSERT INTO history_of_seeders (seeder_name) VALUES ('UserPasswordHash')",
  );
  for (const [key, value] of [
    ['webPort', '13688'],
    ['webBasePath', '/'],
    ['tgLang', 'zh-CN'],
    ['timeLocation', 'Local'],
    ['secret', 'demoSecretDemoSecretDemoSecret00'],
  ]) {
    statements.push(
      `INSERT INTO settings (key, value) VALUES (${sqlText(key ?? '')}, ${sqlText(value ?? '')})`,
    );
  }
  INBOUNDS.forEach((inbound, index) => {
    const id = index + 1;
    statements.push(
      `INSERT INTO inbounds (id, user_id, up, down, total, all_time, remark, enable, expiry_time, device_limit, listen, port, protocol, settings, stream_settings, tag, sniffing) VALUES (${id}, 1, ${id * 1048576}, ${id * 7340032}, 0, ${id * 8388608}, ${sqlText(inbound.remark)}, 1, 0, 0, '', ${inbound.port}, ${sqlText(inbound.protocol)}, ${sqlText(inbound.settings)}, ${sqlText(inbound.stream)}, 'inbound-${inbound.port}', ${sqlText(SNIFFING)})`,
    );
    const emails = (JSON.parse(inbound.settings) as { clients: Array<{ email: string }> }).clients.map(
      (c) => c.email,
    );
    for (const email of emails) {
      statements.push(
        `INSERT INTO client_traffics (inbound_id, enable, email, up, down, all_time, expiry_time, total, reset, last_online) VALUES (${id}, 1, ${sqlText(email)}, 1024, 4096, 5120, 0, 0, 0, 1770176074)`,
      );
    }
  });
  statements.push(
    "INSERT INTO link_histories (type, link, created_at) VALUES ('vless_xhttp_reality', 'vless://11111111-2222-4333-8444-000000000002@203.0.113.7:23731?type=xhttp&security=reality#demo', '2026-02-04 11:17:33.086746427+08:00')",
  );
  return `${statements.join(';\n')};\n`;
}

/** Writes a fresh demo database into a new private temp folder and returns its path. */
export async function createDemoDatabase(fs: FileSystem): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.exec(demoDatabaseSql());
    const folder = await mkdtemp(join(tmpdir(), 'paneldb-demo-'));
    const path = join(folder, 'x-ui.db');
    await writeFileAtomically(path, db.export(), { fs, mode: 0o600 });
    return path;
  } finally {
    db.close();
  }
}

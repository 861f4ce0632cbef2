// Migration 3 (XhttpFlowMigration) on in-memory panel databases: parity with the Go seeder
// (docs/panel-database.md §2.5, fixtures F3a–c) and proof that SQL 000003's bugs (§3.6 S11–S14) are absent.
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../electron/core/sql';
import { createStepContext } from '../../electron/core/step-context';
import { hasDuplicateKeys, xhttpFlow } from '../../migrations/000003_xhttp_flow';
import type { XhttpFlowMode } from '../../electron/core/step-types';
import { panelDb } from '../support/memory-panel';

type Json = Record<string, unknown>;

function addInbound(
  db: Database,
  settings: string | null,
  stream: string | null,
  protocol = 'vless',
): number {
  const n = Number(queryValue(db, 'SELECT count(*) FROM inbounds')) + 1;
  db.run(
    'INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES (?, ?, ?, ?, ?, ?)',
    [`in${n}`, 23000 + n, protocol, settings, stream, `inbound-${23000 + n}`],
  );
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

const settingsOf = (db: Database, id: number) =>
  queryValue(db, 'SELECT settings FROM inbounds WHERE id = ?', [id]) as string | null;
const streamOf = (db: Database, id: number) =>
  queryValue(db, 'SELECT stream_settings FROM inbounds WHERE id = ?', [id]) as string | null;
const clientsOf = (db: Database, id: number) =>
  (JSON.parse(settingsOf(db, id) ?? '') as { clients: Json[] }).clients;

/** The parity tests below run the panel's seeder exactly (`panel` mode); `safe` mode has its own block. */
async function migrate(db: Database, mode: XhttpFlowMode = 'panel') {
  const { context, recording } = createStepContext(db, {
    keepBeforeImages: true,
    stepOptions: { xhttpFlow: mode },
  });
  await xhttpFlow.up(context);
  return recording;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const VISION = 'xtls-rprx-vision';

const F3A_SETTINGS =
  '{"clients":[{"email":"x7Kp2QaZ","enable":true,"flow":"","id":"11111111-2222-4333-8444-000000000002","level":0,"password":""}],"decryption":"none","selectedAuth":"X25519, not Post-Quantum"}';
const F3A_STREAM =
  '{"network":"xhttp","realitySettings":{"maxClientVer":"","maxTimediff":0,"minClientVer":"","mldsa65Seed":"","privateKey":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","serverNames":["www.google.com","google.com"],"settings":{"mldsa65Verify":"","publicKey":"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8","spiderX":"/"},"shortIds":["d3","cdef","768c9a"],"show":false,"target":"www.google.com:443","xver":0},"security":"reality","xhttpSettings":{"headers":{},"host":"","mode":"stream-up","noSSEHeader":false,"path":"/cjutbzax","scMaxBufferedPosts":30,"scMaxEachPostBytes":"1000000","scStreamUpServerSecs":"20-80","xPaddingBytes":"100-1000"}}';
/** F3a after SQL 000003 (S11): a second flow key inserted before "email". */
const F3A_AFTER_SQL =
  '{"clients":[{"flow":"xtls-rprx-vision","email":"x7Kp2QaZ","enable":true,"flow":"","id":"11111111-2222-4333-8444-000000000002","level":0,"password":""}],"decryption":"none","selectedAuth":"X25519, not Post-Quantum"}';
const F3B_SETTINGS =
  '{"clients":[{"email":"Ab12Cd34","enable":true,"id":"11111111-2222-4333-8444-000000000003","level":0,"password":""}],"decryption":"mlkem768x25519plus.native.0rtt.FAKE","encryption":"mlkem768x25519plus.native.0rtt.FAKE","selectedAuth":"ML-KEM-768, Post-Quantum"}';
const F3B_STREAM =
  '{"network":"xhttp","security":"tls","tlsSettings":{"alpn":["h2","http/1.1"],"certificates":[{"buildChain":false,"certificateFile":"/root/cert/d.example.com/fullchain.pem","keyFile":"/root/cert/d.example.com/privkey.pem","oneTimeLoading":false,"usage":"encipherment"}],"cipherSuites":"","disableSystemRoot":false,"echForceQuery":"none","echServerKeys":"","enableSessionResumption":false,"maxVersion":"1.3","minVersion":"1.2","rejectUnknownSni":false,"serverName":"d.example.com"},"xhttpSettings":{"headers":{},"host":"","mode":"packet-up","noSSEHeader":false,"path":"/AbCdEfGh","scMaxBufferedPosts":30,"scMaxEachPostBytes":"1000000","scStreamUpServerSecs":"20-80","xPaddingBytes":"100-1000"}}';

function uiClient(n: number, email: string, flow: string): Json {
  return {
    id: `11111111-2222-4333-8444-00000000000${n}`,
    flow,
    email,
    limitIp: 0,
    totalGB: 0,
    expiryTime: 0,
    enable: true,
    tgId: '',
    subId: `sub${n}`,
    comment: '',
    reset: 0,
  };
}
/** F3c: a UI (pretty) row with two clients, one without flow, one with Vision. */
const F3C_SETTINGS = pretty({
  clients: [uiClient(4, 'carol', ''), uiClient(5, 'dave', VISION)],
  decryption: 'none',
  fallbacks: [],
});
const F3C_STREAM = pretty({
  network: 'xhttp',
  security: 'reality',
  externalProxy: [],
  realitySettings: {
    show: false,
    xver: 0,
    target: 'www.microsoft.com:443',
    serverNames: ['www.microsoft.com'],
    shortIds: ['ab12'],
  },
  xhttpSettings: { path: '/ui', host: '', headers: {}, mode: 'auto' },
});

describe('migration 3, xhttp_flow, in panel mode (the Go seeder exactly)', () => {
  it('F3a: the bot REALITY row gets Vision on its client with flow "" and is otherwise byte-identical', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3A_SETTINGS, F3A_STREAM);
    const recording = await migrate(db);
    expect(settingsOf(db, id)).toBe(F3A_SETTINGS.replace('"flow":""', `"flow":"${VISION}"`));
    expect(streamOf(db, id)).toBe(F3A_STREAM);
    expect(recording.changes).toEqual([
      { table: 'inbounds', rowid: id, column: 'settings', before: F3A_SETTINGS, after: settingsOf(db, id) },
    ]);
  });

  it('F3b: the bot TLS row gets a flow key on its client that had none', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3B_SETTINGS, F3B_STREAM);
    await migrate(db);
    expect(settingsOf(db, id)).toBe(
      F3B_SETTINGS.replace('"enable":true,', `"enable":true,"flow":"${VISION}",`),
    );
  });

  it('F3c: a pretty UI row gets Vision on the client without flow, keeps the other, and is written compact', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3C_SETTINGS, F3C_STREAM);
    await migrate(db);
    const after = settingsOf(db, id) ?? '';
    expect(after.startsWith('{"clients":[{"comment":""')).toBe(true);
    const expected = JSON.parse(F3C_SETTINGS) as { clients: Json[] };
    for (const client of expected.clients) client.flow = VISION;
    expect(JSON.parse(after)).toEqual(expected);
  });

  it('compact and pretty forms of the same settings give the same result', async () => {
    const db = await panelDb();
    const value = JSON.parse(F3C_SETTINGS) as unknown;
    const compactId = addInbound(db, JSON.stringify(value), F3C_STREAM);
    const prettyId = addInbound(db, pretty(value), JSON.stringify(JSON.parse(F3C_STREAM)));
    await migrate(db);
    expect(settingsOf(db, compactId)).toBe(settingsOf(db, prettyId));
  });

  it('sets Vision when flow is missing, not a string or empty, and leaves other flows and non-object entries alone', async () => {
    const db = await panelDb();
    const settings = JSON.stringify({
      clients: [
        { id: 'a', flow: null },
        { id: 'b', flow: 5 },
        { id: 'c', flow: 'xtls-rprx-direct' },
        'stray',
        7,
        { id: 'd' },
      ],
    });
    const id = addInbound(db, settings, F3B_STREAM);
    await migrate(db);
    expect(clientsOf(db, id)).toEqual([
      { id: 'a', flow: VISION },
      { id: 'b', flow: VISION },
      { id: 'c', flow: 'xtls-rprx-direct' },
      'stray',
      7,
      { id: 'd', flow: VISION },
    ]);
  });

  it('untouched rows stay byte-identical: other protocols, transports and securities, and rows already on Vision', async () => {
    const db = await panelDb();
    const tcpReality = F3A_STREAM.replace('"network":"xhttp"', '"network":"tcp"');
    const xhttpNone = '{"network":"xhttp","security":"none","xhttpSettings":{"path":"/p"}}';
    const visionDone = F3A_SETTINGS.replace('"flow":""', `"flow":"${VISION}"`);
    const rows: [string | null, string | null, string][] = [
      [F3A_SETTINGS, F3A_STREAM, 'trojan'],
      [F3A_SETTINGS, F3A_STREAM, 'VLESS'],
      [F3A_SETTINGS, tcpReality, 'vless'],
      [F3A_SETTINGS, xhttpNone, 'vless'],
      [visionDone, F3A_STREAM, 'vless'],
      ['', F3A_STREAM, 'vless'],
      [F3A_SETTINGS, '', 'vless'],
      [null, F3A_STREAM, 'vless'],
    ];
    const ids = rows.map(([settings, stream, protocol]) => addInbound(db, settings, stream, protocol));
    const recording = await migrate(db);
    ids.forEach((id, index) => {
      expect(settingsOf(db, id)).toBe(rows[index]?.[0]);
      expect(streamOf(db, id)).toBe(rows[index]?.[1]);
    });
    expect(recording.changes).toEqual([]);
    expect(recording.skipped).toEqual([]);
  });

  it('skips rows whose JSON does not parse or whose settings have no clients array, without failing', async () => {
    const db = await panelDb();
    const badStream = addInbound(db, F3A_SETTINGS, F3A_STREAM.slice(0, 90));
    const badSettings = addInbound(db, F3A_SETTINGS.slice(0, 50), F3A_STREAM);
    const noClients = addInbound(db, '{"decryption":"none"}', F3A_STREAM);
    const good = addInbound(db, F3A_SETTINGS, F3A_STREAM);
    const recording = await migrate(db);
    expect(recording.skipped.map((row) => row.rowid)).toEqual([badStream, badSettings, noClients]);
    expect(recording.skipped.map((row) => row.reason)).toEqual([
      expect.stringMatching(/stream_settings is not a valid JSON/),
      expect.stringMatching(/settings is not a valid JSON/),
      expect.stringMatching(/no clients array/),
    ]);
    expect(settingsOf(db, badSettings)).toBe(F3A_SETTINGS.slice(0, 50));
    expect(clientsOf(db, good)[0]?.flow).toBe(VISION);
  });

  it('notes each inbound where Vision now runs on XHTTP without VLESS Encryption (§2.5a)', async () => {
    const db = await panelDb();
    addInbound(db, F3A_SETTINGS, F3A_STREAM); // decryption "none"
    addInbound(db, F3B_SETTINGS, F3B_STREAM); // ML-KEM encryption
    const recording = await migrate(db);
    expect(recording.notes.filter((note) => note.includes('without VLESS Encryption'))).toEqual([
      expect.stringMatching(/^inbound 1 \(in1\)/),
    ]);
    expect(recording.notes).toContainEqual(expect.stringContaining('2 client(s) in 2 inbound(s)'));
  });

  it('S11: every client ends with exactly one flow key, also where SQL 000003 had inserted a duplicate one (the SQL added a second "flow" before "email", which the panel ignored)', async () => {
    const db = await panelDb();
    const damaged = addInbound(db, F3A_AFTER_SQL, F3A_STREAM);
    const directKept = F3A_AFTER_SQL.replace('"flow":""', '"flow":"xtls-rprx-direct"');
    const duplicateOnly = addInbound(db, directKept, F3A_STREAM);
    const recording = await migrate(db);
    for (const id of [damaged, duplicateOnly]) {
      const text = settingsOf(db, id) ?? '';
      expect(text.match(/"flow"/g)).toHaveLength(1);
      expect(hasDuplicateKeys(text)).toBe(false);
    }
    expect(settingsOf(db, damaged)).toBe(F3A_SETTINGS.replace('"flow":""', `"flow":"${VISION}"`));
    // The value the panel and Xray already read (the last key) is kept.
    expect(clientsOf(db, duplicateOnly)[0]?.flow).toBe('xtls-rprx-direct');
    expect(recording.notes).toContainEqual(expect.stringContaining('duplicate JSON keys removed'));
  });

  it('S12: clients without an email get the flow too (the SQL statement meant for them replaced a text by itself)', async () => {
    const db = await panelDb();
    const id = addInbound(
      db,
      '{"clients":[{"id":"11111111-2222-4333-8444-000000000006","flow":""}],"decryption":"none"}',
      F3B_STREAM,
    );
    await migrate(db);
    expect(clientsOf(db, id)).toEqual([{ id: '11111111-2222-4333-8444-000000000006', flow: VISION }]);
  });

  it('S13: only client objects get a flow, never fallbacks or other objects (the SQL would have injected it into every "}")', async () => {
    const db = await panelDb();
    const settings = JSON.stringify({
      clients: [{ id: 'x', email: 'e', extra: { note: 'n' } }],
      fallbacks: [{ name: '', alpn: '', path: '', dest: '8080', xver: 0 }],
      decryption: 'none',
    });
    const id = addInbound(db, settings, F3B_STREAM);
    await migrate(db);
    const after = JSON.parse(settingsOf(db, id) ?? '') as Json;
    expect(after.clients).toEqual([{ id: 'x', email: 'e', extra: { note: 'n' }, flow: VISION }]);
    expect(after.fallbacks).toEqual([{ name: '', alpn: '', path: '', dest: '8080', xver: 0 }]);
  });

  it('S14: UI-written pretty rows are selected and migrated (the SQL only matched compact spellings such as "network":"xhttp")', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3C_SETTINGS, F3C_STREAM);
    const recording = await migrate(db);
    expect(recording.changes).toHaveLength(1);
    expect(clientsOf(db, id).map((client) => client.flow)).toEqual([VISION, VISION]);
  });
});

describe('migration 3, xhttp_flow, in safe mode (the default)', () => {
  it('is the default when a step context is given no options', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3A_SETTINGS, F3A_STREAM);
    const { context, recording } = createStepContext(db, { keepBeforeImages: true });
    await xhttpFlow.up(context);
    expect(settingsOf(db, id)).toBe(F3A_SETTINGS);
    expect(recording.notes).toContainEqual(expect.stringMatching(/^mode: safe/));
  });

  it('F3a: skips the REALITY row with decryption "none", byte for byte, and records why', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3A_SETTINGS, F3A_STREAM);
    const recording = await migrate(db, 'safe');
    expect(settingsOf(db, id)).toBe(F3A_SETTINGS);
    expect(recording.changes).toEqual([]);
    expect(recording.skipped).toEqual([
      {
        table: 'inbounds',
        rowid: id,
        reason: expect.stringMatching(/without VLESS Encryption.*issue 5576/),
        msg: { key: 'skip.visionSafe' },
      },
    ]);
    expect(recording.notes).toContainEqual('1 inbound(s) left without Vision: no VLESS Encryption on XHTTP');
  });

  it('F3b: sets Vision on the TLS row whose decryption is ML-KEM (VLESS Encryption on), exactly as panel mode does', async () => {
    const safeDb = await panelDb();
    const panelModeDb = await panelDb();
    const safeId = addInbound(safeDb, F3B_SETTINGS, F3B_STREAM);
    const panelId = addInbound(panelModeDb, F3B_SETTINGS, F3B_STREAM);
    const recording = await migrate(safeDb, 'safe');
    await migrate(panelModeDb, 'panel');
    expect(settingsOf(safeDb, safeId)).toBe(
      F3B_SETTINGS.replace('"enable":true,', `"enable":true,"flow":"${VISION}",`),
    );
    expect(settingsOf(safeDb, safeId)).toBe(settingsOf(panelModeDb, panelId));
    expect(recording.skipped).toEqual([]);
  });

  it('F3c: skips the pretty UI row (decryption "none"), keeping its text and its one Vision client as they are', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3C_SETTINGS, F3C_STREAM);
    const recording = await migrate(db, 'safe');
    expect(settingsOf(db, id)).toBe(F3C_SETTINGS);
    expect(recording.skipped.map((row) => row.rowid)).toEqual([id]);
  });

  it('treats a missing, empty or "none" decryption as no VLESS Encryption, and any other string as on', async () => {
    const db = await panelDb();
    const client = '{"email":"e","id":"u"}';
    const ids = [
      addInbound(db, `{"clients":[${client}]}`, F3B_STREAM),
      addInbound(db, `{"clients":[${client}],"decryption":""}`, F3B_STREAM),
      addInbound(db, `{"clients":[${client}],"decryption":"none"}`, F3B_STREAM),
      addInbound(db, `{"clients":[${client}],"decryption":5}`, F3B_STREAM),
      addInbound(db, `{"clients":[${client}],"decryption":"mlkem768x25519plus.native.600s.X"}`, F3B_STREAM),
    ];
    const recording = await migrate(db, 'safe');
    expect(recording.skipped.map((row) => row.rowid)).toEqual(ids.slice(0, 4));
    expect(clientsOf(db, ids[4] ?? 0)[0]?.flow).toBe(VISION);
  });

  it('leaves duplicate flow keys of a skipped row alone (the fix inbounds.duplicate-flow-keys drops them)', async () => {
    const db = await panelDb();
    const id = addInbound(db, F3A_AFTER_SQL, F3A_STREAM);
    const recording = await migrate(db, 'safe');
    expect(settingsOf(db, id)).toBe(F3A_AFTER_SQL);
    expect(recording.skipped.map((row) => row.rowid)).toEqual([id]);
  });

  it('gives the two modes different checksums, so the history row says which one ran', async () => {
    const { migrationChecksum } = await import('../../electron/core/migrator');
    expect(migrationChecksum(xhttpFlow, { xhttpFlow: 'safe' })).not.toBe(
      migrationChecksum(xhttpFlow, { xhttpFlow: 'panel' }),
    );
  });
});

// Migration 2 (TlsConfigMigration) on in-memory panel databases: parity with the Go seeder
// (docs/panel-database.md §2.4, fixtures F2a–c) and proof that SQL 000002's bugs (§3.6 S4–S8) are absent.
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../electron/core/sql';
import { createStepContext } from '../../electron/core/step-context';
import { goSprint, tlsConfig } from '../../migrations/000002_tls_config';
import { goMarshal } from '../../electron/panel/go-json';
import { panelDb } from '../support/memory-panel';

type Json = Record<string, unknown>;

function addInbound(db: Database, stream: string | null): number {
  const n = Number(queryValue(db, 'SELECT count(*) FROM inbounds')) + 1;
  db.run(
    "INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES (?, ?, 'vless', ?, ?, ?)",
    [`in${n}`, 40000 + n, '{"clients":[],"decryption":"none"}', stream, `inbound-${40000 + n}`],
  );
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

function streamOf(db: Database, id: number): string | null {
  return (queryValue(db, 'SELECT stream_settings FROM inbounds WHERE id = ?', [id]) as string | null) ?? null;
}

async function migrate(db: Database) {
  const { context, recording } = createStepContext(db, { keepBeforeImages: true });
  await tlsConfig.up(context);
  return recording;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The UI-written TLS stream of F1/F2a (§5), with `settings` as given. */
function uiTlsStream(tlsInner: Json, extraTls: Json = {}): Json {
  return {
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
      settings: tlsInner,
      ...extraTls,
    },
    tcpSettings: { acceptProxyProtocol: false, header: { type: 'none' } },
  };
}

const F2A = uiTlsStream({ allowInsecure: true, fingerprint: 'chrome', echConfigList: '' });
const F2B =
  '{"network":"tcp","security":"tls","tlsSettings":{"allowInsecure":true,"alpn":["h2","http/1.1"],"serverName":"b.example.com","settings":{"fingerprint":"chrome","pinnedPeerCertSha256":"aa11~bb22"},"verifyPeerCertInNames":["b.example.com","c.example.com"]},"tcpSettings":{"header":{"type":"none"}}}';
const F2B_GO_RESULT =
  '{"network":"tcp","security":"tls","tcpSettings":{"header":{"type":"none"}},"tlsSettings":{"alpn":["h2","http/1.1"],"serverName":"b.example.com","settings":{"fingerprint":"chrome","pinnedPeerCertSha256":"aa11,bb22"},"verifyPeerCertByName":"b.example.com,c.example.com"}}';

/** F2a after the Go seeder: names converted, nested allowInsecure kept, everything else as it was. */
function f2aExpected(): Json {
  const expected = structuredClone(F2A);
  const tls = expected.tlsSettings as Json;
  delete tls.verifyPeerCertInNames;
  tls.verifyPeerCertByName = 'dns.google,cloudflare-dns.com';
  return expected;
}

describe('migration 2, tls_config', () => {
  it('F2b: a compact row exercising every branch becomes byte-for-byte what the Go seeder writes', async () => {
    const db = await panelDb();
    const id = addInbound(db, F2B);
    const recording = await migrate(db);
    expect(streamOf(db, id)).toBe(F2B_GO_RESULT);
    expect(recording.changes).toEqual([
      { table: 'inbounds', rowid: id, column: 'stream_settings', before: F2B, after: F2B_GO_RESULT },
    ]);
    expect(recording.skipped).toEqual([]);
  });

  it('F2a: a pretty UI row gets verifyPeerCertByName, keeps settings.allowInsecure and is written compact and sorted', async () => {
    const db = await panelDb();
    const id = addInbound(db, pretty(F2A));
    await migrate(db);
    const after = streamOf(db, id) ?? '';
    expect(after).toBe(goMarshal(f2aExpected()));
    const tls = (JSON.parse(after) as Json).tlsSettings as Json;
    expect(tls.verifyPeerCertByName).toBe('dns.google,cloudflare-dns.com');
    expect(tls).not.toHaveProperty('verifyPeerCertInNames');
    expect(tls.settings).toEqual({ allowInsecure: true, fingerprint: 'chrome', echConfigList: '' });
  });

  it('compact and pretty forms of the same row give the same result', async () => {
    const db = await panelDb();
    const compactId = addInbound(db, JSON.stringify(F2A));
    const prettyId = addInbound(db, pretty(F2A));
    const recording = await migrate(db);
    expect(recording.changes).toHaveLength(2);
    expect(streamOf(db, compactId)).toBe(streamOf(db, prettyId));
    expect(JSON.parse(streamOf(db, prettyId) ?? '')).toEqual(f2aExpected());
  });

  it.each([
    {
      name: 'null becomes "<nil>" as fmt.Sprint prints it',
      value: null,
      before: undefined,
      expected: '<nil>',
    },
    { name: 'the number 123 becomes "123"', value: 123, before: undefined, expected: '123' },
    { name: 'a boolean becomes "true"', value: true, before: undefined, expected: 'true' },
    {
      name: 'a string is kept as it is',
      value: 'a.example,b.example',
      before: undefined,
      expected: 'a.example,b.example',
    },
    { name: 'an empty array just removes the key', value: [], before: undefined, expected: undefined },
    {
      name: 'an existing verifyPeerCertByName is overwritten',
      value: ['new.example'],
      before: 'old.example',
      expected: 'new.example',
    },
    {
      name: 'an empty result leaves an existing verifyPeerCertByName alone',
      value: [''],
      before: 'old.example',
      expected: 'old.example',
    },
    {
      name: 'mixed array elements are printed like Go %v',
      value: [1, 1.5, null, true, 'x'],
      before: undefined,
      expected: '1,1.5,<nil>,true,x',
    },
    {
      name: 'large and tiny floats use Go exponent form',
      value: [1000000, 123456, 0.00001, 0.0001],
      before: undefined,
      expected: '1e+06,123456,1e-05,0.0001',
    },
  ])('F2c: $name', async ({ value, before, expected }) => {
    const db = await panelDb();
    const extra: Json = { verifyPeerCertInNames: value };
    if (before !== undefined) extra.verifyPeerCertByName = before;
    const id = addInbound(db, pretty(uiTlsStream({ fingerprint: 'chrome' }, extra)));
    await migrate(db);
    const tls = (JSON.parse(streamOf(db, id) ?? '') as Json).tlsSettings as Json;
    expect(tls).not.toHaveProperty('verifyPeerCertInNames');
    if (expected === undefined) expect(tls).not.toHaveProperty('verifyPeerCertByName');
    else expect(tls.verifyPeerCertByName).toBe(expected);
  });

  it('formats nested values the way Go fmt.Sprint does', () => {
    expect(goSprint({ b: [1, 'x'], a: null })).toBe('map[a:<nil> b:[1 x]]');
    expect(goSprint(-0)).toBe('-0');
    expect(goSprint(1.234567e21)).toBe('1.234567e+21');
  });

  it('untouched rows stay byte-identical and no change is recorded for them', async () => {
    const db = await panelDb();
    const texts = [
      // Current-era UI row: nothing left to migrate (names already a string, pin empty, nested allowInsecure).
      pretty(
        uiTlsStream(
          { allowInsecure: false, fingerprint: 'chrome', pinnedPeerCertSha256: '' },
          { verifyPeerCertInNames: undefined, verifyPeerCertByName: 'dns.google' },
        ),
      ),
      // Compact, unsorted bot row without tlsSettings.
      '{"security":"reality","network":"tcp","realitySettings":{"target":"www.google.com:443","shortIds":["a1"]}}',
      // security "tls" but tlsSettings missing.
      '{"network":"ws","security":"tls","wsSettings":{"path":"/a~b,,c"}}',
      '',
    ];
    const ids = texts.map((text) => addInbound(db, text));
    const nullId = addInbound(db, null);
    const recording = await migrate(db);
    ids.forEach((id, index) => expect(streamOf(db, id)).toBe(texts[index]));
    expect(streamOf(db, nullId)).toBeNull();
    expect(recording.changes).toEqual([]);
    expect(recording.skipped).toEqual([]);
  });

  it('skips a row whose stream_settings is not valid JSON and leaves it as it is', async () => {
    const db = await panelDb();
    const broken = F2B.slice(0, 120);
    const id = addInbound(db, broken);
    const fine = addInbound(db, F2B);
    const recording = await migrate(db);
    expect(streamOf(db, id)).toBe(broken);
    expect(streamOf(db, fine)).toBe(F2B_GO_RESULT);
    expect(recording.skipped).toEqual([
      {
        table: 'inbounds',
        rowid: id,
        reason: expect.stringMatching(/invalid JSON/),
        msg: expect.objectContaining({ key: expect.stringMatching(/^skip\.invalidJsonIn/) }),
      },
    ]);
  });

  it('S4: string arrays stay arrays when verifyPeerCertInNames is converted (the SQL stripped every [" and "] in the row)', async () => {
    const db = await panelDb();
    const stream = uiTlsStream(
      { fingerprint: 'chrome' },
      {
        certificates: [
          { certificate: ['-----BEGIN CERTIFICATE-----', 'MIIBszCCAVmgAwIBAgIU'], key: ['k1', 'k2'] },
        ],
      },
    );
    const id = addInbound(db, JSON.stringify(stream));
    await migrate(db);
    const tls = (JSON.parse(streamOf(db, id) ?? '') as Json).tlsSettings as Json;
    expect(tls.alpn).toEqual(['h2', 'http/1.1']);
    expect(tls.certificates).toEqual([
      { certificate: ['-----BEGIN CERTIFICATE-----', 'MIIBszCCAVmgAwIBAgIU'], key: ['k1', 'k2'] },
    ]);
    expect(tls.verifyPeerCertByName).toBe('dns.google,cloudflare-dns.com');
  });

  it('S5: only tlsSettings.allowInsecure is removed and the JSON stays valid (the SQL deleted it anywhere and left ",}")', async () => {
    const db = await panelDb();
    const both =
      '{"security":"tls","tlsSettings":{"allowInsecure":false,"serverName":"s.example.com","settings":{"fingerprint":"chrome","allowInsecure":true}}}';
    const nestedOnly =
      '{"security":"tls","tlsSettings":{"serverName":"n.example.com","settings":{"fingerprint":"chrome","allowInsecure":true}}}';
    const bothId = addInbound(db, both);
    const nestedId = addInbound(db, nestedOnly);
    await migrate(db);
    expect(streamOf(db, bothId)).toBe(
      '{"security":"tls","tlsSettings":{"serverName":"s.example.com","settings":{"allowInsecure":true,"fingerprint":"chrome"}}}',
    );
    expect(streamOf(db, nestedId)).toBe(nestedOnly);
  });

  it('S6: the pin separator really is converted in both pin locations (the SQL statement for it replaced a text by itself)', async () => {
    const db = await panelDb();
    const inbound = addInbound(
      db,
      '{"security":"tls","tlsSettings":{"settings":{"pinnedPeerCertSha256":"aa11~bb22~cc33"}}}',
    );
    const outboundStyle = addInbound(
      db,
      '{"security":"tls","tlsSettings":{"pinnedPeerCertSha256":"dd44~ee55"}}',
    );
    await migrate(db);
    expect(streamOf(db, inbound)).toBe(
      '{"security":"tls","tlsSettings":{"settings":{"pinnedPeerCertSha256":"aa11,bb22,cc33"}}}',
    );
    expect(streamOf(db, outboundStyle)).toBe(
      '{"security":"tls","tlsSettings":{"pinnedPeerCertSha256":"dd44,ee55"}}',
    );
  });

  it('S7: "~" elsewhere in the row stays, such as an XHTTP path /a~b (the SQL replaced every ~ in rows mentioning pinnedPeerCertSha256)', async () => {
    const db = await panelDb();
    const pinEmpty = pretty({
      network: 'xhttp',
      security: 'tls',
      xhttpSettings: { path: '/a~b' },
      tlsSettings: { serverName: 'x.example.com', settings: { pinnedPeerCertSha256: '' } },
    });
    const pinToConvert =
      '{"network":"xhttp","security":"tls","tlsSettings":{"serverName":"y~z.example","settings":{"pinnedPeerCertSha256":"aa~bb"}},"xhttpSettings":{"path":"/a~b"}}';
    const untouchedId = addInbound(db, pinEmpty);
    const changedId = addInbound(db, pinToConvert);
    await migrate(db);
    expect(streamOf(db, untouchedId)).toBe(pinEmpty);
    expect(streamOf(db, changedId)).toBe(
      '{"network":"xhttp","security":"tls","tlsSettings":{"serverName":"y~z.example","settings":{"pinnedPeerCertSha256":"aa,bb"}},"xhttpSettings":{"path":"/a~b"}}',
    );
  });

  it('S8: ",," inside strings is kept (the SQL collapsed every ",," in the row, string contents included)', async () => {
    const db = await panelDb();
    const stream = {
      network: 'ws',
      security: 'tls',
      wsSettings: { path: '/x,,y' },
      tlsSettings: { verifyPeerCertInNames: ['a.example', '', 'b.example'] },
    };
    const id = addInbound(db, JSON.stringify(stream));
    await migrate(db);
    const after = JSON.parse(streamOf(db, id) ?? '') as { wsSettings: Json; tlsSettings: Json };
    expect(after.wsSettings.path).toBe('/x,,y');
    // Go's strings.Join keeps the empty element, and so do we.
    expect(after.tlsSettings.verifyPeerCertByName).toBe('a.example,,b.example');
  });

  it('reports how many inbounds it adapted in a note', async () => {
    const db = await panelDb();
    addInbound(db, F2B);
    addInbound(db, pretty(F2A));
    const recording = await migrate(db);
    expect(recording.notes).toEqual([expect.stringContaining('2 inbound(s)')]);
  });
});

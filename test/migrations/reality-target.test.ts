// Migration 4 (RealityTargetMigration) on in-memory panel databases. Our rule deliberately differs
// from the branch's Go seeder (docs/panel-database.md §2.6): ":443" only for host names and IPv4
// addresses. Fixtures F4 a–i, and proof that SQL 000004's bugs (§3.6 S14, S16) are absent.
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../electron/core/sql';
import { createStepContext } from '../../electron/core/step-context';
import { decideTarget, realityTarget } from '../../migrations/000004_reality_target';
import { goMarshal } from '../../electron/panel/go-json';
import { panelDb } from '../support/memory-panel';

type Json = Record<string, unknown>;

function addInbound(db: Database, stream: string | null): number {
  const n = Number(queryValue(db, 'SELECT count(*) FROM inbounds')) + 1;
  db.run(
    "INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES (?, ?, 'vless', ?, ?, ?)",
    [`in${n}`, 31000 + n, '{"clients":[],"decryption":"none"}', stream, `inbound-${31000 + n}`],
  );
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

const streamOf = (db: Database, id: number) =>
  queryValue(db, 'SELECT stream_settings FROM inbounds WHERE id = ?', [id]) as string | null;

async function migrate(db: Database) {
  const { context, recording } = createStepContext(db, { keepBeforeImages: true });
  await realityTarget.up(context);
  return recording;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** A VLESS REALITY-over-TCP stream (F4); only the target/dest fragment varies. */
function realityStream(fragment: Json): Json {
  return {
    network: 'tcp',
    security: 'reality',
    externalProxy: [],
    realitySettings: {
      show: false,
      xver: 0,
      ...fragment,
      serverNames: ['www.google.com', 'google.com'],
      privateKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
      shortIds: ['d3', 'cdef'],
      settings: {
        publicKey: 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8',
        fingerprint: 'chrome',
        spiderX: '/',
      },
    },
    tcpSettings: { acceptProxyProtocol: false, header: { type: 'none' } },
  };
}

const compact = (fragment: Json) => JSON.stringify(realityStream(fragment));
const F4A = compact({ target: 'www.google.com' });

/** F4 a–i with our documented results: a new target, or a skip reason and byte-identical text. */
const F4_CASES: { case: string; text: string; target?: string; skip?: RegExp }[] = [
  { case: 'a: compact host without port gets ":443"', text: F4A, target: 'www.google.com:443' },
  {
    case: 'b: pretty host outside the five known ones gets ":443"',
    text: pretty(realityStream({ target: 'www.intel.com' })),
    target: 'www.intel.com:443',
  },
  {
    case: 'c: pretty www.google.com gets ":443"',
    text: pretty(realityStream({ target: 'www.google.com' })),
    target: 'www.google.com:443',
  },
  {
    case: 'd: digit-only "8443" is a port for Xray and stays',
    text: compact({ target: '8443' }),
    skip: /digit-only target is a port \(Xray reads 127\.0\.0\.1:8443\)/,
  },
  { case: 'e: unix socket path stays', text: compact({ target: '/dev/shm/xr.sock' }), skip: /unix socket/ },
  { case: 'f: numeric target stays', text: compact({ target: 443 }), skip: /numeric target/ },
  {
    case: 'g: legacy dest without target stays',
    text: compact({ dest: 'www.tesla.com:443' }),
    skip: /legacy "dest"/,
  },
  { case: 'h: host:port stays', text: compact({ target: 'www.google.com:443' }), skip: /already has a port/ },
  { case: 'i: truncated JSON is skipped, not fatal', text: F4A.slice(0, 180), skip: /not a valid JSON/ },
];

describe('migration 4, reality_target', () => {
  it.each(F4_CASES)('F4 $case', async ({ text, target, skip }) => {
    const db = await panelDb();
    const id = addInbound(db, text);
    const recording = await migrate(db);
    if (target !== undefined) {
      const expected = JSON.parse(text) as { realitySettings: Json };
      expected.realitySettings.target = target;
      expect(streamOf(db, id)).toBe(goMarshal(expected));
      expect(recording.changes).toEqual([
        { table: 'inbounds', rowid: id, column: 'stream_settings', before: text, after: goMarshal(expected) },
      ]);
      expect(recording.skipped).toEqual([]);
    } else {
      expect(streamOf(db, id)).toBe(text);
      expect(recording.changes).toEqual([]);
      expect(recording.skipped).toEqual([
        {
          table: 'inbounds',
          rowid: id,
          reason: expect.stringMatching(skip ?? /./),
          msg: expect.objectContaining({ key: expect.stringMatching(/^skip\./) }),
        },
      ]);
    }
  });

  it.each([
    ['www.intel.com', true],
    ['my-host', true],
    ['Example.ORG', true],
    ['1.2.3.4', true],
    ['123.com', true],
    ['', false],
    ['@xray.sock', false],
    ['/run/xray.sock', false],
    ['8443', false],
    ['::1', false],
    ['[::1]:443', false],
    ['1.2.3.4:8443', false],
    ['1.2.3', false],
    ['256.1.1.1', false],
    ['a b.example', false],
    ['-bad.example', false],
    ['www..example', false],
    ['www.example.', false],
    ['www.google.com,www.amazon.com', false],
  ])('decides whether to append ":443" to target %j (%s)', (target, append) => {
    expect(decideTarget(target).append).toBe(append);
  });

  it('untouched rows stay byte-identical and rows without REALITY are not reported', async () => {
    const db = await panelDb();
    const texts = [
      '{"network":"tcp","security":"tls","tlsSettings":{"serverName":"a.example.com"}}',
      '{"network":"ws","security":"none"',
      '',
      pretty(realityStream({ target: 'www.apple.com:443' })),
    ];
    const ids = texts.map((text) => addInbound(db, text));
    const nullId = addInbound(db, null);
    const recording = await migrate(db);
    ids.forEach((id, index) => expect(streamOf(db, id)).toBe(texts[index]));
    expect(streamOf(db, nullId)).toBeNull();
    expect(recording.changes).toEqual([]);
    expect(recording.skipped.map((row) => row.rowid)).toEqual([ids[3]]);
  });

  it('compact and pretty forms of the same row give the same result', async () => {
    const db = await panelDb();
    const compactId = addInbound(db, compact({ target: 'www.intel.com' }));
    const prettyId = addInbound(db, pretty(realityStream({ target: 'www.intel.com' })));
    await migrate(db);
    expect(streamOf(db, compactId)).toBe(streamOf(db, prettyId));
    expect(targetOf(streamOf(db, prettyId))).toBe('www.intel.com:443');
  });

  it('S14: UI-written pretty rows are migrated (the SQL matched json_extract but its compact REPLACE pattern never applied)', async () => {
    const db = await panelDb();
    const id = addInbound(db, pretty(realityStream({ target: 'www.google.com' })));
    const recording = await migrate(db);
    expect(recording.changes).toHaveLength(1);
    expect(targetOf(streamOf(db, id))).toBe('www.google.com:443');
  });

  it('S16: one unparseable REALITY row is skipped while every other host is migrated in the same run (the SQL knew five hosts and failed the whole file on malformed JSON)', async () => {
    const db = await panelDb();
    const broken = addInbound(db, F4A.slice(0, 180));
    const hosts = ['www.intel.com', 'www.tesla.com', '203.0.113.7', 'www.amazon.com'];
    const ids = hosts.map((host) => addInbound(db, compact({ target: host })));
    const recording = await migrate(db);
    expect(recording.skipped).toEqual([
      {
        table: 'inbounds',
        rowid: broken,
        reason: expect.stringMatching(/not a valid JSON/),
        msg: expect.objectContaining({ key: expect.stringMatching(/^skip\.notValidObject/) }),
      },
    ]);
    ids.forEach((id, index) => expect(targetOf(streamOf(db, id))).toBe(`${hosts[index]}:443`));
    expect(recording.notes).toEqual([expect.stringContaining('4 inbound(s)')]);
  });
});

function targetOf(text: string | null): unknown {
  return ((JSON.parse(text ?? '') as Json).realitySettings as Json).target;
}

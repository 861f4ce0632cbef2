// Canned recovery answers for the fake API: a report for a damaged file and a WAL timeline.
import type { RecoverReport, WalTimeline } from '../../electron/shared/recover-reports';

const tally = (
  recovered: number,
  claimed: number | null,
  extra: Partial<RecoverReport['tables']['users']> = {},
) => ({
  recovered,
  from_btree: recovered,
  from_orphan_pages: 0,
  from_freelist: 0,
  from_freeblocks: 0,
  ids_assigned: 0,
  duplicates_ignored: 0,
  to_lost_and_found: 0,
  unmapped_columns: [],
  renamed_columns: {},
  claimed_max_id: claimed,
  ...extra,
});

export function recoverReport(): RecoverReport {
  return {
    input: '/srv/x-ui/x-ui.db',
    output: '/srv/x-ui/x-ui.recovered-20261202T063000Z.db',
    output_sha256: 'ab'.repeat(32),
    mode: 'recovered',
    wal: { present: true, commits_applied: 3, note: null },
    page_size: 4096,
    pages: 30,
    header_valid: true,
    schema_source: 'sqlite_master',
    source_schema: 'gorm',
    tables: {
      users: tally(1, 1),
      inbounds: tally(58, 60, { from_btree: 45, from_orphan_pages: 13 }),
      outbound_traffics: tally(2, 2),
      settings: tally(3, 3),
      inbound_client_ips: tally(1, 1),
      client_traffics: tally(400, 403, { from_btree: 397, from_freeblocks: 3, ids_assigned: 3 }),
      history_of_seeders: tally(1, 1),
      link_histories: tally(0, null),
    },
    other_tables: {},
    unreadable_pages: [{ page: 12, reason: 'page 12 is not a b-tree page (flag 0)' }],
    lost_and_found: {
      rows: 2,
      by_reason: { 'overflow chain ends early': 2 },
      by_table_guess: { inbounds: 2 },
    },
    checks: { integrity: 'ok', errors: 0, warnings: 1, infos: 0, generation: 'v7.5.9-or-later' },
  };
}

export function walTimeline(): WalTimeline {
  return {
    input: '/srv/x-ui/x-ui.db',
    wal_present: true,
    ignored_frames: 0,
    commits: [
      {
        index: 1,
        frames: 2,
        pages: 2,
        db_size_pages: 30,
        schema_changed: false,
        tables: {
          sqlite_sequence: { inserted: 0, updated: 1, deleted: 0 },
          inbounds: { inserted: 3, updated: 0, deleted: 0 },
        },
      },
      {
        index: 2,
        frames: 5,
        pages: 4,
        db_size_pages: 30,
        schema_changed: true,
        tables: {
          link_histories: { inserted: 0, updated: 0, deleted: 1 },
          inbounds: { inserted: 0, updated: 7, deleted: 0 },
        },
      },
    ],
  };
}

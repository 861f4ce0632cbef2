// `paneldb recover`: rebuild a damaged panel file into a new one, list the WAL's commits, or write
// the database as it was after one of them. The input and its -wal are never written.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  capture,
  listWalCommits,
  recoverDatabase,
  type RecoverReport,
  type WalTimeline,
} from '../../core/index';
import { translate, type MessageKey } from '../../shared/i18n';
import { jsonOption, wholeNumber, type CommandContext } from '../command-context';
import { helpText } from '../help-text';
import type { Lang } from '../messages';

interface RecoverOptions {
  out?: string;
  json?: boolean;
  listWalCommits?: boolean;
  walCommit?: number;
}

type TableTally = RecoverReport['tables'][keyof RecoverReport['tables']];

/** The lines of a recovery report, from the catalog (`cli.recover.*`). */
function recoverText(lang: Lang) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  return {
    written: (out: string) => t('cli.recover.written', { out }),
    walState: (commit: number, out: string) => t('cli.recover.walState', { commit, out }),
    table: (table: string, tally: TableTally) =>
      `  ${t('cli.recover.table', {
        table,
        recovered: tally.recovered,
        btree: tally.from_btree,
        orphan: tally.from_orphan_pages,
        freelist: tally.from_freelist,
        freeblocks: tally.from_freeblocks,
        assigned: tally.ids_assigned,
        claimed: tally.claimed_max_id === null ? '' : t('cli.recover.claimed', { max: tally.claimed_max_id }),
      })}`,
    lost: (count: number) => t('cli.recover.lost', { count }),
    unreadable: (count: number) => t('cli.recover.unreadable', { count }),
    sqlFirst: t('cli.recover.sqlFirst'),
    unmapped: (table: string, columns: string[]) =>
      `  ${t('cli.recover.unmapped', { table, columns: columns.join(t('cli.listSeparator')) })}`,
    integrity: (value: string) => t('cli.recover.integrity', { value }),
    checks: (errors: number, warnings: number) => t('cli.recover.checks', { errors, warnings }),
    noWal: t('cli.recover.noWal'),
    commit: (c: WalTimeline['commits'][number]) =>
      t('cli.recover.commit', {
        index: c.index,
        frames: c.frames,
        pages: c.pages,
        schema: c.schema_changed ? t('cli.recover.schemaChanged') : '',
        tables:
          Object.entries(c.tables)
            .map(([table, d]) => `${table} +${d.inserted} ~${d.updated} -${d.deleted}`)
            .join(t('cli.recover.tableSeparator')) || t('cli.recover.noRowChanges'),
      }),
    needOut: t('cli.recover.needOut'),
  };
}

const TEXT: Record<Lang, ReturnType<typeof recoverText>> = {
  en: recoverText('en'),
  'zh-CN': recoverText('zh-CN'),
};

export function formatRecoverReport(report: RecoverReport, lang: Lang): string {
  const t = TEXT[lang];
  const lines = [
    report.mode === 'wal-commit'
      ? t.walState(report.wal.commits_applied, report.output)
      : t.written(report.output),
  ];
  if (report.source_schema === 'sql-first') lines.push(t.sqlFirst);
  for (const [name, tally] of Object.entries(report.tables)) lines.push(t.table(name, tally));
  for (const [name, tally] of Object.entries(report.tables))
    if (tally.unmapped_columns.length > 0) lines.push(t.unmapped(name, tally.unmapped_columns));
  lines.push(t.lost(report.lost_and_found.rows));
  if (report.unreadable_pages.length > 0) lines.push(t.unreadable(report.unreadable_pages.length));
  if (report.wal.note !== null) lines.push(report.wal.note);
  lines.push(t.integrity(report.checks.integrity === 'ok' ? 'ok' : report.checks.integrity.join('; ')));
  lines.push(t.checks(report.checks.errors, report.checks.warnings));
  return lines.join('\n');
}

export function formatWalTimeline(timeline: WalTimeline, lang: Lang): string {
  const t = TEXT[lang];
  if (timeline.commits.length === 0) return t.noWal;
  return timeline.commits.map((c) => t.commit(c)).join('\n');
}

export function registerRecoverCommand(
  program: Command,
  { lang, report }: Pick<CommandContext, 'lang' | 'report'>,
): void {
  program
    .command('recover')
    .description(helpText(lang, 'cli.help.recover'))
    .argument('<db>', helpText(lang, 'cli.help.arg.recoverDb'))
    .option('--out <file>', helpText(lang, 'cli.help.opt.out'))
    .option('--list-wal-commits', helpText(lang, 'cli.help.opt.listWalCommits'))
    .option('--wal-commit <n>', helpText(lang, 'cli.help.opt.walCommit'), wholeNumber)
    .option(...jsonOption(lang))
    .action(async (db: string, options: RecoverOptions) => {
      if (options.listWalCommits === true) {
        report(await capture(() => listWalCommits(resolve(db))), options.json, (v) =>
          formatWalTimeline(v, lang),
        );
        return;
      }
      const out = options.out;
      const result =
        out === undefined
          ? ({
              ok: false,
              error: {
                code: 'INVALID_ARGUMENT',
                message: TEXT.en.needOut,
                msg: { key: 'cli.recover.needOut' },
              },
            } as const)
          : await capture(() =>
              recoverDatabase({ input: resolve(db), out: resolve(out), walCommit: options.walCommit }),
            );
      report(result, options.json, (v) => formatRecoverReport(v, lang));
    });
}

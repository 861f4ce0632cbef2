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
import { wholeNumber, type CommandContext } from '../command-context';
import type { Lang } from '../messages';
import { message } from '../../shared/i18n';
import { fail } from '../../shared/result';

interface RecoverOptions {
  out?: string;
  json?: boolean;
  listWalCommits?: boolean;
  walCommit?: number;
}

const TEXT = {
  en: {
    written: (out: string) => `Recovered into a new file: ${out}`,
    walState: (n: number, out: string) => `The database as right after WAL commit ${n}: ${out}`,
    table: (name: string, t: RecoverReport['tables'][keyof RecoverReport['tables']]) =>
      `  ${name}: ${t.recovered} row(s) (b-tree ${t.from_btree}, orphan pages ${t.from_orphan_pages}, freelist ${t.from_freelist}, free space ${t.from_freeblocks}; new ids ${t.ids_assigned})${t.claimed_max_id === null ? '' : `, file claimed ids up to ${t.claimed_max_id}`}`,
    lost: (n: number) => `lost_and_found: ${n} row(s) that could not be placed`,
    unreadable: (n: number) => `${n} page(s) could not be read`,
    sqlFirst:
      'The tables came from the SQL-first schema (000001_init_schema.up.sql): converted to the panel schema.',
    unmapped: (table: string, cols: string[]) =>
      `  ${table}: columns not in the panel schema, not copied: ${cols.join(', ')}`,
    integrity: (value: string) => `integrity_check: ${value}`,
    checks: (e: number, w: number) =>
      `panel checks: ${e} error(s), ${w} warning(s) (run paneldb check on the new file)`,
    noWal: 'No committed transactions: there is no -wal beside this file, or it is empty.',
    commit: (c: WalTimeline['commits'][number]) =>
      `#${c.index}: ${c.frames} frame(s), ${c.pages} page(s)${c.schema_changed ? ', schema changed' : ''}: ${
        Object.entries(c.tables)
          .map(([t, d]) => `${t} +${d.inserted} ~${d.updated} -${d.deleted}`)
          .join('; ') || 'no row changes'
      }`,
  },
  'zh-CN': {
    written: (out: string) => `已恢复到新文件：${out}`,
    walState: (n: number, out: string) => `WAL 第 ${n} 次提交之后的数据库：${out}`,
    table: (name: string, t: RecoverReport['tables'][keyof RecoverReport['tables']]) =>
      `  ${name}：${t.recovered} 行（B 树 ${t.from_btree}，孤立页 ${t.from_orphan_pages}，空闲列表 ${t.from_freelist}，空闲空间 ${t.from_freeblocks}；新分配 id ${t.ids_assigned}）${t.claimed_max_id === null ? '' : `，原文件记录的最大 id 为 ${t.claimed_max_id}`}`,
    lost: (n: number) => `lost_and_found：${n} 行无法归位`,
    unreadable: (n: number) => `${n} 个页面无法读取`,
    sqlFirst: '这些表由 SQL 优先的结构（000001_init_schema.up.sql）创建：已转换为面板结构。',
    unmapped: (table: string, cols: string[]) => `  ${table}：面板结构中没有的列，未复制：${cols.join('、')}`,
    integrity: (value: string) => `完整性检查：${value}`,
    checks: (e: number, w: number) =>
      `面板检查：${e} 个错误，${w} 个警告（对新文件运行 paneldb check 查看详情）`,
    noWal: '没有已提交的事务：此文件旁没有 -wal，或它是空的。',
    commit: (c: WalTimeline['commits'][number]) =>
      `#${c.index}：${c.frames} 帧，${c.pages} 页${c.schema_changed ? '，结构已变更' : ''}：${
        Object.entries(c.tables)
          .map(([t, d]) => `${t} +${d.inserted} ~${d.updated} -${d.deleted}`)
          .join('；') || '无行变更'
      }`,
  },
} as const;

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
    .description(
      'read every row a damaged panel file still holds (b-trees, orphaned and free pages, the -wal) into a NEW file with the panel schema; the input is never written',
    )
    .argument('<db>', 'the damaged database file (its -wal beside it is read, never changed)')
    .option('--out <file>', 'the new file to write (must not exist)')
    .option('--list-wal-commits', 'list the transactions committed in <db>-wal and what each changed')
    .option(
      '--wal-commit <n>',
      'write the database as right after WAL commit n (0 = the main file alone)',
      wholeNumber,
    )
    .option('--json', 'print JSON for scripts')
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
          ? fail<RecoverReport>('INVALID_ARGUMENT', message('err.cli.recoverNeedsOut'))
          : await capture(() =>
              recoverDatabase({ input: resolve(db), out: resolve(out), walCommit: options.walCommit }),
            );
      report(result, options.json, (v) => formatRecoverReport(v, lang));
    });
}

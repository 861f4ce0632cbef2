// `paneldb check` and `paneldb fix`, and the `--xhttp-flow` option of `migrate`. Registered on the
// program by main.ts (registerCheckCommands), with main's own helpers, so output and errors follow
// the same rules as every other command.
//
// Exit status: `check` 0 when no finding has severity error, 4 (EXIT.refused) when one has; `fix`
// 0 when it ran or had nothing to do, 2 for an unknown or unfixable check id, 4 when a revert is
// refused (a row changed since), and the usual codes for everything else (see exit-codes.ts).
import { type Command, InvalidArgumentError } from 'commander';
import type { Engine } from '../core/index';
import type { CheckFinding, CheckReport, RunReport, XhttpFlowMode } from '../shared/reports';
import type { Result } from '../shared/result';
import { EXIT } from './exit-codes';
import { formatRunReport } from './format';
import type { Lang } from './messages';
import { renderMessage } from '../shared/i18n';

export interface CheckCommandOptions {
  json?: boolean;
  backupDir?: string;
  demo?: boolean;
  dryRun?: boolean;
  revert?: boolean;
}

export interface CheckCommandHelpers {
  lang: Lang;
  engineFor: (db: string | undefined, options: CheckCommandOptions) => Promise<Engine>;
  report: <T>(result: Result<T>, json: boolean | undefined, text: (value: T) => string) => T | undefined;
  setExitCode: (code: number) => void;
}

/** commander parser for `migrate --xhttp-flow <safe|panel>`. */
export function xhttpFlowMode(text: string): XhttpFlowMode {
  if (text === 'safe' || text === 'panel') return text;
  throw new InvalidArgumentError('expected safe or panel.');
}

export const XHTTP_FLOW_HELP =
  'migration 3: safe (default: Vision only where VLESS Encryption is on) or panel (the panel seeder exactly)';

const TEXT = {
  en: {
    clean: (rules: number) => `No problems found (${rules} rules).`,
    summary: (e: number, w: number, i: number) =>
      `${e} ${e === 1 ? 'error' : 'errors'}, ${w} ${w === 1 ? 'warning' : 'warnings'}, ${i} info`,
    severity: { error: 'ERROR', warning: 'warn', info: 'info' },
    reference: 'see',
    fixable: (id: string) => `fix: paneldb fix <db> ${id} --dry-run`,
    more: (n: number) => `… ${n} more`,
  },
  'zh-CN': {
    clean: (rules: number) => `未发现问题（${rules} 条规则）。`,
    summary: (e: number, w: number, i: number) => `${e} 个错误，${w} 个警告，${i} 条提示`,
    severity: { error: '错误', warning: '警告', info: '提示' },
    reference: '参见',
    fixable: (id: string) => `修复：paneldb fix <db> ${id} --dry-run`,
    more: (n: number) => `… 另有 ${n} 行`,
  },
} as const;

function formatFinding(check: CheckFinding, lang: Lang): string[] {
  const t = TEXT[lang];
  const title = renderMessage(lang, check.title_msg, check.title);
  const reason = renderMessage(lang, check.reason_msg, check.reason);
  const lines = [`[${t.severity[check.severity]}] ${check.id}: ${title}`, `    ${reason}`];
  for (const row of check.rows.slice(0, 10)) lines.push(`      ${row}`);
  if (check.rows.length > 10) lines.push(`      ${t.more(check.rows.length - 10)}`);
  if (check.reference !== null) lines.push(`    ${t.reference}: ${check.reference}`);
  if (check.fixable) lines.push(`    ${t.fixable(check.id)}`);
  return lines;
}

export function formatChecks(report: CheckReport, lang: Lang): string {
  const t = TEXT[lang];
  if (report.checks.length === 0) return t.clean(report.summary.rules);
  const { error, warning, info } = report.summary;
  return [
    ...report.checks.flatMap((check) => formatFinding(check, lang)),
    t.summary(error, warning, info),
  ].join('\n');
}

export function registerCheckCommands(program: Command, helpers: CheckCommandHelpers): void {
  const { lang, engineFor, report, setExitCode } = helpers;
  const backupDirOption = [
    '--backup-dir <dir>',
    'backup folder (default: <db>.backups beside the database)',
  ] as const;

  program
    .command('check')
    .description(
      'run the Xray-aware health checks (Vision/XHTTP, REALITY targets, JSON, clients, traffic rows, tags, passwords, markers); exit 4 when an error is found',
    )
    .argument('[db]', 'the panel database file')
    .option('--demo', 'use a fresh copy of the bundled demo database')
    .option('--json', 'print JSON for scripts')
    .action(async (db: string | undefined, options: CheckCommandOptions) => {
      const checked = report(await (await engineFor(db, options)).check(), options.json, (value) =>
        formatChecks(value, lang),
      );
      if (checked !== undefined && checked.summary.error > 0) setExitCode(EXIT.refused);
    });

  program
    .command('fix')
    .description(
      'back up, then apply the fix for one check in one transaction, logged and reversible (--revert undoes it)',
    )
    .argument('<db>', 'the panel database file')
    .argument('<check-id>', 'a fixable check id as `paneldb check` lists it')
    .option('--dry-run', 'write nothing; show every row the fix would change')
    .option('--revert', 'undo the latest applied fix of this check from its before-images')
    .option('--expect <fingerprint>', 'refuse unless the plan is the one a --dry-run printed')
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(async (db: string, checkId: string, options: CheckCommandOptions & { expect?: string }) => {
      const engine = await engineFor(db, options);
      const request = { checkId, expect: options.expect };
      let result: Result<RunReport>;
      if (options.revert === true) result = await engine.revertFix(request);
      else if (options.dryRun === true) result = await engine.previewFix(request);
      else result = await engine.applyFix(request);
      report(result, options.json, (run) => formatRunReport(run, lang));
    });
}

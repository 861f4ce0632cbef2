// `paneldb check`: the Xray-aware health checks. Exit 0 when no finding has severity error,
// EXIT.refused (4) when one has.
import type { Command } from 'commander';
import { renderMessage } from '../../shared/i18n';
import { matchNote } from '../../shared/i18n/match-text';
import type { CheckFinding, CheckReport } from '../../shared/reports';
import { databaseOrDemoCommand, type CommandContext, type EngineOptions } from '../command-context';
import { EXIT } from '../exit-codes';
import type { Lang } from '../messages';

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
  for (const row of check.rows.slice(0, 10))
    lines.push(`      ${lang === 'en' ? row : renderMessage(lang, matchNote(row), row)}`);
  if (check.rows.length > 10) lines.push(`      ${t.more(check.rows.length - 10)}`);
  if (check.reference !== null)
    lines.push(`    ${t.reference}: ${renderMessage(lang, check.reference_msg, check.reference)}`);
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

export function registerCheckCommand(
  program: Command,
  {
    lang,
    engineFor,
    report,
    setExitCode,
  }: Pick<CommandContext, 'lang' | 'engineFor' | 'report' | 'setExitCode'>,
): void {
  databaseOrDemoCommand(
    program,
    'check',
    'run the Xray-aware health checks (Vision/XHTTP, REALITY targets, JSON, clients, traffic rows, tags, passwords, markers); exit 4 when an error is found',
  )
    .option('--json', 'print JSON for scripts')
    .action(async (db: string | undefined, options: EngineOptions) => {
      const checked = report(await (await engineFor(db, options)).check(), options.json, (value) =>
        formatChecks(value, lang),
      );
      if (checked !== undefined && checked.summary.error > 0) setExitCode(EXIT.refused);
    });
}

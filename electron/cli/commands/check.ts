// `paneldb check`: the Xray-aware health checks. Exit 0 when no finding has severity error,
// EXIT.refused (4) when one has.
import type { Command } from 'commander';
import { renderMessage, translate, type MessageKey } from '../../shared/i18n';
import { matchNote } from '../../shared/i18n/match-text';
import type { CheckFinding, CheckReport } from '../../shared/reports';
import {
  databaseOrDemoCommand,
  jsonOption,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { EXIT } from '../exit-codes';
import type { Lang } from '../messages';

/** The labels of a check report, from the catalog (`cli.check.*`). */
function checkText(lang: Lang) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  return {
    clean: (rules: number) => t('cli.check.clean', { rules }),
    summary: (errors: number, warnings: number, infos: number) =>
      t('cli.check.summary', { errors, warnings, infos }),
    severity: {
      error: t('cli.check.severity.error'),
      warning: t('cli.check.severity.warning'),
      info: t('cli.check.severity.info'),
    },
    reference: t('cli.check.reference'),
    fixable: (id: string) => t('cli.check.fixable', { id }),
    more: (count: number) => t('cli.moreRows', { count }),
  };
}

const TEXT: Record<Lang, ReturnType<typeof checkText>> = { en: checkText('en'), 'zh-CN': checkText('zh-CN') };

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
  databaseOrDemoCommand(program, lang, 'check', 'cli.help.check')
    .option(...jsonOption(lang))
    .action(async (db: string | undefined, options: EngineOptions) => {
      const checked = report(await (await engineFor(db, options)).check(), options.json, (value) =>
        formatChecks(value, lang),
      );
      if (checked !== undefined && checked.summary.error > 0) setExitCode(EXIT.refused);
    });
}

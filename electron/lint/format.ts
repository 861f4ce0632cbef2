// Text output of `paneldb lint`: `file:line  rule-id  severity: message`, grouped per file, then the
// reason of each rule that fired and a summary line. Messages and reasons are rendered from their
// catalog keys in the labels' language; the labels around them come from the CLI's language table.
import { renderMessage, type Language } from '../shared/i18n';
import type { LintReport } from './lint';
import { findingText, RULES, ruleReasonKey, type Finding, type RuleId, type Severity } from './rules';

/** A finding's message in `language`, with its §3.6 citation (English: exactly `finding.message`). */
export function lintFindingText(language: Language, item: Pick<Finding, 'msg' | 'message' | 'refs'>): string {
  return language === 'en'
    ? item.message
    : findingText(language, renderMessage(language, item.msg, item.message), item.refs);
}

export interface LintLabels {
  /** The language of the findings and reasons (default English). */
  lang?: Language;
  severity: Record<Severity, string>;
  why: string;
  noFiles: string;
  summary: (dir: string, files: number, counts: Record<Severity, number>) => string;
}

export function formatLintReport(report: LintReport, dir: string, labels: LintLabels): string {
  const lang = labels.lang ?? 'en';
  const lines: string[] = [];
  if (report.files.length === 0) lines.push(labels.noFiles, '');
  let current: string | null = null;
  for (const item of report.findings) {
    if (item.file !== current) {
      if (current !== null) lines.push('');
      current = item.file;
    }
    const where = item.line > 0 ? `${item.file}:${item.line}` : item.file;
    lines.push(`${where}  ${item.rule}  ${labels.severity[item.severity]}: ${lintFindingText(lang, item)}`);
  }
  const fired = [...new Set(report.findings.map((item) => item.rule))].sort() as RuleId[];
  if (fired.length > 0) {
    lines.push('', `${labels.why}:`);
    for (const rule of fired)
      lines.push(`  ${rule}: ${renderMessage(lang, { key: ruleReasonKey(rule) }, RULES[rule].reason)}`);
    lines.push('');
  }
  lines.push(labels.summary(dir, report.files.length, report.summary));
  return lines.join('\n');
}

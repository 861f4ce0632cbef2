// Text output of `paneldb lint`: `file:line  rule-id  severity: message`, grouped per file, then the
// reason of each rule that fired and a summary line. Findings stay English (like error details);
// the labels around them come from the CLI's language table.
import type { LintReport } from './lint';
import { RULES, type RuleId, type Severity } from './rules';

export interface LintLabels {
  severity: Record<Severity, string>;
  why: string;
  noFiles: string;
  summary: (dir: string, files: number, counts: Record<Severity, number>) => string;
}

export function formatLintReport(report: LintReport, dir: string, labels: LintLabels): string {
  const lines: string[] = [];
  if (report.files.length === 0) lines.push(labels.noFiles, '');
  let current: string | null = null;
  for (const item of report.findings) {
    if (item.file !== current) {
      if (current !== null) lines.push('');
      current = item.file;
    }
    const where = item.line > 0 ? `${item.file}:${item.line}` : item.file;
    lines.push(`${where}  ${item.rule}  ${labels.severity[item.severity]}: ${item.message}`);
  }
  const fired = [...new Set(report.findings.map((item) => item.rule))].sort() as RuleId[];
  if (fired.length > 0) {
    lines.push('', `${labels.why}:`);
    for (const rule of fired) lines.push(`  ${rule}: ${RULES[rule].reason}`);
    lines.push('');
  }
  lines.push(labels.summary(dir, report.files.length, report.summary));
  return lines.join('\n');
}

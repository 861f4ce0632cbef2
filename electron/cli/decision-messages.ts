// CLI text for issue 14 (the headline, dry runs, plan fingerprints, set-password), English and
// Simplified Chinese, kept apart from messages.ts so each stays one job.
import type { Headline } from '../shared/reports';
import type { Lang } from './messages';

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

const en = {
  headline: (h: Headline) => {
    const baseline = h.baseline ? ' (step 1 as a baseline: the panel tables exist)' : '';
    if (h.kind === 'newer') return `recorded at ${h.recorded ?? '?'}: newer than this PanelDB`;
    if (h.kind === 'complete') return `${h.applied} of ${h.total} steps applied${baseline}`;
    const pending = h.pending.map((step) => step.name).join(', ');
    const dirty = h.kind === 'dirty' ? `; dirty at ${h.recorded ?? 'nil'}` : '';
    return `${h.applied} of ${h.total} — ${pending || 'nothing'} pending${baseline}${dirty}`;
  },
  headlineLabel: 'State',
  wouldChange: (n: number) => `would change ${plural(n, 'row', 'rows')}`,
  changed: (n: number) => `${plural(n, 'row', 'rows')} changed`,
  fingerprint: (fp: string) =>
    `Plan fingerprint: ${fp} (run again with --expect ${fp} to refuse if the file changes)`,
  passwordPrompt: (user: string) => `New password for ${user}: `,
  passwordRepeat: 'Repeat it: ',
  passwordSet: (user: string, backup: string) =>
    `Password of ${user} set (bcrypt, cost 10). Backup first: ${backup}`,
  fixApplied: 'Fix applied',
  fixReverted: 'Fix reverted',
};

const zh: typeof en = {
  headline: (h) => {
    const baseline = h.baseline ? '（第 1 步作为基线：面板数据表已存在）' : '';
    if (h.kind === 'newer') return `记录的版本为 ${h.recorded ?? '?'}：比此 PanelDB 更新`;
    if (h.kind === 'complete') return `已应用 ${h.applied}/${h.total} 个步骤${baseline}`;
    const pending = h.pending.map((step) => step.name).join('、');
    const dirty = h.kind === 'dirty' ? `；版本 ${h.recorded ?? 'nil'} 处于脏状态` : '';
    return `已应用 ${h.applied}/${h.total} — 待执行：${pending || '无'}${baseline}${dirty}`;
  },
  headlineLabel: '状态',
  wouldChange: (n) => `将修改 ${n} 行`,
  changed: (n) => `修改了 ${n} 行`,
  fingerprint: (fp) => `计划指纹：${fp}（加上 --expect ${fp} 再次运行，文件若有变化将拒绝执行）`,
  passwordPrompt: (user) => `${user} 的新密码：`,
  passwordRepeat: '再输入一次：',
  passwordSet: (user, backup) => `已设置 ${user} 的密码（bcrypt，成本 10）。已先备份：${backup}`,
  fixApplied: '修复已应用',
  fixReverted: '修复已撤销',
};

export const DECISION_TEXT: Record<Lang, typeof en> = { en, 'zh-CN': zh };

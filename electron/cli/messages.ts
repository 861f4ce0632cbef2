// CLI text in English and Simplified Chinese. Many panel admins read Chinese first; the JSON output
// stays language-neutral (codes and English messages) for scripts.
import { GENERATION_LABELS } from '../core/index';
import type { GenerationId } from '../shared/reports';
import { errorKey, renderMessage, translate } from '../shared/i18n';
import type { AppError, ErrorHint } from '../shared/result';

export type Lang = 'en' | 'zh-CN';

export function pickLang(explicit: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const wanted = explicit ?? env.PANELDB_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(wanted) ? 'zh-CN' : 'en';
}

const en = {
  database: 'Database',
  panel: 'Panel',
  generation: 'Generation',
  version: 'Version',
  versionValue: (current: number, latest: number) => `v${current} of ${latest}`,
  dirty: 'DIRTY',
  dirtyAt: (v: number | null) => `dirty at version ${v ?? 'nil'}: a step failed or was interrupted`,
  newer: (v: number) => `schema_migrations says version ${v}, newer than this PanelDB knows`,
  applied: 'Applied',
  pending: 'Pending',
  none: 'none',
  source: 'marker',
  journal: 'Journal',
  walMerged: (frames: number, txns: number) => `WAL merged: ${txns} transaction(s), ${frames} frame(s)`,
  walNone: 'no -wal file',
  walEmpty: '-wal present, nothing committed in it',
  integrity: 'Integrity',
  integrityKind: {
    quick: 'PRAGMA quick_check; `status --full` runs the full integrity_check',
    full: 'PRAGMA integrity_check, full',
  },
  healthChecks: 'Health checks',
  healthSummary: (error: number, warning: number, info: number) =>
    `${error} error(s), ${warning} warning(s), ${info} info; \`paneldb check\` lists them`,
  tables: 'Tables (rows)',
  lastBackup: 'Last backup',
  warnings: 'Warnings',
  backupCreated: 'Backup written and verified',
  noBackups: 'No backups yet.',
  backupsHeader: ['Created', 'Origin', 'Reason', 'Version', 'Standing', 'Size', 'File'],
  standing: { ok: 'ok', unverified: 'unverified', invalid: 'INVALID' },
  originPanel: 'panel',
  originOwn: 'PanelDB',
  verifyOk: 'Backup is sound',
  verifyBad: 'Backup has problems',
  verifyUnverified: 'Backup is UNVERIFIED (no PanelDB metadata; restoring it needs --accept-unverified)',
  error: 'error',
  demoCopy: 'Demo database (a fresh copy)',
  nothingToDo: (v: number) => `Nothing to do: no pending step in range (at v${v}).`,
  rowsChanged: (n: number) => `${n} row(s) changed`,
  hashRestored: 'content hash = pre-migration',
  triggerFires: (name: string, table: string) => `trigger ${name} (on ${table}) fires when this step writes`,
  triggerEffect: (table: string, before: number, after: number) =>
    `${table} changed by a trigger: ${before} rows before, ${after} after`,
  hashDiffers: 'content hash DIFFERS from pre-migration',
  dryRunDone: (v: number) => `Dry run: nothing was written. The file would be at v${v}.`,
  runDone: (from: number, to: number, path: string) => `v${from} → v${to}; saved ${path}`,
  movedAside: 'Stale WAL/SHM moved aside',
  noHistory: 'No steps logged by PanelDB yet.',
  historyHeader: ['#', 'Version', 'Name', 'Direction', 'Finished', 'Duration', 'Rows', 'Outcome'],
  restored: 'Restored',
  safetyBackup: 'Safety backup of the replaced file',
  evidence: 'Evidence',
  dataVersion: 'The data is at',
  recommendation: 'Recommended',
  forced: (v: number) => `Marked clean at version ${v}.`,
  stepProgress: (i: number, n: number, dir: string, v: number, name: string) =>
    `[${i}/${n}] ${dir} ${v} ${name}`,
  rowProgress: (done: number, total: number) => `  ${done}/${total}`,
  serving: (what: string, url: string) => `PanelDB is serving ${what} at ${url}`,
  servingStartPage: 'the start page (no database open yet)',
  servingDemo: (path: string) => `the demo database ${path}`,
  serveStop: 'The URL holds a private token: do not share it. Press Ctrl+C to stop.',
  generations: GENERATION_LABELS as Record<GenerationId, string>,
  lint: {
    lang: 'en' as Lang,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    why: 'Why',
    noFiles: 'No migration files (NNNNNN_name.up.sql / NNNNNN_name.down.sql) in this folder.',
    summary: (dir: string, files: number, counts: { error: number; warning: number; info: number }) =>
      `${dir}: ${files} migration file(s), ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info`,
  },
};

const zh: typeof en = {
  database: '数据库',
  panel: '面板',
  generation: '文件世代',
  version: '版本',
  versionValue: (current, latest) => `v${current} / 共 ${latest}`,
  dirty: '未完成 (dirty)',
  dirtyAt: (v) => `版本 ${v ?? 'nil'} 处于 dirty 状态（未完成）：某个迁移步骤失败或被中断`,
  newer: (v) => `schema_migrations 记录的版本 ${v} 比本工具所知的更新`,
  applied: '已应用',
  pending: '待执行',
  none: '无',
  source: '标记',
  journal: '日志模式',
  walMerged: (frames, txns) => `已合并 WAL：${txns} 个事务，${frames} 个帧`,
  walNone: '没有 -wal 文件',
  walEmpty: '存在 -wal 文件，但其中没有已提交的内容',
  integrity: '完整性',
  integrityKind: {
    quick: 'PRAGMA quick_check；`status --full` 运行完整的 integrity_check',
    full: 'PRAGMA integrity_check，完整检查',
  },
  healthChecks: '健康检查',
  healthSummary: (error, warning, info) =>
    `${error} 个错误，${warning} 个警告，${info} 条提示；\`paneldb check\` 列出详情`,
  tables: '数据表（行数）',
  lastBackup: '最近备份',
  warnings: '警告',
  backupCreated: '备份已写入并校验',
  noBackups: '还没有备份。',
  backupsHeader: ['创建时间', '来源', '原因', '版本', '状态', '大小', '文件'],
  standing: { ok: '正常', unverified: '未验证', invalid: '无效' },
  originPanel: '面板',
  originOwn: 'PanelDB',
  verifyOk: '备份完好',
  verifyBad: '备份有问题',
  verifyUnverified: '备份未经验证（没有 PanelDB 元数据；恢复它需要 --accept-unverified）',
  error: '错误',
  demoCopy: '演示数据库（新副本）',
  nothingToDo: (v) => `无事可做：范围内没有待执行的步骤（当前 v${v}）。`,
  rowsChanged: (n) => `修改了 ${n} 行`,
  hashRestored: '内容哈希与迁移前一致',
  triggerFires: (name: string, table: string) => `此步骤写入时会触发触发器 ${name}（位于 ${table}）`,
  triggerEffect: (table: string, before: number, after: number) =>
    `${table} 被触发器修改：之前 ${before} 行，之后 ${after} 行`,
  hashDiffers: '内容哈希与迁移前不同',
  dryRunDone: (v) => `演练：没有写入任何内容。文件将处于 v${v}。`,
  runDone: (from, to, path) => `v${from} → v${to}；已保存 ${path}`,
  movedAside: '过期的 WAL/SHM 已移走',
  noHistory: 'PanelDB 尚未记录任何步骤。',
  historyHeader: ['#', '版本', '名称', '方向', '完成时间', '耗时', '行数', '结果'],
  restored: '已恢复',
  safetyBackup: '被替换文件的安全备份',
  evidence: '证据',
  dataVersion: '数据实际处于',
  recommendation: '建议',
  forced: (v) => `已标记为干净的版本 ${v}。`,
  stepProgress: (i, n, dir, v, name) => `[${i}/${n}] ${dir} ${v} ${name}`,
  rowProgress: (done, total) => `  ${done}/${total}`,
  serving: (what, url) => `PanelDB 正在 ${url} 上提供 ${what}`,
  servingStartPage: '起始页（尚未打开数据库）',
  servingDemo: (path) => `演示数据库 ${path}`,
  serveStop: '该网址包含私密令牌，请勿分享。按 Ctrl+C 停止。',
  generations: generationLabels('zh-CN'),
  lint: {
    lang: 'zh-CN',
    severity: { error: '错误', warning: '警告', info: '提示' },
    why: '原因',
    noFiles: '此文件夹中没有迁移文件（NNNNNN_name.up.sql / NNNNNN_name.down.sql）。',
    summary: (dir, files, counts) =>
      `${dir}：${files} 个迁移文件，${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 条提示`,
  },
};

export const TEXT: Record<Lang, typeof en> = { en, 'zh-CN': zh };

/** Generation labels from the one catalog (the UI shows the same words). */
function generationLabels(lang: Lang): Record<GenerationId, string> {
  const ids = Object.keys(GENERATION_LABELS) as GenerationId[];
  return Object.fromEntries(ids.map((id) => [id, translate(lang, `generation.${id}`)])) as Record<
    GenerationId,
    string
  >;
}

/**
 * One error line in the chosen language. A keyed message is rendered whole from the catalog; an
 * error without a key yet gets the catalog's explanation of its code, never English specifics
 * glued to a Chinese prefix (the English text stays in --json and under PANELDB_DEBUG).
 */
export function errorLine(lang: Lang, error: Pick<AppError, 'code' | 'message' | 'msg'>): string {
  if (lang === 'en') return `${error.message} [${error.code}]`;
  const text = renderMessage(lang, error.msg, translate(lang, errorKey(error.code)));
  return `${text} [${error.code}]`;
}

/** The remedy of a refusal, for a person at a shell (which may be given a command to run). */
export function hintLines(lang: Lang, hint: ErrorHint | undefined): string[] {
  if (hint === undefined) return [];
  if (hint.action !== 'wait-for-writer' && hint.action !== 'stop-panel') return [];
  if (hint.action === 'wait-for-writer') {
    const { command, pid, since, host } = hint.holder;
    return lang === 'zh-CN'
      ? [`占用者：PanelDB ${command}，进程 ${pid}（${host}），自 ${since} 起。请等它完成后再试。`]
      : [
          `Held by PanelDB ${command}, pid ${pid} on ${host}, since ${since}. Try again when it has finished.`,
        ];
  }
  const who = hint.holders.map((holder) => `${holder.name ?? '?'} (pid ${holder.pid})`).join(', ');
  return lang === 'zh-CN'
    ? [
        ...(who === '' ? [] : [`打开它的进程：${who}`]),
        '先停止面板服务，例如：systemctl stop x-ui',
        '或者同时复制 x-ui.db 和 x-ui.db-wal，在副本上操作。',
      ]
    : [
        ...(who === '' ? [] : [`Open in: ${who}`]),
        'Stop the panel service first, for example: systemctl stop x-ui',
        'Or copy both x-ui.db and x-ui.db-wal and work on the copy.',
      ];
}

/** What a write's safety machinery did (stale lock taken over, interrupted save put right). */
export const safetyNotesHeader = (lang: Lang) => (lang === 'zh-CN' ? '安全提示' : 'Safety notes');

// CLI text in English and Simplified Chinese. Many panel admins read Chinese first; the JSON output
// stays language-neutral (codes and English messages) for scripts.
import { GENERATION_LABELS } from '../core/index';
import type { GenerationId } from '../shared/reports';
import type { ErrorCode, ErrorHint } from '../shared/result';

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
  dirty: '脏状态',
  dirtyAt: (v) => `版本 ${v ?? 'nil'} 处于脏状态：某个迁移步骤失败或被中断`,
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
  generations: {
    empty: '空的 SQLite 文件（还没有数据表）',
    'not-panel': '不是面板数据库',
    'upstream-v3': '上游 3x-ui v3.1 及以后（客户端独立成表）：另一种产品',
    'tables-dropped': '面板数据表已被 golang-migrate 的 Down() 删除：请恢复备份',
    'sql-first-schema': '数据表由分支的 000001_init_schema.up.sql 创建：面板无法在其上启动',
    'golang-migrate-branch': 'X-Panel 7.8.4 golang-migrate 分支构建（存在 schema_migrations）',
    'pre-v2.6.0': 'v2.6.0 之前写入（没有 seeder 记录；密码可能是明文）',
    'no-seeders-recorded': 'v2.6.0 及以后，尚未记录任何 seeder',
    'v2.6.0-to-v7.5.8': 'v2.6.0 至 X-Panel v7.5.8（只记录了 UserPasswordHash）',
    'v7.5.9-or-later': 'X-Panel v7.5.9 及以后（已记录 TLS/XHTTP seeder）',
  },
  lint: {
    severity: { error: '错误', warning: '警告', info: '提示' },
    why: '原因',
    noFiles: '此文件夹中没有迁移文件（NNNNNN_name.up.sql / NNNNNN_name.down.sql）。',
    summary: (dir, files, counts) =>
      `${dir}：${files} 个迁移文件，${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 条提示`,
  },
};

export const TEXT: Record<Lang, typeof en> = { en, 'zh-CN': zh };

/** A short Chinese explanation per code, printed before the English specifics. */
const ZH_ERRORS: Record<ErrorCode, string> = {
  FILE_NOT_FOUND: '文件不存在',
  NOT_A_FILE: '这不是一个普通文件',
  FILE_UNREADABLE: '无法读取文件',
  FILE_EMPTY: '文件为空',
  FILE_TOO_LARGE: '文件太大',
  NOT_SQLITE: '这不是 SQLite 数据库',
  DATABASE_CORRUPT: '数据库已损坏',
  NOT_A_PANEL_DATABASE: '这不是 X-Panel/3x-ui 面板数据库',
  WAL_INVALID: '-wal 文件无效',
  WAL_MISMATCH: '-wal 文件与数据库不匹配',
  WAL_WITHOUT_DATABASE: '只有 -wal 文件，缺少主数据库文件',
  FILE_CHANGED_ON_DISK: '文件在加载后被修改（面板是否仍在运行？）',
  DATABASE_LOCKED: '另一个 PanelDB 正在修改此数据库',
  DATABASE_IN_USE: '数据库正被其他进程打开（面板是否仍在运行？）',
  DATABASE_DIRTY: '数据库处于脏状态',
  VERSION_NEWER_THAN_TOOL: '数据库版本比本工具更新',
  ROLLBACK_REFUSED: '拒绝回滚',
  MIGRATION_DRIFT: '已应用的迁移文件被修改过（漂移）',
  REPAIR_NEEDED: '需要先修复',
  PLAN_CHANGED: '文件在您审阅后已改变，请重新审阅',
  CONFIRMATION_REQUIRED: '需要明确确认',
  BACKUP_NOT_FOUND: '找不到备份',
  BACKUP_INVALID: '备份无效',
  BACKUP_UNVERIFIED: '备份未经验证（没有 PanelDB 元数据），需要明确确认才能恢复',
  BACKUP_DIR_UNSAFE: '备份目录不安全（符号链接、不属于当前用户或权限宽于 0700）',
  HISTORY_INVALID: 'paneldb_history 表的结构或内容无法识别',
  BACKUP_DIR_UNWRITABLE: '备份目录不可写',
  BACKUP_FAILED: '备份失败',
  WRITE_FAILED: '写入失败',
  MIGRATION_FAILED: '迁移失败',
  INVALID_ARGUMENT: '参数无效',
  NO_DATABASE_OPEN: '尚未打开数据库',
  UNSUPPORTED: '此处不支持该操作',
  FORBIDDEN: '拒绝访问',
  INTERNAL: '内部错误',
};

export function errorLine(lang: Lang, code: ErrorCode, message: string): string {
  return lang === 'zh-CN' ? `${ZH_ERRORS[code]}：${message} [${code}]` : `${message} [${code}]`;
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

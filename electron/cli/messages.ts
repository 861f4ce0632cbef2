// CLI text in English and Simplified Chinese. Many panel admins read Chinese first; the JSON output
// stays language-neutral (codes and English messages) for scripts.
import { GENERATION_LABELS } from '../core/status';
import type { GenerationId } from '../core/detect';
import type { ErrorCode } from '../shared/result';

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
  tables: 'Tables (rows)',
  lastBackup: 'Last backup',
  warnings: 'Warnings',
  backupCreated: 'Backup written and verified',
  noBackups: 'No backups yet.',
  backupsHeader: ['Created', 'Origin', 'Reason', 'Version', 'Size', 'File'],
  originPanel: 'panel',
  originOwn: 'PanelDB',
  verifyOk: 'Backup is sound',
  verifyBad: 'Backup has problems',
  error: 'error',
  demoCopy: 'Demo database (a fresh copy)',
  generations: GENERATION_LABELS as Record<GenerationId, string>,
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
  tables: '数据表（行数）',
  lastBackup: '最近备份',
  warnings: '警告',
  backupCreated: '备份已写入并校验',
  noBackups: '还没有备份。',
  backupsHeader: ['创建时间', '来源', '原因', '版本', '大小', '文件'],
  originPanel: '面板',
  originOwn: 'PanelDB',
  verifyOk: '备份完好',
  verifyBad: '备份有问题',
  error: '错误',
  demoCopy: '演示数据库（新副本）',
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
  DATABASE_DIRTY: '数据库处于脏状态',
  VERSION_NEWER_THAN_TOOL: '数据库版本比本工具更新',
  ROLLBACK_REFUSED: '拒绝回滚',
  BACKUP_NOT_FOUND: '找不到备份',
  BACKUP_INVALID: '备份无效',
  BACKUP_DIR_UNWRITABLE: '备份目录不可写',
  BACKUP_FAILED: '备份失败',
  WRITE_FAILED: '写入失败',
  MIGRATION_FAILED: '迁移失败',
  INVALID_ARGUMENT: '参数无效',
  INTERNAL: '内部错误',
};

export function errorLine(lang: Lang, code: ErrorCode, message: string): string {
  return lang === 'zh-CN' ? `${ZH_ERRORS[code]}：${message} [${code}]` : `${message} [${code}]`;
}

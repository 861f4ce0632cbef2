// `paneldb --help` in 简体中文: commander builds help from the English texts main.ts gives it; for
// zh-CN this replaces each command's, argument's and option's description once the program is
// built (the language is read from argv and the environment before that), and the help headings.
import type { Command } from 'commander';

const COMMANDS: Readonly<Record<string, string>> = {
  paneldb: '离线检查、备份和迁移 X-Panel / 3x-ui 面板数据库（x-ui.db）。',
  status: '显示版本、已执行和待执行的步骤、日志模式与 WAL 状态、数据表和完整性',
  backup: '写入一份经过校验、仅本人可读（0600）的独立备份，已合并 WAL',
  backups: '列出 PanelDB 的备份和面板自己的 <db>.backup.<unix> 文件，最新的在前',
  verify: '校验备份：integrity_check、与元数据比对 sha256、面板数据表',
  migrate: '先备份，再在内存中执行待执行的步骤，全部成功后才替换文件',
  history: '列出 PanelDB 在此文件上执行过的步骤：时间、耗时、修改行数和结果',
  rollback: '先备份，再按修改前数据精确撤销最近的步骤（不可逆的步骤会拒绝）',
  'check-roundtrip':
    '在内存副本上对每个待执行步骤执行 up → down → up，检查 down 能否让相关数据表精确复原；不能时退出码为 3',
  restore: '校验备份，为当前文件保留一份安全备份，再以原子方式替换它',
  repair: '针对 dirty 或执行了一半的文件：显示证据和建议的操作（修复迁移状态）',
  check: '检查 Xray 和面板能否接受这些配置：每条发现都列出相关行；发现错误时退出码为 3',
  fix: '应用修复：为某个检查项做安全、可撤销的修复（先备份，记入日志）',
  lint: '检查 golang-migrate 文件夹（NNNNNN_name.up.sql / .down.sql）中面板自带迁移常见的错误；发现错误时退出码为 3',
  serve: '在浏览器中打开 PanelDB 窗口：只监听本机回环地址（127.0.0.1），使用私密令牌',
  'set-password':
    '先备份，再把某个面板用户的新密码以 bcrypt（成本 10）保存；密码从标准输入读取或交互询问，绝不取自命令行',
  recover:
    '把损坏的面板文件中仍可读取的每一行（b 树、孤立页和空闲页、-wal）读入一个使用面板结构的新文件；绝不写入输入文件',
  help: '显示某个命令的帮助',
};

const ARGUMENTS: Readonly<Record<string, string>> = {
  'status.db': '面板数据库文件（x-ui.db）；旁边的 -wal 会被合并',
  'check-roundtrip.db': '面板数据库文件（不会写入）',
  'restore.db': '要被替换的面板数据库文件',
  'restore.backup': '备份文件，或 `paneldb backups` 列出的备份 id',
  'verify.file': '备份文件',
  'fix.check-id': '`paneldb check` 列出的可修复检查项 id',
  'lint.dir': '存放迁移文件的文件夹',
  'serve.db': '要打开的面板数据库文件（默认不打开；起始页提供演示数据库）',
  'recover.db': '损坏的数据库文件（会读取旁边的 -wal，但绝不修改）',
  '*.db': '面板数据库文件',
  '*.command': '命令',
};

const OPTIONS: Readonly<Record<string, string>> = {
  'paneldb.--lang': '文字语言：en 或 zh-CN（默认取自 PANELDB_LANG / LANG）',
  'paneldb.--version': '显示版本号',
  'serve.--demo': '打开内置演示数据库的一份新副本',
  'migrate.--to': '执行到此版本后停止',
  'rollback.--to': '撤销此版本之上的所有步骤',
  'migrate.--dry-run': '不写入任何内容；用 JSON 差异列出每一行将发生的变化',
  'fix.--dry-run': '不写入任何内容；列出修复将修改的每一行',
  'rollback.--dry-run': '只在内存中执行 down：列出它们和计划指纹',
  '*.--demo': '使用内置演示数据库的一份新副本',
  '*.--json': '输出 JSON，供脚本使用',
  '*.--backup-dir': '备份文件夹（默认：数据库旁的 <db>.backups）',
  '*.--ignore-wal': '即使存在 -wal 也只读取主文件（显示旧数据）',
  '*.--migrations-dir':
    'golang-migrate 文件夹（NNNNNN_name.up.sql / .down.sql），其中 5 以上的版本在内置步骤之后执行',
  '*.--xhttp-flow':
    '迁移 3：safe（默认：只在启用了 VLESS Encryption 的地方设置 Vision）或 panel（与面板 seeder 完全相同）',
  '*.--steps': '要撤销的步骤数（默认 1）',
  '*.--force-version': '修复迁移状态：先备份，再把文件标记为此版本的干净状态',
  '*.--revert': '按修改前数据撤销此检查项最近一次应用的修复',
  '*.--port': '监听的端口（默认 0：任意空闲端口）',
  '*.--host': '监听的回环地址：127.0.0.1、::1 或 localhost',
  '*.--help': '显示帮助',
  'set-password.--user': '面板用户（users.username）',
  'recover.--out': '要写入的新文件（不得已存在）',
  'recover.--list-wal-commits': '列出 <db>-wal 中已提交的事务及每个事务修改了什么',
  'recover.--wal-commit': '写出紧接在第 n 个 WAL 提交之后的数据库（0 = 只有主文件）',
  '*.--checks': '同时运行健康检查（读取每个 JSON 列）',
  '*.--full': '运行完整的 integrity_check，而不是 quick_check（大文件上更慢）',
  '*.--expect': '只有当计划与演练（--dry-run）打印的指纹一致时才执行',
  '*.--accept-unverified': '恢复没有 PanelDB 元数据的备份（没有任何东西能证明其内容）',
  '*.--accept-risk': '即使面板无法在该备份上启动，或其入站数远少于当前文件，也要恢复',
  '*.--i-understand-steps-will-not-run': '确认：强制设置版本后，这些步骤会被算作已应用而不会运行',
};

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const pick = (table: Readonly<Record<string, string>>, scope: string, name: string) =>
  table[`${scope}.${name}`] ?? table[`*.${name}`];

function localize(command: Command): void {
  const scope = command.name();
  const description = COMMANDS[scope];
  if (description !== undefined) command.description(description);
  for (const argument of command.registeredArguments) {
    const text = pick(ARGUMENTS, scope, argument.name());
    if (text !== undefined) argument.description = text;
  }
  for (const option of command.options) {
    const text = option.long === undefined ? undefined : pick(OPTIONS, scope, option.long);
    if (text !== undefined) option.description = text;
  }
  command.helpOption('-h, --help', OPTIONS['*.--help']);
  command.configureHelp({ styleTitle: (title: string) => TITLES[title] ?? title });
  for (const sub of command.commands) localize(sub);
}

/** Turns a built program's help into Chinese (names, flags and placeholders stay as typed). */
export function localizeHelpZhCN(program: Command): void {
  localize(program);
  program.helpCommand('help [command]', COMMANDS.help ?? '');
}

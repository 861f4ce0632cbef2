// 简体中文: the texts of `paneldb lint`, keyed like lint-en.ts (a missing key does not compile).
import type { LintKey } from './lint-en';

export const lintZhCN: Record<LintKey, string> = {
  'lintRule.duplicate-version':
    '同一版本、同一方向有两个文件时，golang-migrate 拒绝整个文件夹（`duplicate migration file`，migrate.New 失败）',
  'lintRule.version-gap': '缺少某个版本号通常意味着文件丢失或编号错误；golang-migrate 会默默跳过它',
  'lintRule.missing-down': '没有 .down 文件的版本无法回滚：它是不可逆的',
  'lintRule.missing-up': '只有 .down 而没有 .up：golang-migrate 向上迁移时只记录版本号，不执行任何 SQL',
  'lintRule.pair-name-mismatch': '同一版本的 up 和 down 名称不同，通常是重新编号时出的错',
  'lintRule.unexpected-extension':
    '凡是符合 NNN_name.(up|down).EXT 的文件，无论 EXT 是什么，golang-migrate 都会执行：一个 .sql.bak 副本就多了一次迁移',
  'lintRule.ignored-file': '文件名不符合 ^([0-9]+)_(.*)\\.(down|up)\\.(.*)$，golang-migrate 会忽略该文件',
  'lintRule.sql-syntax': '引号、注释或括号没有闭合：文件无法按原样执行',
  'lintRule.transaction-statement':
    'golang-migrate 的 sqlite3 驱动本来就把每个文件放在一个事务里执行：BEGIN 会失败，COMMIT/END 会提前结束事务，之后再出错就无法回滚整个文件',
  'lintRule.schema-migrations-write':
    'schema_migrations 归 golang-migrate 所有，它在每个文件前后都会改写其中的行；手动写入会多出几行，Version() 会任意挑一行',
  'lintRule.drop-panel-table':
    '删除面板数据表会删掉其中的所有行；down 只应撤销它自己的 up，而不是删掉面板的数据',
  'lintRule.panel-ddl-mismatch':
    '面板数据表必须与 GORM 的建表方式完全一致（§1.2）：IF NOT EXISTS 在现有文件上掩盖了差异，但在它先执行的地方，GORM 的 AutoMigrate 会遇到一张不是它创建的表，可能失败，面板就无法启动',
  'lintRule.create-panel-table':
    '面板会自己创建数据表（GORM AutoMigrate 在迁移之前运行）：不带 IF NOT EXISTS 的 CREATE TABLE 在每个面板文件上都会失败',
  'lintRule.alter-panel-table':
    '重命名或删除面板数据表、或 GORM 模型使用的列，会让面板的查询出错，或让 GORM 把它重新建成空的',
  'lintRule.json-replace-noop': '模式与替换内容相同的 REPLACE 什么都不会改：想要的修改从未发生',
  'lintRule.json-replace-brackets': '对 JSON 文本 REPLACE [ 或 ]，会改写文档中的每个数组，留下无效的 JSON',
  'lintRule.json-replace-remove-key':
    '用 REPLACE 删除一个键，会漏掉其他写法和取值，在任何层级都会删除它，而不带逗号的写法会留下 {, 或 ,}（无效的 JSON）',
  'lintRule.json-replace-insert-key':
    '用 REPLACE 插入一个键，会在锚点文本出现的每个地方都插入：插进错误的对象，在已有该键的地方变成重复键',
  'lintRule.json-replace-punctuation':
    '对 JSON 标点（{ } , ,,）执行 REPLACE，会修改文档中的每个对象和每个字符串，而不只是一个值',
  'lintRule.json-replace-unanchored':
    '没有带引号键的 REPLACE 模式会匹配该行每个字符串值的内部（路径、密码、备注）',
  'lintRule.json-string-edit':
    '对 JSON 文本使用字符串函数（REPLACE、||、substr）依赖空格和键的顺序，还会匹配到值的内部：请使用 json_set / json_remove / json_each',
  'lintRule.json-compact-pattern':
    '紧凑写法的模式（"key":"value"）永远匹配不到网页界面写入的带格式的行（"key": "value"）',
  'lintRule.json-text-like':
    '对 JSON 文本使用 LIKE 会在任何位置匹配这个词，包括字符串值内部：请在 json_valid 保护下用 json_extract / json_type 检查字段本身',
  'lintRule.like-without-wildcard':
    '没有 % 或 _ 的 LIKE 相当于不区分大小写的相等比较：用在 JSON 列上时比较的是整个文档，永远不会匹配',
  'lintRule.json-function-unguarded':
    '只要有一行不是有效 JSON，JSON 函数就会报 `malformed JSON`，使整个文件失败（dirty）：请用 json_valid(column) 保护',
  'lintRule.hardcoded-host-list': '每个写死的主机一条语句，只修好列出的值，其他所有行都保持原样',
  'lintRule.down-reverts-by-value':
    'down 会改写其 up 写入的文本的每一处出现，因此也会修改 up 从未碰过的行：精确的 down 需要 up 之前的原始数据',
  'lintRule.password-not-bcrypt':
    '面板用 bcrypt 校验 users.password：存在那里的任何其他值（标记、明文或派生文本）都会把用户锁在外面',
  'lintRule.unanchored-prefix-strip':
    "REPLACE(x, 'P', '') 会删除值中所有位置的 P，而不只是 WHERE 选中的前缀：请使用 substr(x, length('P') + 1)",
  'lintRule.seeder-overlap':
    '面板中处理同一数据的 Go seeder 在迁移之后运行，并有自己的记录（history_of_seeders）：两者都会改写这些行，而 seeder 会跳过此文件弄得无法解析的行',

  'lint.duplicateVersion':
    '版本 {version} 的 {direction} 同时是 {kept} 和 {duplicate}：golang-migrate 会以 "duplicate migration file: {duplicate}" 停止，什么都不执行',
  'lint.missingDown': '版本 {version} 没有 .down 文件：无法回滚（不可逆）',
  'lint.missingUp': '版本 {version} 只有 .down 文件：向上迁移时会记录版本 {version}，却不执行任何内容',
  'lint.pairNameMismatch': '版本 {version} 向上时名为 "{up}"，向下时却名为 "{down}"',
  'lint.versionGapOne': '版本号从 {previous} 跳到 {next}：缺少 {from}',
  'lint.versionGapRange': '版本号从 {previous} 跳到 {next}：缺少 {from}–{to}',
  'lint.unexpectedExtension':
    'golang-migrate 会把 {file} 当作版本 {version} 的 {direction} 执行，尽管它不以 .sql 结尾',
  'lint.ignoredFile': '不是迁移文件名（NNNNNN_name.up.sql / .down.sql）：已忽略',
  'lint.unterminatedComment': '/* 注释没有结束：文件的其余部分都被当作注释',
  'lint.unterminatedString': '字符串字面量没有结束：文件的其余部分成了一个字符串',
  'lint.unterminatedIdentifier': '带引号的标识符 {quote}… 没有结束',
  'lint.unbalancedParentheses': '第 {line}-{endLine} 行的语句中括号不配对',
  'lint.transactionStatement': '迁移文件中出现 {verb}：golang-migrate 已经把整个文件放在一个事务里',
  'lint.schemaMigrationsWrite':
    '文件中对 schema_migrations 执行 {verb}：golang-migrate 在每个文件前后都会设置 (version, dirty)；手动执行时会留下多余的行',
  'lint.dropPanelTableDown':
    'down 文件中的 DROP TABLE {table}：任何经过此版本的 golang-migrate Down() 都会删除 {table} 的所有行',
  'lint.dropPanelTableUp': 'DROP TABLE {table} 却没有在同一文件中重建：会删掉面板的 {table}',
  'lint.ddlMismatch': 'CREATE TABLE {table} 与面板的 GORM 结构不同：{differences}。{how}',
  'lint.ddlHowIfNotExists':
    'IF NOT EXISTS 让它在面板文件上不起作用；在它先执行的地方（空文件、测试），GORM 的 AutoMigrate 会遇到一张不是它创建的表，只能重建或直接失败，面板可能无法启动',
  'lint.ddlHowCreate': '在它执行的地方，面板得到的是一张并非 GORM 创建的表',
  'lint.ddlMismatchRenamed':
    '{source}（在第 {line} 行重命名为 {table}）与面板的 GORM 结构不同：{differences}',
  'lint.createPanelTable':
    'CREATE TABLE {table} 没有 IF NOT EXISTS：GORM 已经在每个面板文件上创建了它，因此该文件会失败',
  'lint.renamePanelTable':
    '把面板数据表 {table} 重命名为 {to}：在 GORM 重新创建一张空的 {table} 之前，面板的查询都会失败',
  'lint.addKnownColumn': 'ADD COLUMN {column}：GORM 已经在每个面板文件上创建了 {table}.{column}（列名重复）',
  'lint.dropKnownColumn':
    '{verb} COLUMN {table}.{column}：面板的模型要用这一列；下次启动时 GORM 会把它重新加回来，但内容为空',
  'lint.diff.asSelect': '由 SELECT 创建：没有声明的类型，没有键，也没有约束',
  'lint.diff.missing': '缺少 {names}',
  'lint.diff.extra': '多出 {names}',
  'lint.diff.column': '{column} 为 {actual}（GORM：{expected}）',
  'lint.diff.extraForeignKey': '多出外键 {key}',
  'lint.diff.missingForeignKey': '缺少外键 {key}',
  'lint.replacePunctuation':
    'REPLACE({column}, {pattern}, {replacement}) 会改写文档中所有这样的标点：每个对象里和字符串值内部都会改',
  'lint.replaceBrackets':
    'REPLACE({column}, {pattern}, {replacement}) 会去掉文档中每个数组的方括号（alpn、serverNames、shortIds、证书行）：JSON 失效',
  'lint.replaceRemoveKey':
    "REPLACE({column}, {pattern}, '') 会在出现的每个地方删除这段键/值文本；其他写法和取值不受影响",
  'lint.replaceRemoveKeyCommaLess':
    "REPLACE({column}, {pattern}, '') 会在出现的每个地方删除这段键/值文本，而且没有带上逗号，会留下 {, 或 ,}：JSON 失效；其他写法和取值不受影响",
  'lint.replaceInsertKey':
    'REPLACE({column}, {pattern}, {replacement}) 会在每一处 {pattern} 前后插入一个键：插进每个匹配的对象，在已有该键的地方变成第二份',
  'lint.replaceUnanchored':
    'REPLACE({column}, {pattern}, {replacement}) 没有锚定到某个键：该行每个字符串中的每一处 {pattern} 都会被改（路径、备注、密码）',
  'lint.replaceStringEdit':
    'REPLACE({column}, {pattern}, {replacement}) 把 JSON 当作文本来改：依赖空格和键的顺序，还会匹配到值的内部；请使用 json_set/json_remove',
  'lint.replaceNoop': 'REPLACE({column}, {pattern}, {replacement}) 用文本替换它自己：什么都不会改变',
  'lint.replaceOnColumn':
    '对 {column} 的 REPLACE 把 JSON 当作文本来改：依赖空格和键的顺序，还会匹配到值的内部；请使用 json_set/json_remove',
  'lint.likeEquality':
    "{column} {operator} {literal} 没有通配符：它相当于不区分大小写的 '='（如果本意如此，请写 =）",
  'lint.likeJsonNoWildcard':
    '{column} {operator} {literal} 没有通配符：它把整个 JSON 文档与这段片段比较，永远不会匹配',
  'lint.jsonTextLike':
    '{column} {operator} {literal} 会匹配文档中任何位置的文本，包括字符串值内部；请在 json_valid 保护下用 json_extract 检查该字段',
  'lint.compactNeverSelected':
    '{literal} 是紧凑写法：网页界面写入的带格式的行（"key": "value"）永远不会被选中',
  'lint.compactLeftUnchanged': '{literal} 是紧凑写法：网页界面写入的带格式的行（"key": "value"）保持不变',
  'lint.builtAsText':
    '{column} 是用 {operator} 拼出来的：当作文本拼接的 JSON 遇到引号、空格和键的顺序就会出错；请使用 json_set/json_insert',
  'lint.jsonUnguarded':
    "{function}({column}, …) 没有 json_valid({name}) 保护：只要有一行不是有效 JSON，就会报 'malformed JSON'，整个文件失败并留下 dirty 状态",
  'lint.passwordNotBcrypt':
    '把 users.password 设为 {value}，这不是 bcrypt 哈希：登录时用 bcrypt 比较会失败，用户因此被锁在外面',
  'lint.prefixStrip':
    "REPLACE({column}, {pattern}, '') 会删除值中任何位置的 {pattern}，而不只是 WHERE 选中的前缀；请使用 substr({column}, {start})",
  'lint.hostList': '同一语句的 {count} 份副本只在写死的主机上不同（{hosts}）：其他主机都保持原样',
  'lint.downByValue':
    'down 会替换每一处 {pattern}，也就是它的 up 写入的文本：在 up 之前就含有它的行（由用户、机器人或 Go seeder 设置）也会被改',
  'lint.seederHistory':
    '对 history_of_seeders 执行 {verb}：这是 Go seeder 自己的记录；删掉的名字会在下次启动时让对应的 seeder 重新运行（UserPasswordHash 会把哈希再哈希一遍）',
  'lint.seederOverlap':
    '改写了 Go seeder {seeder} 的数据：该 seeder 在迁移之后运行，记录在 history_of_seeders 而不是 schema_migrations 中，因此两者都会修改这些行，且互不知情',
  'lint.refs': '[docs/panel-database.md §3.6 {refs}]',
};

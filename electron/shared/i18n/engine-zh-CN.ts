// 简体中文: the engine's texts, keyed like engine-en.ts (a missing key does not compile).
import type { EngineKey } from './engine-en';

export const engineZhCN: Record<EngineKey, string> = {
  'detect.newerVersion': 'schema_migrations 记录的版本为 {version}；此 PanelDB 只认识到版本 {latest}。',
  'detect.dirty':
    'schema_migrations 在版本 {version} 处于 dirty 状态：某一步失败或被中断；数据可能处于该版本或前一个版本。',
  'detect.schemaMigrationsUnreadable':
    'schema_migrations 中的版本 golang-migrate 无法读取（{value}）；它会把该文件当作没有版本。',
  'detect.schemaMigrationsMultipleRows':
    'schema_migrations 有 {count} 行（版本 {versions}）；golang-migrate 读取 SQLite 最先返回的那一行。',
  'detect.duplicateSeederMarkers': 'history_of_seeders 多次列出了 {names}。',
  'detect.unknownSeederMarkers': 'history_of_seeders 列出了此 PanelDB 不认识的 seeder：{names}。',
  'detect.tablesDropped':
    '面板的数据表已不存在（被 golang-migrate 的 Down() 删除）。请恢复面板的某个 x-ui.db.backup.<unix> 文件。',
  'detect.sqlFirstSchema':
    '这些数据表由分支的 000001_init_schema.up.sql 创建，而不是由面板创建；面板无法在此文件上启动。',
  'detect.upstreamV3': '这是上游 3x-ui v3 数据库（客户端独立成表），与 X-Panel 是不同的产品。',
  'detect.possiblyRecreated':
    '存在 schema_migrations 但没有任何入站：面板可能在 Down() 删除数据表后重新创建了空表。请检查备份。',

  'evidence.dirty':
    'schema_migrations 在 {version} 处于 dirty 状态：数据可能处于该版本、前一个版本（up 失败）或后一个版本（down 失败）。',
  'evidence.invalidJson': '无法解析的 JSON 列（面板会跳过或因此出错；SQL 文件 000002 会留下这样的值）。',
  'evidence.duplicateKeys':
    '带有重复键的 JSON 对象（SQL 文件 000003 会再加一个 "flow"；Go 和 Xray 读取最后一个）。',
  'evidence.hashedPrefix':
    "密码被 SQL 文件 000005 保存为 'HASHED:<密码>'：在第 5 步正确哈希之前，登录都会失败。",
  'evidence.plaintext': '明文密码（第 5 步会将其哈希）。',
  'evidence.plaintextStep5Applied':
    '明文密码，且迁移 5 已算作已应用，不会再将其哈希：没有人能登录。密码修复会将其哈希。',
  'evidence.schemaMigrationsRows':
    'schema_migrations 有多行（手动执行过 SQL 文件）；golang-migrate 会任意读取其中一行。',
  'evidence.markerTlsConfig':
    '已记录 TlsConfigMigration，但这些行仍包含 verifyPeerCertInNames 或 tlsSettings.allowInsecure。',
  'evidence.markerUserPassword': '已记录 UserPasswordHash，但这些密码不是 bcrypt 哈希：没有人能用它们登录。',
  'evidence.markerRealityTarget': '已记录 RealityTargetMigration，但这些 REALITY target 没有端口。',

  'recommend.restoreRecreated': '面板数据表看起来是在 Down() 删除后被重新创建的空表：只有备份能找回数据。',
  'recommend.restoreGone': '面板数据表已不存在，或由错误的结构创建：只有备份能找回数据。',
  'recommend.forceDownFailed':
    '强制设为版本 {data}：第 {data} 步的修改仍在，说明第 {data} 步的 down 失败了，数据仍处于版本 {data}。',
  'recommend.forceCommitted':
    '强制设为版本 {data}：第 {data} 步的修改已存在，说明它已提交，只是缺少“干净”标记。',
  'recommend.forceRolledBack': '强制设为版本 {data}：没有第 {step} 步修改的痕迹，说明它的 up 失败并已回滚。',
  'recommend.forceCommittedStep4':
    '强制设为版本 {data}：第 {data} 步的修改已存在，说明它已提交，只是缺少“干净”标记。第 4 步不会留下 PanelDB 能分辨的痕迹：如果第 4 步的 down 失败，数据可能处于版本 4。',
  'recommend.forceRolledBackStep4':
    '强制设为版本 {data}：没有第 {step} 步修改的痕迹，说明它的 up 失败并已回滚。第 4 步不会留下 PanelDB 能分辨的痕迹：如果第 4 步的 down 失败，数据可能处于版本 4。',
  'recommend.restoreDamaged':
    '有数据行被面板的 SQL 文件损坏；请恢复在它们之前做的备份，或保留此文件并手动修正这些行。',
  'recommend.migrate': '文件状态干净；执行迁移以应用待执行的步骤。',
  'recommend.none': '没有需要修复的内容。',

  'note.baseline': '基线：面板的数据表已存在（8 个中的 {count} 个）；未做任何修改。',
  'note.createdTables': '按 GORM 的原样 DDL 创建面板的 8 个数据表。',
  'note.tlsAdapted': '为较新的 Xray 调整 {count} 个入站的 TLS 设置',
  'note.xhttpModeSafe':
    '模式：safe（只在启用了 VLESS Encryption 的地方设置 Vision；见 XTLS/Xray-core issue 5576）',
  'note.xhttpModePanel': '模式：panel（与面板的 XhttpFlowMigration seeder 完全相同）',
  'note.duplicatesRemoved': '{label}：删除 settings 中重复的 JSON 键，保留面板读取的值',
  'note.visionPanelMode':
    '{label}：在未启用 VLESS Encryption 的 XHTTP 上设置了 Vision flow（panel 模式）；Xray 可能拒绝该入站（“XTLS only supports TLS and REALITY directly”）',
  'note.flowSet': '在 {inbounds} 个入站的 {clients} 个客户端上设置 flow "{flow}"',
  'note.leftWithoutVision': '{count} 个入站未设置 Vision：XHTTP 上未启用 VLESS Encryption',
  'note.targetPortAdded': '为 {count} 个入站的 REALITY target 添加 ":443"',
  'note.hashedPrefixUnwrapped':
    "{label}：密码被面板有缺陷的 SQL 文件 000005 保存为 'HASHED:…'（S18）；哈希前缀之后的密码，即管理员设置的那个",
  'note.passwordsHashed': '用 bcrypt（cost {cost}）哈希 {count} 个面板密码',

  'skip.invalidJsonIn': '{column} 中的 JSON 无效；保持原样，与面板的 seeder 一致',
  'skip.invalidJsonInGo': '{column} 中的 JSON 无效（Go 解码器：{reason}）；保持原样，与面板的 seeder 一致',
  'skip.notValidObject': '{column} 不是有效的 JSON 对象；保持原样，与面板的 seeder 一致',
  'skip.notValidObjectGo':
    '{column} 不是有效的 JSON 对象（Go 解码器：{reason}）；保持原样，与面板的 seeder 一致',
  'skip.streamInvalidJson': 'stream_settings 中的 JSON 无效；保持原样',
  'skip.streamNotObject': 'stream_settings 不是 JSON 对象；保持原样',
  'skip.streamNotValidObject': 'stream_settings 不是有效的 JSON 对象；保持原样',
  'skip.settingsNotValidObject': 'settings 不是有效的 JSON 对象；保持原样',
  'skip.noClients': 'settings 中没有 clients 数组；无需设置',
  'skip.visionSafe':
    '未设置 Vision：XHTTP 未启用 VLESS Encryption（decryption 为 "none" 或缺失）；Xray 在此会拒绝 Vision（“XTLS only supports TLS and REALITY directly”，XTLS/Xray-core issue 5576）。保持原样；如需与面板 seeder 相同的结果，请为第 3 步选择 panel 模式',
  'skip.legacyDest': '只有旧的 "dest" 键；Xray 能读取，保持原样',
  'skip.noTarget': 'realitySettings 中没有 target',
  'skip.targetNumeric': '数字 target 是 Xray 接受的端口',
  'skip.targetNotString': 'target 不是字符串',
  'skip.targetEmpty': 'target 为空；不猜测主机',
  'skip.targetSocket': 'target 是 unix 套接字，Xray 接受无端口的写法',
  'skip.targetDigits': '纯数字 target 是端口（Xray 读作 127.0.0.1:{target}）',
  'skip.targetHasPort': 'target 已有端口',
  'skip.targetColon': 'target 含有 ":" 但不是 host:port（IPv6 地址？）；不猜测',
  'skip.targetNotHost': 'target 不是主机名或 IPv4 地址；不猜测',
  'skip.passwordNull': '密码为 NULL；无需哈希',
  'skip.passwordNotText': '密码不是文本',
  'skip.alreadyBcrypt': '已经是 bcrypt 哈希；再哈希一次会把该用户锁在门外',

  'verify.opens': 'SQLite 能打开它（{bytes} 字节）。',
  'verify.panelStarts': '面板可以在它上面启动',
  'verify.panelCannotStart': '面板无法在它上面启动：{why}',
  'verify.noMetadata': '此文件旁没有 PanelDB 元数据；无从比对。',
  'verify.shaMatches': '与元数据一致（{actual}）',
  'verify.shaDiffers': '文件哈希为 {actual}，元数据记录的是 {expected}',
  'verify.tablesPresent': '面板数据表齐全：{tables}',
  'verify.tablesMissing': '缺少面板数据表：{tables}',

  'refuse.irreversibleRestore':
    '第 {version} 步 {name} 不可逆，没有 down。请改为恢复在它之前做的备份（{backup}）。',
  'refuse.irreversibleNoBackup':
    '第 {version} 步 {name} 不可逆，没有 down。它在此文件的任何 PanelDB 备份之前就已执行，只有在它之前做的备份（例如面板自己的备份）才能让文件回到之前的状态。',
  'refuse.panelAppliedRestore':
    '第 {version} 步 {name} 是由面板自己执行的，PanelDB 没有可用于精确撤销的修改前数据。请改为恢复在它之前做的备份（{backup}）。',
  'refuse.panelAppliedNoBackup':
    '第 {version} 步 {name} 是由面板自己执行的，PanelDB 没有可用于精确撤销的修改前数据。它在此文件的任何 PanelDB 备份之前就已执行，只有在它之前做的备份（例如面板自己的备份）才能让文件回到之前的状态。',
  'refuse.tablesChanged':
    '无法回滚第 {version} 步 {name}：{tables} 在它执行后被修改过，它的 down 文件可能会丢失这些修改。请改为恢复备份。',
  'refuse.rowsChanged':
    '无法回滚第 {version} 步 {name}：有 {count} 行在它执行后被修改过（{rows}）。请改为恢复备份。',
  'refuse.downNotExact':
    '无法回滚第 {version} 步 {name}：它的 down 文件不能让 {tables} 精确回到该步之前的内容（往返检查会列出相关行）。未做任何修改；请改为恢复该步之前做的备份。',
  'refuse.rollbackTo': '目标版本必须在 0 到 {latest} 之间；收到的是 {to}。',
  'refuse.rollbackSteps': '步数必须是不小于 1 的整数；收到的是 {steps}。',
  'errorText.corrupt': 'SQLite 无法读取 {path}。',
  'errorText.notFound': '{path} 不存在。',
  'errorText.walWithoutDatabase': '{path} 不存在，但 {wal} 存在：请把主数据库文件也复制过来。',
  'errorText.notRegularFile': '{path} 不是普通文件（是文件夹吗？）。',
  'errorText.isFolder': '{path} 是文件夹，不是数据库文件。',
  'errorText.unreadable': '无法读取 {path}。',
  'errorText.permissionDenied': '无法读取 {path}（权限不足）。',

  'note.downExact': '涉及的数据表与迁移前的内容哈希一致。',
  'note.downNotExact':
    '未能精确还原：{tables}（{count} 个表）与迁移前的内容哈希不同（之后有其他行被修改，或被触发器修改）。',
  'note.fixVisionRemoved': '{label}：从 {names} 移除 Vision',
  'note.fixFlowCleared': '为 XHTTP 上未启用 VLESS Encryption 的 {count} 个客户端设置 flow ""',
  'note.fixTrafficRowAdded': '{label}：为 {email} 添加 client_traffics 行',
  'note.fixDuplicatesRemoved': '{label}：删除重复的键，保留面板读取的值',
  'note.passwordSet': '设置用户 {user} 的密码（bcrypt，cost {cost}）',
  'note.ranFile': '执行 {file}。',
  'note.triggersFire': '本步写入的数据表上有触发器会触发：{triggers}。',
  'note.triggerOn': '{name}（位于 {table}）',
  'note.triggerChanged': '{table} 被触发器修改（之前 {before} 行，之后 {after} 行）。',
  'note.forced': '已将版本标记为 {version} 且状态干净（此前：{was}）。',
  'note.forcedWasDirty': 'dirty，版本 {version}',
  'note.forcedWasVersion': '版本 {version}',
  'skip.notUtf8': '{column} 含有非 UTF-8 字节：面板会把它们存为 U+FFFD，但回滚无法还原原始字节；保持原样',

  'recommend.lockout':
    '没有人能登录：有 {count} 个密码不是 bcrypt 哈希，而迁移 5 不会再将其哈希。密码修复会像迁移 5 那样将其哈希（bcrypt，cost 10），并且可以撤销；也可以设置管理员密码。',
  'recommend.afterwards': '{base}之后：{lockout}',
  'recommend.fixableError': '有 {count} 项检查发现错误；“{title}”有安全、可撤销的修复。',
  'recommend.checkErrors': '有 {count} 项检查发现面板或 Xray 不接受的错误（{ids}）；请查看健康检查。',
  'recommend.sqlFirst':
    '这些数据表是由错误的 DDL（golang-migrate 分支的 000001_init_schema.up.sql）创建的，面板无法在其上启动，PanelDB 也不会迁移它。{rows}请恢复该结构之前的备份，或把这些行转移到由面板创建的文件中。',
  'recommend.sqlFirstNoRows': '其中没有入站、客户端或用户。',
  'recommend.sqlFirstRows': '其中的数据行仍在：{inbounds} 个入站、{clients} 个客户端、{users} 个用户。',

  'claim.reason':
    'schema_migrations 记录的版本为 {recorded}，因此第 {version} 步 {name} 算作已应用、永远不会再执行，但这些行仍是该步之前的样子（是否强制设置过版本？）。',
  'claim.lockoutReason':
    '不是 bcrypt 哈希，而迁移 5 已算作已应用，不会再将其哈希：没有人能用它登录。修复会像迁移 5 那样将其哈希（bcrypt，cost 10）。',

  'warning.inUse':
    '该文件正被 {holders} 打开（是正在运行的面板吗？）。在该程序运行期间，PanelDB 不会写入它；如果现在就要处理，请将数据库连同它的 -wal 文件一起复制，然后打开副本。',
  'warning.holder': '{name}（pid {pid}）',
  'warning.holderUnknown': '某个进程（pid {pid}）',
  'warning.interruptedSave':
    '一次始于 {started} 的 PanelDB 保存被中断了（或仍在进行）。{wal}下一次 PanelDB 写入命令会完成或撤销它；在此之前，显示的内容可能缺少该 -wal 中的事务。',
  'warning.walKeptAt': '它的 -wal 保存在 {path}。',
  'wal.notRead': '未读取 -wal 文件（已要求忽略它）：其中的提交不会显示。',
  'wal.framesIgnored': '忽略了 {count} 个 WAL 帧：{why}。',
  'wal.whyEnd': '它们属于一个从未提交的事务',
  'wal.whyTorn': '最后一帧不完整（写入被截断）',
  'wal.whySalt': '它们是旧一代 WAL 留下的',
  'wal.whyChecksum': '第 {frame} 帧校验和不符（事务未完成或文件损坏），因此 SQLite 会忽略它及其后的全部内容',
  'wal.whyZeroPage': '第 {frame} 帧指向第 0 页，因此 SQLite 会忽略它及其后的全部内容',
  'wal.rollbackHeader':
    '数据库文件头声明为回滚日志模式，但旁边有一个含已提交帧的 -wal；SQLite 会重放它，PanelDB 也照此处理了。',
  'wal.rollbackHeaderIgnored':
    '数据库文件头声明为回滚日志模式，但旁边有一个含已提交帧的 -wal；SQLite 会重放它，PanelDB 也照此处理了。{ignored}',

  'backupProblem.noMetadata': '旁边没有 PanelDB 元数据：无法证明其内容',
  'backupProblem.companions': '旁边有 {files}：不是独立的备份',
  'backupProblem.metadataUnreadable': '它的元数据 {file} 不是可读的普通文件',
  'backupProblem.metadataInvalid': '它的元数据 {file} 不是 PanelDB 备份元数据',
  'warning.drift':
    '{file} 在版本 {version} 应用之后被修改过（当时 sha256 为 {recorded}…，现在为 {current}…）。解决之前无法执行迁移。',
  'roundtrip.sequence':
    '每次 down 之后都会恢复 AUTOINCREMENT 计数器（sqlite_sequence），因此第二次 up 新增的行与第一次得到相同的 id。',
  'roundtrip.stopped': '在第 {version} 步停止：之后的步骤需要先应用它。',
  'roundtrip.passed': '{database}：往返检查通过',
  'roundtrip.failed': '{database}：往返检查失败',
  'roundtrip.irreversible': '{label}：不可逆（没有 down），只运行了 up',
  'roundtrip.downRestores': 'down 让涉及的数据表完全复原',
  'roundtrip.downDiffers': 'down 未能让涉及的数据表复原',
  'roundtrip.secondSame': '第二次 up 结果相同',
  'roundtrip.secondDiffers': '第二次 up 结果不同',
  'roundtrip.changedRows': '有变化的行：{rows}',
  'auditSummary.backup': '备份（{reason}）',
  'auditSummary.migrate': '迁移',
  'auditSummary.migrateTo': '迁移到 v{to}',
  'auditSummary.rollBackTo': '回滚到 v{to}',
  'auditSummary.rollBackSteps': '回滚 {steps} 步',
  'auditSummary.setPassword': '设置 {user} 的密码',
  'auditSummary.restore': '恢复 {file}',
  'auditSummary.deleteBackup': '删除备份 {id}',
  'auditSummary.force': '强制设定版本 {version}',
  'auditSummary.forceAcknowledged': '强制设定版本 {version}（已确认这些步骤不会运行）',
  'auditSummary.fix': '修复 {check}',
  'auditSummary.revertFix': '撤销修复 {check}',
  'checkRow.clientsNotArray': '{label}：settings.clients 不是数组',
  'checkRow.clientNotObject': '{label}：clients[{index}] 是 {value}',
  'checkRow.tooDeep': '{label}：无法检查它的客户端和传输设置',
  'checkRow.targetInvalid': '{label}：target {value}（{problem}）',
  'checkRow.destInvalid': '{label}：dest {value}（{problem}）',
  'targetProblem.notPort': '不是端口',
  'targetProblem.notStringOrPort': '既不是字符串也不是端口号',
  'targetProblem.empty': '为空',
  'targetProblem.portRange': '端口超出范围',
  'targetProblem.noPort': '没有端口',
  'targetProblem.noValidPort': '没有有效的端口',
  'targetProblem.noHost': '没有主机',
  'targetProblem.ipv6': 'IPv6 主机未加方括号',
  'targetProblem.missing': '缺失',
  'safety.lockUnreadable': '中断的 PanelDB 留下了一个无法读取的写锁 {path}；已将其接管。',
  'safety.lockStale':
    'PanelDB {command} 的写锁（pid {pid}，始于 {since}）已失效：该进程已不存在。已将其接管。',
  'safety.recordIgnored': '已忽略保存记录 {path}，因为{problem}；未移动或删除任何文件。',
  'safety.saveCompleted': '在 {started} 中断的保存其实已完成；只留下了它的记录，已将其删除。',
  'safety.saveNotReplaced': '在 {started} 中断的保存尚未替换文件；无需移动任何文件。',
  'safety.saveWalBeside':
    '在 {started} 中断的保存尚未替换文件，但现在旁边有一个 -wal（面板可能已启动）：未移动任何文件。之前的 -wal 保存在 {aside}。{backup}',
  'safety.walPutBack': '在 {started} 中断的保存尚未替换文件；已将它的 -wal 放回，文件读起来与之前完全相同。',
  'safety.walAsideMissing':
    '在 {started} 中断的保存尚未替换文件，而移走的 -wal {aside} 不存在或不是普通文件：未移动任何文件。{backup}',
  'safety.walAsideOther':
    '在 {started} 中断的保存尚未替换文件，而移走的 -wal {aside} 已不是当初移走的那个：未移动任何文件。{backup}',
  'safety.saveNeither':
    '在 {started} 中断的保存留下的文件既不是原文件也不是新文件（之后面板写入过它）：未移动任何文件。{wal}{backup}',
  'safety.walKeptAt': '之前的 -wal 保存在 {path}。',
  'safety.backupBefore': '在它之前做的已校验备份是 {backup}。',
  'safety.tempRemoved': '已删除中断的 PanelDB 写入留下的 {count} 个临时文件。',
  'safety.notPrivate': '无法将 {path} 设为私有（0600）：{reason}',
  'safety.ownerLost':
    '{target} 原属于 uid {uid} gid {gid}；新文件无法设为该所有者（{reason}），因此它属于 uid {newUid} gid {newGid}。启动面板前，请把它交还给原所有者。',
  'saveProblem.notJson': '它不是有效的 JSON',
  'saveProblem.notRecord': '它不是此版本 PanelDB 的保存记录',
  'saveProblem.otherDatabase': '它指向另一个数据库（{target}）',
  'saveProblem.tempName': '其中的临时文件 {name} 不是 PanelDB 会使用的文件名',
  'saveProblem.originalHash': '缺少原文件的哈希',
  'saveProblem.newHash': '缺少新文件的哈希',
  'saveProblem.walName': '其中移走的 -wal {name} 不是 PanelDB 会使用的文件名',
  'saveProblem.shmName': '其中移走的 -shm {name} 不是 PanelDB 会使用的文件名',
  'saveProblem.unreadable': '无法读取它（{reason}）',
};

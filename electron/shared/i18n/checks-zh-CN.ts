// 简体中文: the health checks' titles and reasons, keyed like checks-en.ts.
import type { checksEn } from './checks-en';

export const checksZhCN: Record<keyof typeof checksEn, string> = {
  'check.xray.vision-xhttp-without-encryption.title': 'XHTTP 上启用了 Vision，但未开启 VLESS Encryption',
  'check.xray.vision-xhttp-without-encryption.reason':
    'Xray 会拒绝这些客户端（“XTLS only supports TLS and REALITY directly for now”）；面板的 XhttpFlowMigration 会设置它们。',
  'check.xray.vision-transport.title': 'Vision 用在了无法承载它的传输或安全层上',
  'check.xray.vision-transport.reason':
    'XTLS Vision 需要 TCP（raw）或 XHTTP，并配合 TLS 或 REALITY（或 VLESS Encryption）；在 ws、grpc、kcp、httpupgrade 或无安全层时 Xray 会拒绝。',
  'check.reality.target-invalid.title': 'REALITY target 缺少端口或无法解析',
  'check.reality.target-invalid.reason': 'Xray 无法启动该入站：target 必须是 host:port、端口或套接字路径。',
  'check.reality.legacy-dest.title': 'REALITY 入站只有旧的 "dest" 键',
  'check.reality.legacy-dest.reason': 'Xray 可以接受，但面板界面只读取 "target"，会显示并保存其默认值。',
  'check.json.invalid.title': '无法解析的 JSON 列',
  'check.json.invalid.reason': '面板和 Xray 都无法读取该值（SQL 文件 000002/000003 会留下这样的行）。',
  'check.json.duplicate-keys.title': 'JSON 列中存在重复的键',
  'check.json.duplicate-keys.reason':
    'SQLite 的 json_extract 读取第一个值，Go、JavaScript 和 Xray 读取最后一个：各工具对这一行的理解不一致。',
  'check.inbounds.duplicate-flow-keys.title': '客户端有两个 "flow" 键（SQL 文件 000003）',
  'check.inbounds.duplicate-flow-keys.reason':
    '面板和 Xray 读取最后一个 flow，SQLite 读取第一个；修复会保留面板当前读取的值。',
  'check.clients.not-object.title': '不是 JSON 对象的客户端条目',
  'check.clients.not-object.reason': '面板会跳过它们，Xray 会拒绝该入站；settings.clients 必须是对象数组。',
  'check.clients.duplicate-email.title': '客户端邮箱被重复使用',
  'check.clients.duplicate-email.reason': '邮箱是流量统计的键，必须在所有入站中唯一；Xray 会拒绝重复的邮箱。',
  'check.traffic.missing-row.title': '没有 client_traffics 行的客户端',
  'check.traffic.missing-row.reason': '面板不会显示它们的流量，也无法执行其流量限额或到期时间。',
  'check.traffic.orphan-row.title': '不属于任何客户端的 client_traffics 行',
  'check.traffic.orphan-row.reason': '删除或重命名客户端后遗留；无害，但会计入总量。',
  'check.inbounds.tag-empty.title': '没有 tag 的入站',
  'check.inbounds.tag-empty.reason': 'Xray 按 tag 路由和统计流量；面板会写入 inbound-<端口>。',
  'check.inbounds.tag-duplicate.title': '入站 tag 被重复使用',
  'check.inbounds.tag-duplicate.reason': '两个入站使用相同 tag 时，Xray 会拒绝整个配置。',
  'check.users.password-hashed-prefix.title': '密码以 "HASHED:…" 形式保存（SQL 文件 000005）',
  'check.users.password-hashed-prefix.reason': '登录时比较 bcrypt 哈希，必然失败：管理员被锁在门外。',
  'check.users.password-not-bcrypt.title': '不是 bcrypt 哈希的密码',
  'check.users.password-not-bcrypt.reason':
    '以明文（或空值）保存：面板登录比较 bcrypt 哈希。迁移 5 待执行时会将其哈希；无论标记如何，修复都会以同样方式（bcrypt，成本 10）将其哈希。',
  'check.schema-migrations.multiple-rows.title': 'schema_migrations 有不止一行',
  'check.schema-migrations.multiple-rows.reason':
    'golang-migrate 只读取一行，会在多行中任意选一行（手动执行 SQL 文件会留下多行）。',
  'check.markers.disagree.title': '面板标记与数据不一致',
  'check.markers.disagree.reason': '某个 seeder 被记录为已完成，但它本应修改的行仍是旧格式。',
  'check.json.too-deep.title': '嵌套过深、无法读取的 JSON 列',
  'check.json.too-deep.reason':
    'Go 的 JSON 解码器（面板、Xray）拒绝超过 10,000 层的嵌套，面板无法加载该值；PanelDB 报告该行并继续检查其余内容。',
  'check.markers.claim-exceeds-data.title': 'schema_migrations 声称的步骤在数据中看不到',
  'check.markers.claim-exceeds-data.reason':
    'schema_migrations 记录的版本使该步骤算作已应用、永远不会再运行，但这些行仍是该步骤之前的样子（是否强制设置过版本？）。',
  'checkRef.readme': 'README：健康检查',
  'checkRef.addClientStat': '面板的 x-ui migrate（AddClientStat）',
  'checkRef.vlessFlow': 'Xray-core 的 VLESS 入站（flow）',
};

/** The Chinese text of a check, also for ids with a suffix (markers.disagree.<Seeder>). */
export function checkTextZhCN(id: string): { title: string; reason: string } | undefined {
  const table: Readonly<Record<string, string>> = checksZhCN;
  for (const base of [id, id.split('.').slice(0, 2).join('.')]) {
    const title = table[`check.${base}.title`];
    const reason = table[`check.${base}.reason`];
    if (title !== undefined && reason !== undefined) return { title, reason };
  }
  return undefined;
}
